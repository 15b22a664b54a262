/* Ports of LAPACK 3.11 SRC/disnan.f and SRC/dlaisnan.f, which declare their argument INTENT(IN) (Fortran 90).
 * A NaN is the only value unequal to itself; the module is built without -ffast-math, so the compiler keeps the
 * comparison. */
#include "f2c.h"

logical dlaisnan_(doublereal *din1, doublereal *din2) { return *din1 != *din2; }

logical disnan_(doublereal *din) { return dlaisnan_(din, din); }
