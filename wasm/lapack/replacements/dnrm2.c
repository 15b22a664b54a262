/* Port of LAPACK 3.11 BLAS/SRC/dnrm2.f90 (Anderson, "Algorithm 978: Safe Scaling in the Level 1 BLAS", 2017):
 * the Euclidean norm accumulated in three scaled sums (big, medium, small) so that neither squaring a huge entry
 * overflows nor squaring a tiny one underflows. */
#include <math.h>
#include "f2c.h"
#include "la_constants.h"

doublereal dnrm2_(integer *n, doublereal *x, integer *incx) {
  const double tsml = LA_DTSML, tbig = LA_DTBIG, ssml = LA_DSSML, sbig = LA_DSBIG, maxn = LA_DMAXN;
  if (*n <= 0) return 0.0;
  double scl = 1.0, sumsq = 0.0;
  int notbig = 1;
  double asml = 0.0, amed = 0.0, abig = 0.0;
  /* 0-based version of the Fortran index ix = 1 or 1 - (n-1)*incx. */
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
  /* Combine: the medium sum joins the big one (or the small one joins the medium) in the larger scale. */
  if (abig > 0.0) {
    if (amed > 0.0 || amed > maxn || amed != amed) abig += (amed * sbig) * sbig;
    scl = 1.0 / sbig;
    sumsq = abig;
  } else if (asml > 0.0) {
    if (amed > 0.0 || amed > maxn || amed != amed) {
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
      scl = 1.0;
      sumsq = ymax * ymax * (1.0 + (ymin / ymax) * (ymin / ymax));
    } else {
      scl = 1.0 / ssml;
      sumsq = asml;
    }
  } else {
    scl = 1.0;
    sumsq = amed;
  }
  return scl * sqrt(sumsq);
}
