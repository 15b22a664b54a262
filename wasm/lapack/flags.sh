# Compiler flags of the f2c-translated LAPACK/BLAS, shared by build.sh and check/check.sh (sourced, bash).
#  -ffp-contract=off: no FMA contraction, as in the native build, so both round the same way.
#  -msimd128: WebAssembly SIMD (the core's kernels and the BLAS loops vectorise).
lapack_cflags=(-O3 -msimd128 -ffp-contract=off -w)
# Reference BLAS accumulates dot products (dsymv, dgemv 'T', ddot) in one scalar chain that cannot be vectorised
# without reassociation. Optimised BLAS libraries (OpenBLAS, which the native build usually links) reorder these sums
# too; with 4-way interleaved vector loops it makes dsyev 40-50% faster here, and the eigenvalues stay within
# ~1e-14 * ||A|| of native (check/check.sh, test/core.agreement.test.ts). Only the BLAS files get it: no
# -ffinite-math-only, so NaN and Inf still propagate, and LAPACK proper keeps IEEE evaluation order.
blas_cflags=("${lapack_cflags[@]}" -fassociative-math -fno-signed-zeros -fno-trapping-math
  -mllvm -force-vector-interleave=4)
