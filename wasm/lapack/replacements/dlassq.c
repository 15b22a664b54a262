/* Port of LAPACK 3.11 SRC/dlassq.f90: updates (scl, sumsq) so that scl^2 * sumsq = x_1^2 + ... + x_n^2 +
 * scl_in^2 * sumsq_in, with Blue's three-accumulator scaling (as dnrm2.c) so nothing overflows or underflows. */
#include <math.h>
#include "f2c.h"
#include "la_constants.h"

int dlassq_(integer *n, doublereal *x, integer *incx, doublereal *scl, doublereal *sumsq) {
  const double tsml = LA_DTSML, tbig = LA_DTBIG, ssml = LA_DSSML, sbig = LA_DSBIG;
  /* A NaN input stays NaN (LA_ISNAN). */
  if (*scl != *scl || *sumsq != *sumsq) return 0;
  if (*sumsq == 0.0) *scl = 1.0;
  if (*scl == 0.0) {
    *scl = 1.0;
    *sumsq = 0.0;
  }
  if (*n <= 0) return 0;
  int notbig = 1;
  double asml = 0.0, amed = 0.0, abig = 0.0;
  integer ix = 0;
  if (*incx < 0) ix = -(*n - 1) * *incx;
  for (integer i = 0; i < *n; ++i) {
    double ax = fabs(x[ix]);
    if (ax > tbig) {
      abig += (ax * sbig) * (ax * sbig);
      notbig = 0;
    } else if (ax < tsml) {
      if (notbig) asml += (ax * ssml) * (ax * ssml);
    } else {
      amed += ax * ax;
    }
    ix += *incx;
  }
  /* Put the incoming sum of squares into the accumulator its magnitude belongs to. */
  if (*sumsq > 0.0) {
    double ax = *scl * sqrt(*sumsq);
    if (ax > tbig) {
      abig += (*scl * sbig) * (*scl * sbig) * *sumsq;
    } else if (ax < tsml) {
      if (notbig) asml += (*scl * ssml) * (*scl * ssml) * *sumsq;
    } else {
      amed += *scl * *scl * *sumsq;
    }
  }
  if (abig > 0.0) {
    if (amed > 0.0 || amed != amed) abig += (amed * sbig) * sbig;
    *scl = 1.0 / sbig;
    *sumsq = abig;
  } else if (asml > 0.0) {
    if (amed > 0.0 || amed != amed) {
      amed = sqrt(amed);
      asml = sqrt(asml) / ssml;
      double ymin, ymax;
      if (asml > amed) {
        ymin = amed;
        ymax = asml;
      } else {
        ymin = asml;
        ymax = amed;
      }
      *scl = 1.0;
      *sumsq = ymax * ymax * (1.0 + (ymin / ymax) * (ymin / ymax));
    } else {
      *scl = 1.0 / ssml;
      *sumsq = asml;
    }
  } else {
    *scl = 1.0;
    *sumsq = amed;
  }
  return 0;
}
