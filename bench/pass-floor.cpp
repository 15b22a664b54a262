// What a Lanczos step on a finite-difference HVP costs outside onnxruntime, pass by pass, at mlp784's P = 535,818,
// and what fused forms of those passes would cost: the measurements behind README "Performance", "Fourteenth
// session". Not a test and not part of the package: `npm run bench:passes` compiles and runs it
// (g++ -O3 -std=c++17 -ffp-contract=off, the addon's flags; build/pass-floor [P] for another size).
// The present passes are the core's own code (kernels.hpp, fd_hvp.cpp). The fused ones are prototypes written here
// (the same arithmetic, not wired into the core): they bound what fusing can gain. Each figure is a median over 31
// rounds with the caches flushed before each pass (64 MiB written): in a run, onnxruntime's product evicts most of
// them between two steps.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

#include "fd_hvp.hpp"
#include "kernels.hpp"

namespace {

double nowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<char> flushBuffer(64 << 20);
double sink = 0;

void flushCaches() {
  for (std::size_t i = 0; i < flushBuffer.size(); i += 64) flushBuffer[i]++;
}

// Every pass once per round, 31 rounds, caches flushed before each pass: a change of the machine's load during the
// measurement weighs on all passes alike. Returns each pass's median.
std::vector<double> medians(const std::vector<std::function<void()>>& passes) {
  std::vector<std::vector<double>> t(passes.size());
  for (int r = 0; r < 31; ++r)
    for (std::size_t k = 0; k < passes.size(); ++k) {
      flushCaches();
      const double t0 = nowMs();
      passes[k]();
      t[k].push_back(nowMs() - t0);
    }
  std::vector<double> m;
  for (auto& x : t) {
    std::sort(x.begin(), x.end());
    m.push_back(x[15]);
  }
  return m;
}

// The product h = (g+ - g-)/den read from the two float32 gradients instead of a double buffer.
template <typename V>
void gramFromGradients(const float* gp, const float* gm, double den, const V* q, const V* p, std::size_t n,
                       double* out) {
  double s[6][4] = {};
  for (std::size_t i = 0; i + 4 <= n; i += 4)
    for (int l = 0; l < 4; ++l) {
      const double h = (static_cast<double>(gp[i + l]) - static_cast<double>(gm[i + l])) / den;
      const double qv = q[i + l], pv = p[i + l];
      s[0][l] += qv * h; s[1][l] += pv * h; s[2][l] += h * h; s[3][l] += qv * qv; s[4][l] += qv * pv; s[5][l] += pv * pv;
    }
  for (int k = 0; k < 6; ++k) out[k] = (s[k][0] + s[k][1]) + (s[k][2] + s[k][3]);
}

// q_{j+1} = (h - a q - b p) / beta and the central points theta +- eps q_{j+1} for the next product, with
// <d, q_{j+1}> and <q_{j+1}, q_{j+1}> for its denominator, in one pass. The product as a double buffer (FromGradients
// false) or as the two float32 gradients. Two entries at a time in vectors of two doubles, as fd_hvp.cpp's perturbAt2
// (GCC leaves the float32 conversions of the scalar loop scalar, and the pass is then bound by them).
typedef double V2d __attribute__((vector_size(16)));
typedef float V2f __attribute__((vector_size(8)));
template <typename T>
V2d load2(const T* x) {
  if constexpr (sizeof(T) == 8) {
    V2d v;
    std::memcpy(&v, x, sizeof v);
    return v;
  } else {
    V2f v;
    std::memcpy(&v, x, sizeof v);
    return __builtin_convertvector(v, V2d);
  }
}
template <typename T>
void store2(T* x, V2d v) {
  if constexpr (sizeof(T) == 8) {
    std::memcpy(x, &v, sizeof v);
  } else {
    const V2f f = __builtin_convertvector(v, V2f);
    std::memcpy(x, &f, sizeof f);
  }
}

template <typename V, bool FromGradients>
double updateAndPoints(const double* h, const float* gp, const float* gm, double den, const V* q, const V* p,
                       double a, double b, double inv, const float* theta, double eps, V* next, float* plus,
                       float* minus, std::size_t n) {
  V2d dv = {0, 0}, vv = {0, 0};
  const V2d av = {a, a}, bv = {b, b}, iv = {inv, inv}, ev = {eps, eps}, dn = {den, den}, half = {0.5, 0.5};
  for (std::size_t i = 0; i + 2 <= n; i += 2) {
    const V2d hv = FromGradients ? (load2(gp + i) - load2(gm + i)) / dn : load2(h + i);
    const V2d x = (hv - av * load2(q + i) - bv * load2(p + i)) * iv;
    store2(next + i, x);
    const V2d t = load2(theta + i);
    const V2f pt = __builtin_convertvector(t + ev * x, V2f);
    const V2d pd = __builtin_convertvector(pt, V2d);
    std::memcpy(plus + i, &pt, sizeof pt);
    const V2f mt = __builtin_convertvector(t - (pd - t), V2f);
    std::memcpy(minus + i, &mt, sizeof mt);
    dv += half * (pd - __builtin_convertvector(mt, V2d)) * x;
    vv += x * x;
  }
  return dv[0] + dv[1] + vv[0] + vv[1];
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 535818;
  std::vector<double> h(n, 0.3), q(n, 1.0 / 732), p(n, 0.5 / 732), next(n), copy(n);
  std::vector<float> q32(n, 1.0f / 732), p32(n, 0.5f / 732), next32(n);
  std::vector<float> theta(n, 0.05f), plus(n), minus(n), gp(n, 0.2f), gm(n, 0.1f);
  for (std::size_t i = 0; i < n; ++i) theta[i] = 0.05f * static_cast<float>((i % 17) + 1);
  double g6[6];

  const auto m = medians({
      [&] {  // fdPoints: the norm pass, then the points
        sink += sane::fdPoints(theta.data(), q.data(), n, 1.0, sane::FdScheme::Central, 0, plus.data(), minus.data(),
                               nullptr, nullptr).denominator;
      },
      [&] { sink += sane::fdCombineChecked(gp.data(), gm.data(), n, 0.01, h.data()); },
      [&] { std::memcpy(copy.data(), q.data(), 8 * n); },  // vectorView's copy of a double row
      [&] {
        const auto g = sane::kernels::gramOfThree(h.data(), q.data(), p.data(), n);
        sink += g.qh + g.ph + g.hh + g.qq + g.qp + g.pp;
      },
      [&] {
        sane::kernels::updateNormalizeInto(next.data(), h.data(), q.data(), p.data(), 0.1, 0.2, 0, 0, 1.1, nullptr, n);
      },
      [&] {
        sink += updateAndPoints<double, false>(h.data(), nullptr, nullptr, 0, q.data(), p.data(), 0.1, 0.2, 1.1,
                                               theta.data(), 1e-3, next.data(), plus.data(), minus.data(), n);
      },
      [&] {
        gramFromGradients(gp.data(), gm.data(), 0.01, q.data(), p.data(), n, g6);
        sink += g6[0] + g6[1] + g6[2] + g6[3] + g6[4] + g6[5];
      },
      [&] {
        sink += updateAndPoints<double, true>(nullptr, gp.data(), gm.data(), 0.01, q.data(), p.data(), 0.1, 0.2, 1.1,
                                              theta.data(), 1e-3, next.data(), plus.data(), minus.data(), n);
      },
      [&] {
        gramFromGradients(gp.data(), gm.data(), 0.01, q32.data(), p32.data(), n, g6);
        sink += g6[0] + g6[1] + g6[2] + g6[3] + g6[4] + g6[5];
      },
      [&] {
        sink += updateAndPoints<float, true>(nullptr, gp.data(), gm.data(), 0.01, q32.data(), p32.data(), 0.1, 0.2,
                                             1.1, theta.data(), 1e-3, next32.data(), plus.data(), minus.data(), n);
      },
  });
  std::printf("P = %zu; medians of 31 rounds, caches flushed before each pass, ms\n\n", n);
  std::printf("Present passes of one step (partial reorthogonalisation, no sweep):\n"
              "  fdPoints (norm + points)        %.3f\n  fdCombineChecked                %.3f\n"
              "  vectorView copy of q_j          %.3f\n  gramOfThree                     %.3f\n"
              "  updateNormalizeInto             %.3f\n  sum                             %.3f\n\n",
              m[0], m[1], m[2], m[3], m[4], m[0] + m[1] + m[2] + m[3] + m[4]);
  std::printf("Fused prototypes (sum of the passes a step would then make):\n"
              "  A. the update writes the next points (no norm pass, no copy): combine + gram + A  %.3f\n"
              "  B. A reading the float32 gradients (no combine): gram + update, both from them    %.3f\n"
              "  C. B with q_j, q_{j-1} in float32                                                 %.3f\n",
              m[1] + m[3] + m[5], m[6] + m[7], m[8] + m[9]);
  std::fprintf(stderr, "%g\n", sink);
  return 0;
}
