#pragma once
// The only LAPACK routines the core calls. Keep this set minimal: the WASM build compiles their whole dependency
// closure from f2c-converted reference LAPACK.
//   dstev_  (JOBZ='V'): symmetric tridiagonal eigenproblem with eigenvectors (Lanczos Ritz values and weights).
//   dsyev_  (JOBZ='N', UPLO='U'): eigenvalues of a dense symmetric matrix (exact estimator).
// Fortran ABI: every argument by pointer, INTEGER = int (LP64 LAPACK), and one trailing hidden length per CHARACTER
// argument. gfortran passes that length as size_t; f2c's ftnlen on wasm32 is a 32-bit long, the size of size_t there.
#include <cstddef>

extern "C" {
void dstev_(const char* jobz, const int* n, double* d, double* e, double* z, const int* ldz, double* work, int* info,
            std::size_t jobzLen);
void dsyev_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w, double* work,
            const int* lwork, int* info, std::size_t jobzLen, std::size_t uploLen);
}
