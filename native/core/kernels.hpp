#pragma once
// Vector kernels of the Lanczos hot loop. Reductions keep 8 independent partial sums combined in a fixed order: the
// compiler vectorises them without -ffast-math (no reassociation needed), and the native and WASM builds produce
// the same bits. Build with -ffp-contract=off so no FMA changes the rounding on one build only.
#include <cstddef>

namespace sane {
namespace kernels {

inline double dot(const double* a, const double* b, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
    s4 += a[i + 4] * b[i + 4];
    s5 += a[i + 5] * b[i + 5];
    s6 += a[i + 6] * b[i + 6];
    s7 += a[i + 7] * b[i + 7];
  }
  double t = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  for (; i < n; ++i) t += a[i] * b[i];
  return t;
}

// y += a * x
inline void axpy(double* __restrict y, double a, const double* __restrict x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] += a * x[i];
}

inline void scale(double* x, double a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] *= a;
}

// Columns per block of the blocked Gram-Schmidt: 2048 doubles = 16 KiB of w stay in L1 while the basis streams by.
constexpr std::size_t kBlock = 2048;

// h[i] = <Q_i, w> for the first `rows` rows of the row-major basis Q (leading dimension n), blocked over columns so
// the basis is read once from memory and w from cache.
inline void projectBlocked(const double* q, std::size_t rows, std::size_t n, const double* w, double* h) {
  for (std::size_t i = 0; i < rows; ++i) h[i] = 0;
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < rows; ++i) h[i] += dot(q + i * n + c, w + c, len);
  }
}

// w -= Q^T h, blocked the same way.
inline void subtractBlocked(const double* q, std::size_t rows, std::size_t n, const double* h, double* w) {
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < rows; ++i) axpy(w + c, -h[i], q + i * n + c, len);
  }
}

// Classical Gram-Schmidt twice against the first `rows` rows of Q: w -= Q^T h1 with h1 = Q w, then again with
// h2 = Q w. Three sweeps over the basis instead of four: the first subtraction and the second projection share a
// pass, on column blocks small enough that the block of the basis stays in L2 between the two. The block size
// depends on `rows` only, so both builds sum in the same order. h1, h2: `rows` entries each (outputs).
inline void reorthogonalizeTwice(const double* q, std::size_t rows, std::size_t n, double* w, double* h1,
                                 double* h2) {
  projectBlocked(q, rows, n, w, h1);
  std::size_t block = (std::size_t(1) << 15) / (rows ? rows : 1);  // 256 KiB of basis per block
  block = block < 64 ? 64 : (block > kBlock ? kBlock : block);
  block &= ~std::size_t(7);
  for (std::size_t i = 0; i < rows; ++i) h2[i] = 0;
  for (std::size_t c = 0; c < n; c += block) {
    const std::size_t len = (n - c < block) ? n - c : block;
    for (std::size_t i = 0; i < rows; ++i) axpy(w + c, -h1[i], q + i * n + c, len);
    for (std::size_t i = 0; i < rows; ++i) h2[i] += dot(q + i * n + c, w + c, len);
  }
  subtractBlocked(q, rows, n, h2, w);
}

}  // namespace kernels
}  // namespace sane
