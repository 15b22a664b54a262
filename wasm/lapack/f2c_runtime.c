/* The five libf2c routines the f2c translation of our LAPACK subset calls (found by linking with
 * -sERROR_ON_UNDEFINED_SYMBOLS=1), written out by hand with libf2c's semantics instead of pulling in the whole
 * libf2c (whose I/O, STOP and main() we do not want in a library module). Signatures are exactly the prototypes
 * f2c -A emits in the generated files: on wasm32 a mismatch would not be a warning but a trapping call. */
#include <math.h>
#include <string.h>
#include "f2c.h"

/* Fortran SIGN(a, b): |a| with the sign of b (b = -0.0 counts as non-negative, as in libf2c). */
double d_sign(doublereal *a, doublereal *b) {
  double x = (*a >= 0 ? *a : -*a);
  return (*b >= 0 ? x : -x);
}

/* LEN(s) of a CHARACTER*(*) argument is its hidden length. */
integer i_len(char *s, ftnlen n) {
  (void)s;
  return n;
}

/* NINT(x) for REAL x: round half away from zero. */
integer i_nint(real *x) {
  return (integer)(*x >= 0 ? floor(*x + .5) : -floor(.5 - *x));
}

/* Fortran string comparison: the shorter string is padded with blanks; returns <0, 0, >0 like strcmp. */
integer s_cmp(char *a0, char *b0, ftnlen la, ftnlen lb) {
  const unsigned char *a = (const unsigned char *)a0, *b = (const unsigned char *)b0;
  const unsigned char *aend = a + la, *bend = b + lb;
  if (la <= lb) {
    while (a < aend) {
      if (*a != *b) return *a - *b;
      ++a, ++b;
    }
    while (b < bend) {
      if (*b != ' ') return ' ' - *b;
      ++b;
    }
  } else {
    while (b < bend) {
      if (*a != *b) return *a - *b;
      ++a, ++b;
    }
    while (a < aend) {
      if (*a != ' ') return *a - ' ';
      ++a;
    }
  }
  return 0;
}

/* Fortran assignment a = b of CHARACTER variables: truncate or blank-pad b to the length la of a. */
int s_copy(char *a, char *b, ftnlen la, ftnlen lb) {
  if (la <= lb) {
    memmove(a, b, (size_t)la);
  } else {
    memmove(a, b, (size_t)lb);
    memset(a + lb, ' ', (size_t)(la - lb));
  }
  return 0;
}
