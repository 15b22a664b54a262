#pragma once
// Vector kernels of the Lanczos hot loop. Reductions keep 8 independent partial sums combined in a fixed order: the
// compiler vectorises them without -ffast-math (no reassociation needed), and the native and WASM builds produce
// the same bits. Build with -ffp-contract=off so no FMA changes the rounding on one build only.
//
// The stored basis is a list of rows, one allocation per Lanczos vector (never one block of steps x n), in double or
// in float32 (half the memory; see lanczos.cpp for why that keeps the Ritz values): the kernels that read it are
// templates over the stored type T and always accumulate in double.
#include <cstddef>

namespace sane {
namespace kernels {

template <typename T>
inline double dot(const T* a, const double* b, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    s0 += static_cast<double>(a[i]) * b[i];
    s1 += static_cast<double>(a[i + 1]) * b[i + 1];
    s2 += static_cast<double>(a[i + 2]) * b[i + 2];
    s3 += static_cast<double>(a[i + 3]) * b[i + 3];
    s4 += static_cast<double>(a[i + 4]) * b[i + 4];
    s5 += static_cast<double>(a[i + 5]) * b[i + 5];
    s6 += static_cast<double>(a[i + 6]) * b[i + 6];
    s7 += static_cast<double>(a[i + 7]) * b[i + 7];
  }
  double t = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  for (; i < n; ++i) t += static_cast<double>(a[i]) * b[i];
  return t;
}

// y += a * x
template <typename T>
inline void axpy(double* __restrict y, double a, const T* __restrict x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] += a * static_cast<double>(x[i]);
}

inline void scale(double* x, double a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] *= a;
}

// The three-term update of the Lanczos step fused with what the partial mode measures on its result: w -= a q + b p
// (p may be null), then c0 = <q,w>, c1 = <p,w>, ww = <w,w> on the updated w, all in one pass over the three vectors
// (the update alone and three dot products would read them four times). Fixed summation order, as dot().
inline void updateAndProject(double* __restrict w, const double* __restrict q, const double* __restrict p, double a,
                             double b, std::size_t n, double& c0, double& c1, double& ww) {
  double s0[4] = {0, 0, 0, 0}, s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  if (p != nullptr) {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double x = w[i + l] - a * q[i + l] - b * p[i + l];
        w[i + l] = x;
        s0[l] += q[i + l] * x;
        s1[l] += p[i + l] * x;
        s2[l] += x * x;
      }
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double x = w[i + l] - a * q[i + l];
        w[i + l] = x;
        s0[l] += q[i + l] * x;
        s2[l] += x * x;
      }
    }
  }
  c0 = (s0[0] + s0[1]) + (s0[2] + s0[3]);
  c1 = (s1[0] + s1[1]) + (s1[2] + s1[3]);
  ww = (s2[0] + s2[1]) + (s2[2] + s2[3]);
  for (; i < n; ++i) {
    const double x = w[i] - a * q[i] - (p != nullptr ? b * p[i] : 0.0);
    w[i] = x;
    c0 += q[i] * x;
    if (p != nullptr) c1 += p[i] * x;
    ww += x * x;
  }
}

// out = (w - c0 q - c1 p) * inv, and row32 = float32(out) when given; p may be null (then c1 is ignored) and may
// alias out (each entry is read before it is written).
inline void normalizeInto(double* out, const double* w, double c0, const double* q, double c1, const double* p,
                          double inv, float* row32, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    double x = w[i] - c0 * q[i];
    if (p != nullptr) x -= c1 * p[i];
    out[i] = x * inv;
    if (row32 != nullptr) row32[i] = static_cast<float>(out[i]);
  }
}

// Columns per block: 2048 doubles = 16 KiB of w stay in L1 while the rows stream by.
constexpr std::size_t kBlock = 2048;

// Classical Gram-Schmidt twice against `k` stored rows (each of length n): w -= Q^T h1 with h1 = Q w, then again
// with h2 = Q w ("twice is enough": Giraud, Langou & Rozloznik 2005; the DGKS idea ARPACK uses). Three sweeps over
// the rows instead of four: the first subtraction and the second projection share a pass, on column blocks small
// enough that the block of every row stays in L2 between the two (BLAS-2 panel order: each sweep reads a column
// block of all k rows, so w's block is reused k times from L1). The block size depends on k and sizeof(T) only, so
// both builds sum in the same order. h1, h2: k entries each (outputs).
template <typename T>
inline void reorthogonalizeTwice(const T* const* rows, std::size_t k, std::size_t n, double* w, double* h1,
                                 double* h2) {
  for (std::size_t i = 0; i < k; ++i) h1[i] = h2[i] = 0;
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < k; ++i) h1[i] += dot(rows[i] + c, w + c, len);
  }
  std::size_t block = (std::size_t(1) << 18) / ((k ? k : 1) * sizeof(T));  // 256 KiB of rows per block
  block = block < 64 ? 64 : (block > kBlock ? kBlock : block);
  block &= ~std::size_t(7);
  for (std::size_t c = 0; c < n; c += block) {
    const std::size_t len = (n - c < block) ? n - c : block;
    for (std::size_t i = 0; i < k; ++i) axpy(w + c, -h1[i], rows[i] + c, len);
    for (std::size_t i = 0; i < k; ++i) h2[i] += dot(rows[i] + c, w + c, len);
  }
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < k; ++i) axpy(w + c, -h2[i], rows[i] + c, len);
  }
}

// w -= Q^T (Q w) against k rows: one classical Gram-Schmidt pass (dots over all rows first, then the updates),
// blocked as reorthogonalizeTwice. h: k entries (output).
template <typename T>
inline void projectOnce(const T* const* rows, std::size_t k, std::size_t n, double* w, double* h) {
  for (std::size_t i = 0; i < k; ++i) h[i] = 0;
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < k; ++i) h[i] += dot(rows[i] + c, w + c, len);
  }
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    for (std::size_t i = 0; i < k; ++i) axpy(w + c, -h[i], rows[i] + c, len);
  }
}

}  // namespace kernels
}  // namespace sane
