/* The double-precision constants of LAPACK 3.11's SRC/la_constants.f90, evaluated for IEEE binary64
 * (RADIX = 2, DIGITS = 53, MINEXPONENT = -1021, MAXEXPONENT = 1024). Blue's scaling constants:
 *   tsml = 2^ceiling((minexp - 1)/2)            = 2^-511   values below are squared after scaling up
 *   tbig = 2^floor((maxexp - digits + 1)/2)     = 2^486    values above are squared after scaling down
 *   ssml = 2^-floor((minexp - digits)/2)        = 2^537    scale-up factor for small values
 *   sbig = 2^-ceiling((maxexp + digits - 1)/2)  = 2^-538   scale-down factor for big values
 *   safmin = 2^max(minexp - 1, 1 - maxexp)      = 2^-1022 (DBL_MIN), safmax = 1/safmin = 2^1022 */
#ifndef SANE_LA_CONSTANTS_H
#define SANE_LA_CONSTANTS_H

#define LA_DTSML 0x1p-511
#define LA_DTBIG 0x1p486
#define LA_DSSML 0x1p537
#define LA_DSBIG 0x1p-538
#define LA_DSAFMIN 0x1p-1022
#define LA_DSAFMAX 0x1p1022
#define LA_DMAXN 0x1.fffffffffffffp1023 /* huge(0d0) */

#endif
