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

template <typename T, typename U = double>
inline double dot(const T* a, const U* b, std::size_t n) {
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

// y += a * x (y in double, or in float32 rounded once per entry)
template <typename T, typename Y = double>
inline void axpy(Y* __restrict y, double a, const T* __restrict x, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = static_cast<Y>(static_cast<double>(y[i]) + a * static_cast<double>(x[i]));
}

template <typename X>
inline void scale(X* x, double a, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<X>(static_cast<double>(x[i]) * a);
}

// The three-term update of the Lanczos step and what the partial mode measures on its result, read-only: for
// x = w - a q - b p (p may be null), c0 = <q,x>, c1 = <p,x>, ww = <x,x> in one pass over the three vectors, without
// writing x. A step that needs no sweep never stores x: updateNormalizeInto recomputes it on the way to q_{j+1} (one
// write stream instead of two: w is not written back; the product buffer is overwritten by the next product anyway).
inline void projectUpdated(const double* __restrict w, const double* __restrict q, const double* __restrict p,
                           double a, double b, std::size_t n, double& c0, double& c1, double& ww) {
  double s0[4] = {0, 0, 0, 0}, s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  if (p != nullptr) {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double x = w[i + l] - a * q[i + l] - b * p[i + l];
        s0[l] += q[i + l] * x;
        s1[l] += p[i + l] * x;
        s2[l] += x * x;
      }
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double x = w[i + l] - a * q[i + l];
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
    c0 += q[i] * x;
    if (p != nullptr) c1 += p[i] * x;
    ww += x * x;
  }
}

// The six inner products of h, q and p (p may be null: its three are then 0) in one read-only pass. The partial
// mode's step takes the three-term update x = h - a q - b p and what projectUpdated measures on it (<q,x>, <p,x>,
// <x,x>) from these algebraically (lanczos.cpp, with an explicit pass where <x,x> would cancel), so that it reads
// the product where the caller left it: two passes over it instead of a copy and two.
struct GramOfThree {
  double qh = 0, ph = 0, hh = 0, qq = 0, qp = 0, pp = 0;
};
inline GramOfThree gramOfThree(const double* __restrict h, const double* __restrict q, const double* __restrict p,
                               std::size_t n) {
  double s0[4] = {0, 0, 0, 0}, s1[4] = {0, 0, 0, 0}, s2[4] = {0, 0, 0, 0};
  double s3[4] = {0, 0, 0, 0}, s4[4] = {0, 0, 0, 0}, s5[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  if (p != nullptr) {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double hv = h[i + l], qv = q[i + l], pv = p[i + l];
        s0[l] += qv * hv;
        s1[l] += pv * hv;
        s2[l] += hv * hv;
        s3[l] += qv * qv;
        s4[l] += qv * pv;
        s5[l] += pv * pv;
      }
    }
  } else {
    for (; i + 4 <= n; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double hv = h[i + l], qv = q[i + l];
        s0[l] += qv * hv;
        s2[l] += hv * hv;
        s3[l] += qv * qv;
      }
    }
  }
  const auto sum = [](const double* v) { return (v[0] + v[1]) + (v[2] + v[3]); };
  GramOfThree g;
  g.qh = sum(s0);
  g.ph = sum(s1);
  g.hh = sum(s2);
  g.qq = sum(s3);
  g.qp = sum(s4);
  g.pp = sum(s5);
  for (; i < n; ++i) {
    g.qh += q[i] * h[i];
    g.hh += h[i] * h[i];
    g.qq += q[i] * q[i];
    if (p != nullptr) {
      g.ph += p[i] * h[i];
      g.qp += q[i] * p[i];
      g.pp += p[i] * p[i];
    }
  }
  return g;
}

// out = ((w - a q - b p) - c0 q - c1 p) * inv, and row32 = float32(out) when given: the three-term update, the local
// correction and the normalisation in one pass, rounding exactly as writing x, correcting it and scaling it in three
// passes would (-ffp-contract=off: the same operations in the same order). p may be null (then b and c1 are ignored) and
// may alias out (each entry is read before it is written).
inline void updateNormalizeInto(double* out, const double* w, const double* q, const double* p, double a, double b,
                                double c0, double c1, double inv, float* row32, std::size_t n) {
  if (p != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      const double x = w[i] - a * q[i] - b * p[i];
      double y = x - c0 * q[i];
      y -= c1 * p[i];
      out[i] = y * inv;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const double x = w[i] - a * q[i];
      const double y = x - c0 * q[i];
      out[i] = y * inv;
    }
  }
  if (row32 != nullptr)
    for (std::size_t i = 0; i < n; ++i) row32[i] = static_cast<float>(out[i]);
}

// out = w * inv (out may be w), and row32 = float32(out) when given.
inline void scaleInto(double* out, const double* w, double inv, float* row32, std::size_t n) {
  if (row32 != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      out[i] = w[i] * inv;
      row32[i] = static_cast<float>(out[i]);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = w[i] * inv;
  }
}

// prev = cur, then cur = float32(w * inv): q_j moved into q_{j-1}'s buffer and q_{j+1} rounded over q_j in one pass
// (LanczosConfig::float32Vectors).
inline void shiftInto(float* __restrict prev, float* __restrict cur, const double* __restrict w, double inv,
                      std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    prev[i] = cur[i];
    cur[i] = static_cast<float>(w[i] * inv);
  }
}

// Columns per block: 2048 doubles = 16 KiB of w stay in L1 while the rows stream by.
constexpr std::size_t kBlock = 2048;

// Columns per block when a block of all k rows must stay in L2 between two uses (256 KiB of rows). Depends on k and
// sizeof(T) only, so both builds sum in the same order.
template <typename T>
inline std::size_t l2Block(std::size_t k) {
  std::size_t block = (std::size_t(1) << 18) / ((k ? k : 1) * sizeof(T));
  block = block < 64 ? 64 : (block > kBlock ? kBlock : block);
  return block & ~std::size_t(7);
}

// The first pass of a sweep, fused with the local part of the step: w = ((w - a q - b p) - c0 q - c1 p) in place
// (p may be null; a = b = c0 = c1 = 0 leaves w as it is), then h = Q w against k stored rows and ww = <w,w>, on
// column blocks that stay in L1 while the rows stream by. One read of every row and one read/write of w, where the
// update, two corrections, the projection and the norm used to take five passes over w and one over the rows.
// k = 0 just applies the update and measures it. h: k entries (output).
// Q, P: q_j's and q_{j-1}'s types (float where the run keeps them in float32, LanczosConfig::float32Vectors).
template <typename T, typename P = double, typename Q = double>
inline void updateAndDot(const T* const* rows, std::size_t k, std::size_t n, double* w, const Q* q,
                         const P* p, double a, double b, double c0, double c1, double* h, double& ww) {
  for (std::size_t i = 0; i < k; ++i) h[i] = 0;
  ww = 0;
  const bool local = a != 0 || b != 0 || c0 != 0 || c1 != 0;
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    if (local) {
      double* wb = w + c;
      const Q* qb = q + c;
      if (p != nullptr) {
        const P* pb = p + c;
        for (std::size_t i = 0; i < len; ++i) {
          const double pi = static_cast<double>(pb[i]);
          const double qi = static_cast<double>(qb[i]);
          const double x = wb[i] - a * qi - b * pi;
          double y = x - c0 * qi;
          y -= c1 * pi;
          wb[i] = y;
        }
      } else {
        for (std::size_t i = 0; i < len; ++i) {
          const double qi = static_cast<double>(qb[i]);
          const double x = wb[i] - a * qi;
          wb[i] = x - c0 * qi;
        }
      }
    }
    for (std::size_t i = 0; i < k; ++i) h[i] += dot(rows[i] + c, w + c, len);
    ww += dot(w + c, w + c, len);
  }
}

// The second Gram-Schmidt pass where one is needed: w -= Q^T h1 and h2 = Q w, sharing one read of the rows (column
// blocks small enough that each block of all k rows stays in L2 between the subtraction and the projection).
template <typename T>
inline void subtractAndDot(const T* const* rows, std::size_t k, std::size_t n, double* w, const double* h1,
                           double* h2) {
  for (std::size_t i = 0; i < k; ++i) h2[i] = 0;
  const std::size_t block = l2Block<T>(k);
  for (std::size_t c = 0; c < n; c += block) {
    const std::size_t len = (n - c < block) ? n - c : block;
    for (std::size_t i = 0; i < k; ++i) axpy(w + c, -h1[i], rows[i] + c, len);
    for (std::size_t i = 0; i < k; ++i) h2[i] += dot(rows[i] + c, w + c, len);
  }
}

// The last subtraction of a sweep, written to its destination: out = w - Q^T h (out may be w, or q_{j+1}'s buffer,
// which then needs no separate copy), returning <out,out> (the new beta^2, measured, not inferred).
template <typename T>
inline double subtractInto(double* out, const double* w, const T* const* rows, std::size_t k, std::size_t n,
                           const double* h) {
  double nn = 0;
  for (std::size_t c = 0; c < n; c += kBlock) {
    const std::size_t len = (n - c < kBlock) ? n - c : kBlock;
    if (out != w)
      for (std::size_t i = 0; i < len; ++i) out[c + i] = w[c + i];
    for (std::size_t i = 0; i < k; ++i) axpy(out + c, -h[i], rows[i] + c, len);
    nn += dot(out + c, out + c, len);
  }
  return nn;
}

// w -= Q^T (Q w) against k rows: one classical Gram-Schmidt pass (dots over all rows first, then the updates),
// blocked as reorthogonalizeTwice. h: k entries (output). w in double, or in float32 (a start vector formed in
// float32 vectors, LanczosConfig::float32Vectors).
template <typename T, typename W = double>
inline void projectOnce(const T* const* rows, std::size_t k, std::size_t n, W* w, double* h) {
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
