/* dstev_/dsyev_ with the gfortran ABI that native/core/lapack.hpp declares (void subroutines, int INTEGERs, size_t
 * hidden string lengths), over the f2c translations compiled into the native addon under the names sane_f2c_*
 * (CMakeLists.txt / binding.gyp define dstev_/dsyev_ to them, as wasm/build.sh does).
 * wasm/lapack/fortran_abi.c is the WASM twin; it can assert ftnlen == size_t, which holds on wasm32 only. Here
 * f2c's ftnlen is 32-bit and size_t 64-bit, so the lengths are converted explicitly (they are 1: single-letter
 * options). The symbols are hidden (-fvisibility=hidden): a LAPACK that another library brings into the process
 * neither replaces these nor is replaced by them. */
#include <stddef.h>
#include "f2c.h"

/* This file is built with the LAPACK sources, whose -Ddstev_=sane_f2c_dstev_ renames must not reach it. */
#undef dstev_
#undef dsyev_

int sane_f2c_dstev_(char *jobz, integer *n, doublereal *d, doublereal *e, doublereal *z, integer *ldz,
                    doublereal *work, integer *info, ftnlen jobz_len);
int sane_f2c_dsyev_(char *jobz, char *uplo, integer *n, doublereal *a, integer *lda, doublereal *w,
                    doublereal *work, integer *lwork, integer *info, ftnlen jobz_len, ftnlen uplo_len);

_Static_assert(sizeof(integer) == sizeof(int), "LAPACK INTEGER must be the core's int");

void dstev_(const char *jobz, const int *n, double *d, double *e, double *z, const int *ldz, double *work, int *info,
            size_t jobz_len) {
  sane_f2c_dstev_((char *)jobz, (integer *)n, d, e, z, (integer *)ldz, work, info, (ftnlen)jobz_len);
}

void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, double *work,
            const int *lwork, int *info, size_t jobz_len, size_t uplo_len) {
  sane_f2c_dsyev_((char *)jobz, (char *)uplo, (integer *)n, a, (integer *)lda, w, work, (integer *)lwork, info,
                  (ftnlen)jobz_len, (ftnlen)uplo_len);
}
