/* Port of LAPACK 3.11 SRC/dlartg.f90 (Anderson, Algorithm 978): the plane rotation [c s; -s c] [f; g] = [r; 0].
 * When |f| and |g| lie in [rtmin, rtmax] the direct formula cannot overflow or underflow; otherwise both are first
 * scaled by u = clamp(max(|f|, |g|), safmin, safmax). */
#include <math.h>
#include "f2c.h"
#include "la_constants.h"

int dlartg_(doublereal *f, doublereal *g, doublereal *c, doublereal *s, doublereal *r) {
  const double safmin = LA_DSAFMIN, safmax = LA_DSAFMAX;
  const double rtmin = sqrt(safmin);
  const double rtmax = sqrt(safmax / 2);
  const double f1 = fabs(*f), g1 = fabs(*g);
  if (*g == 0.0) {
    *c = 1.0;
    *s = 0.0;
    *r = *f;
  } else if (*f == 0.0) {
    *c = 0.0;
    *s = copysign(1.0, *g);
    *r = g1;
  } else if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax) {
    const double d = sqrt(*f * *f + *g * *g);
    *c = f1 / d;
    *r = copysign(d, *f);
    *s = *g / *r;
  } else {
    const double u = fmin(safmax, fmax(safmin, fmax(f1, g1)));
    const double fs = *f / u, gs = *g / u;
    const double d = sqrt(fs * fs + gs * gs);
    *c = fabs(fs) / d;
    *r = copysign(d, *f);
    *s = gs / *r;
    *r = *r * u;
  }
  return 0;
}
