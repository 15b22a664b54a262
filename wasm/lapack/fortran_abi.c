/* The entry points the core calls, with the gfortran ABI it declares in native/core/lapack.hpp (void subroutines,
 * int INTEGERs, size_t hidden lengths). f2c makes every SUBROUTINE return int, and on wasm32 a call through a
 * declaration whose result type differs from the definition traps (wasm-ld replaces it with an `unreachable` stub),
 * so the f2c translations of DSTEV/DSYEV are compiled under the names sane_f2c_* (-D in build.sh) and wrapped here.
 * integer (int32_t) and int, and ftnlen (int32_t) and size_t, are all 32-bit on wasm32. */
#include <stddef.h>
#include "f2c.h"

int sane_f2c_dstev_(char *jobz, integer *n, doublereal *d, doublereal *e, doublereal *z, integer *ldz,
                    doublereal *work, integer *info, ftnlen jobz_len);
int sane_f2c_dsyev_(char *jobz, char *uplo, integer *n, doublereal *a, integer *lda, doublereal *w,
                    doublereal *work, integer *lwork, integer *info, ftnlen jobz_len, ftnlen uplo_len);

_Static_assert(sizeof(integer) == sizeof(int), "LAPACK INTEGER must be the core's int");
_Static_assert(sizeof(ftnlen) == sizeof(size_t), "hidden string lengths must be the core's size_t");

void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz, double *work, int *info,
            size_t jobz_len) {
  sane_f2c_dstev_((char *)jobz, (integer *)n, d, e, z, (integer *)ldz, work, info, (ftnlen)jobz_len);
}

void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info, size_t jobz_len, size_t uplo_len) {
  sane_f2c_dsyev_((char *)jobz, (char *)uplo, (integer *)n, a, (integer *)lda, w, work, (integer *)lwork, info,
                  (ftnlen)jobz_len, (ftnlen)uplo_len);
}
