/* Port of LAPACK 3.11 INSTALL/dlamch.f, which reads the machine parameters through F90 intrinsics (EPSILON, TINY,
 * HUGE, RADIX, DIGITS, MINEXPONENT, MAXEXPONENT) that f2c does not know; <float.h> gives the same IEEE binary64
 * values. Rounding mode is round-to-nearest (RND = 1), so eps = EPSILON/2 = 2^-53 as in the Fortran. */
#include <float.h>
#include "f2c.h"

doublereal dlamch_(char *cmach, ftnlen cmach_len) {
  (void)cmach_len;
  const double eps = DBL_EPSILON * 0.5;
  /* LSAME: case-insensitive comparison of the first character. */
  char c = *cmach;
  if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
  switch (c) {
    case 'E': return eps;
    case 'S': {
      /* Safe minimum: smallest number whose reciprocal does not overflow. */
      double sfmin = DBL_MIN;
      const double small = 1.0 / DBL_MAX;
      if (small >= sfmin) sfmin = small * (1.0 + eps);
      return sfmin;
    }
    case 'B': return FLT_RADIX;
    case 'P': return eps * FLT_RADIX;
    case 'N': return DBL_MANT_DIG;
    case 'R': return 1.0;
    case 'M': return DBL_MIN_EXP;
    case 'U': return DBL_MIN;
    case 'L': return DBL_MAX_EXP;
    case 'O': return DBL_MAX;
    default: return 0.0;
  }
}
