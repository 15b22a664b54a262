// Finite-difference HVP arithmetic in float32 parameters.
//
// Step rule. The gradient g is evaluated in float32 at float32 parameters, so each evaluation carries a relative
// rounding error of order u = 2^-23 (machine epsilon of float32), and theta +- eps v is itself rounded to float32.
// Central differences: error ~ eps^2/6 |D^3 L[v,v,.]| (truncation) + u |g| / eps (rounding); the sum is smallest at
// eps ~ u^(1/3) = 4.9e-3 in units of the problem's scale. Forward differences: eps/2 |D^2 L[v,.]| + u |g| / eps,
// smallest at eps ~ u^(1/2) = 3.5e-4. The unit is the parameters' own size: max(1, ||theta||_inf), divided by
// ||v||_2 so that the displacement has 2-norm rel * max(1, ||theta||_inf) whatever the direction. For a unit vector
// e_k (the exact estimator) the coordinate moves by that much, far above the float32 spacing of theta (a ratio of
// u/rel ~ 2.4e-5 central), which matches the SANE.md measurement that eps near 5e-3 balances truncation against
// rounding. A dense direction (Lanczos, SLQ) gets the same displacement norm rather than that much per coordinate:
// the truncation error grows with the square of the displacement, and scaling by ||v||_inf instead put lambda_max
// from Lanczos 0.8% high on mlp_tanh_lr0.5 (0.17% with the 2-norm). The smaller per-coordinate moves are rounded
// relatively more, which fdPerturb measures. Users override rel with relStep.
//
// The realised displacement differs from eps v by rounding. fdPerturb therefore measures it (exactly, in double) and
// returns the denominator that matches it: s = <d, v>/<v, v> is the least-squares step along v of the realised
// displacement d, so a unit direction e_k gives the exact difference quotient of column k.
//
// Blocked sums. Every sum over P values (||v||^2, <d, v>, Richardson's error norms) is taken in fixed blocks of
// kBlock values: sequential inside a block, then the block sums in block order. Threads take whole blocks, so the
// numbers are the same with one thread or eight, natively and in WebAssembly (which has no threads); below kBlock
// values the sum is the plain sequential one. Elementwise results (the points, the products) do not depend on it.
//
// The fused calls (fdPoints, fdCombineChecked, fdRichardson) exist because at P ~ 5e5 the passes over P values of
// the elementary calls, the float64 copies of the gradients and the JavaScript loops around them took a quarter of a
// product's time on mlp784 (onnxruntime needs ~22 ms a product there); see README "Performance".

#include "fd_hvp.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

#include "error.hpp"

namespace sane {

namespace {

constexpr std::size_t kBlock = kFdBlock;

std::size_t blockCount(std::size_t n) { return (n + kBlock - 1) / kBlock; }

// Runs body(block, begin, end) over the blocks of [0, n), on up to fdThreads(n) threads, each taking a contiguous run
// of blocks. body must not throw (it records failures per block; the caller reports them after the join).
template <class F>
void forBlocks(std::size_t n, F&& body) {
  const std::size_t blocks = blockCount(n);
  auto run = [&body, n, blocks](std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1 && b < blocks; ++b) body(b, b * kBlock, std::min(n, (b + 1) * kBlock));
  };
#ifndef __EMSCRIPTEN__
  const std::size_t threads = std::min<std::size_t>(fdThreads(n), blocks);
  if (threads > 1) {
    const std::size_t per = (blocks + threads - 1) / threads;
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    std::size_t started = 1;
    try {
      for (; started < threads; ++started) pool.emplace_back(run, started * per, (started + 1) * per);
    } catch (...) {
      // No thread to be had (resource limits): the calling thread takes the remaining blocks.
    }
    run(0, per);
    for (std::size_t t = started; t < threads; ++t) run(t * per, (t + 1) * per);
    for (auto& th : pool) th.join();
    return;
  }
#endif
  run(0, blocks);
}

inline bool finite(double x) { return x - x == 0; }  // false for NaN and +-Inf

double sumOfBlocks(const std::vector<double>& parts) {
  double s = 0;
  for (double p : parts) s += p;
  return s;
}

// Inside a block, sums are kept in kLanes interleaved partial sums (the value at offset j of the block goes to lane
// j mod kLanes), added as (l0 + l1) + (l2 + l3) at the end of the block. A single running sum makes every element
// wait for the previous addition (about 4 cycles); four independent ones let the compiler overlap and vectorise them
// (at P = 5.4e5, one thread: fdPoints 1.67 -> 1.43 ms, fdCombineChecked 0.82 -> 0.59 ms, fdRichardson 1.89 -> 1.43 ms,
// two runs minutes apart on the loaded machine). Finiteness is tracked the same way, as a sum of x - x (0 for finite
// x, NaN for NaN and +-Inf), which needs no branch in the loop.
constexpr std::size_t kLanes = 4;
struct Lanes {
  double l[kLanes] = {0, 0, 0, 0};
  double total() const { return (l[0] + l[1]) + (l[2] + l[3]); }
};

// Runs step(i, lane) for i in [i0, i1): four at a time (lanes 0..3), then the tail with lane (i - i0) mod 4.
template <class Step>
inline void laneLoop(std::size_t i0, std::size_t i1, Step&& step) {
  std::size_t i = i0;
  for (; i + kLanes <= i1; i += kLanes) {
    step(i, 0);
    step(i + 1, 1);
    step(i + 2, 2);
    step(i + 3, 3);
  }
  for (; i < i1; ++i) step(i, (i - i0) % kLanes);
}

// ||v||_2^2 in blocks.
template <class V>
double sumOfSquares(const V* v, std::size_t n) {
  std::vector<double> parts(blockCount(n));
  forBlocks(n, [&](std::size_t b, std::size_t i0, std::size_t i1) {
    Lanes s;
    laneLoop(i0, i1, [&](std::size_t i, std::size_t k) {
      const double x = static_cast<double>(v[i]);
      s.l[k] += x * x;
    });
    parts[b] = s.total();
  });
  return sumOfBlocks(parts);
}

void checkRelStep(double relStep) {
  if (std::isnan(relStep) || std::isinf(relStep))
    throw Error(ErrorKind::Argument, "finite-difference relStep must be a finite number");
}

// fdStep's rule from thetaScale = max(1, ||theta||_inf) and vv = ||v||_2^2.
double stepFrom(double thetaScale, double vv, FdScheme scheme, double relStep) {
  const double vNorm = std::sqrt(vv);
  if (!std::isfinite(vNorm))
    throw Error(ErrorKind::Numerical, "finite-difference step: the direction v has a NaN or infinite entry");
  if (vNorm == 0) throw Error(ErrorKind::Argument, "finite-difference step: the direction v is zero");
  const double u = static_cast<double>(FLT_EPSILON);
  const double rel = relStep > 0 ? relStep : (scheme == FdScheme::Central ? std::cbrt(u) : std::sqrt(u));
  return rel * thetaScale / vNorm;
}

void checkEps(double eps) {
  if (!(eps > 0) || !std::isfinite(eps))
    throw Error(ErrorKind::Argument,
                "finite-difference perturbation: eps must be positive and finite (got " + std::to_string(eps) + ")");
}

// The denominator from the realised <d, v> and <v, v> (see the header of this file).
double denominatorOf(double dv, double vv, double eps, bool central) {
  if (!(vv > 0)) throw Error(ErrorKind::Argument, "finite-difference perturbation: the direction v is zero");
  const double s = dv / vv;
  if (!(s > 0))
    throw Error(ErrorKind::Argument,
                "finite-difference perturbation: theta +- eps*v rounds back to theta in float32 (eps = " +
                std::to_string(eps) + " is too small for these parameters); use a larger relative step");
  return central ? 2 * s : s;
}

// One realised point pair at i: theta + eps v rounded to float32, and (central) its mirror theta - (p - theta); the
// return value is the realised displacement d_i (exact in double: differences of float32 values).
template <bool Central>
inline double perturbAt(double t, double vi, double eps, float* plus, float* minus, std::size_t i, double& nan) {
  const float p = static_cast<float>(t + eps * vi);
  nan += static_cast<double>(p) - static_cast<double>(p);
  plus[i] = p;
  const double up = static_cast<double>(p) - t;
  if (!Central) return up;
  // Mirror the realised upward step, so the displacement is as symmetric as float32 allows.
  const float q = static_cast<float>(t - up);
  minus[i] = q;
  return 0.5 * (static_cast<double>(p) - static_cast<double>(q));
}

struct PerturbSums {
  double dv1 = 0, dv2 = 0, vv = 0;
};

#if defined(__GNUC__) || defined(__clang__)
#define SANE_FD_VECTOR 1
// perturbAt on two adjacent entries at once, in vectors of two doubles (SSE2 natively, simd128 in WebAssembly): the
// same operations in the same order, each rounded as the scalar one is (IEEE, no FMA: -ffp-contract=off), so the
// points and the sums are the same bits. GCC vectorised only parts of the scalar loop (its conversions to and from
// float32 stayed scalar), and the pass was bound by them rather than by memory: fdPoints on mlp784 (P = 535,818)
// took 1.2-1.6 ms instead of 2.0-2.4 in a C++ harness (same run, interleaved), two thirds of its time being this
// pass. Compilers without vector extensions (MSVC) run the scalar loop.
typedef double V2d __attribute__((vector_size(16)));
typedef float V2f __attribute__((vector_size(8)));

inline V2d load2(const double* p) {
  V2d x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
inline V2d load2(const float* p) {
  V2f x;
  std::memcpy(&x, p, sizeof x);
  return __builtin_convertvector(x, V2d);
}

template <bool Central>
inline V2d perturbAt2(V2d t, V2d vi, V2d eps, float* plus, float* minus, std::size_t i, V2d& nan) {
  const V2f p = __builtin_convertvector(t + eps * vi, V2f);
  const V2d pd = __builtin_convertvector(p, V2d);
  nan += pd - pd;
  std::memcpy(plus + i, &p, sizeof p);
  const V2d up = pd - t;
  if (!Central) return up;
  const V2f q = __builtin_convertvector(t - up, V2f);
  std::memcpy(minus + i, &q, sizeof q);
  const V2d half = {0.5, 0.5};
  return half * (pd - __builtin_convertvector(q, V2d));
}

// Four lanes as two vectors: lanes 0 and 1 in lo, 2 and 3 in hi (the scalar loop's lane k = (i - i0) mod 4).
struct Lanes2 {
  V2d lo = {0, 0}, hi = {0, 0};
  // Lanes 0-1 (half 0) or 2-3 (half 1).
  V2d& half(int h) { return h ? hi : lo; }
  Lanes lanes() const { return Lanes{{lo[0], lo[1], hi[0], hi[1]}}; }
};
#endif

struct BlockSums {
  double dv1 = 0, dv2 = 0, vv = 0;
  bool bad = false;
};

// The points of one or two steps (eps and 2 eps) for the entries [i0, i1) of one block, and the block's sums of
// <d1, v>, <d2, v> and (WithVv) <v, v>; bad when a point is not finite.
template <bool Central, bool Second, bool WithVv, class V>
BlockSums perturbBlock(const float* theta, const V* v, std::size_t i0, std::size_t i1, double eps, float* plus,
                       float* minus, float* plus2, float* minus2) {
  const double eps2 = 2 * eps;
  Lanes s1, s2, sv, nan;
  std::size_t head = i0;
#ifdef SANE_FD_VECTOR
  {
    Lanes2 v1, v2, vsq, vnan;
    const V2d e1 = {eps, eps}, e2 = {eps2, eps2};
    for (; head + kLanes <= i1; head += kLanes) {
      for (int half = 0; half < 2; ++half) {
        const std::size_t i = head + 2 * static_cast<std::size_t>(half);
        V2d& an = vnan.half(half);
        const V2d t = load2(theta + i);
        const V2d vi = load2(v + i);
        v1.half(half) += perturbAt2<Central>(t, vi, e1, plus, minus, i, an) * vi;
        if (Second) v2.half(half) += perturbAt2<Central>(t, vi, e2, plus2, minus2, i, an) * vi;
        if (WithVv) vsq.half(half) += vi * vi;
      }
    }
    s1 = v1.lanes();
    s2 = v2.lanes();
    sv = vsq.lanes();
    nan = vnan.lanes();
  }
#endif
  // The rest of the block (all of it without vector extensions), continuing the same lanes.
  laneLoop(head, i1, [&](std::size_t i, std::size_t k0) {
    const std::size_t k = (k0 + (head - i0)) % kLanes;
    const double t = theta[i];
    const double vi = static_cast<double>(v[i]);
    s1.l[k] += perturbAt<Central>(t, vi, eps, plus, minus, i, nan.l[k]) * vi;
    if (Second) s2.l[k] += perturbAt<Central>(t, vi, eps2, plus2, minus2, i, nan.l[k]) * vi;
    if (WithVv) sv.l[k] += vi * vi;
  });
  return {s1.total(), s2.total(), sv.total(), !finite(nan.total())};
}

// After a pass whose blocks flagged `bad`: throws Numerical naming the first index where a point is not finite.
void throwIfPointsBad(const std::vector<char>& bad, std::size_t n, const float* plus, const float* minus,
                      const float* plus2, const float* minus2) {
  for (std::size_t b = 0; b < bad.size(); ++b) {
    if (!bad[b]) continue;
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) {
      const bool first = std::isfinite(plus[i]) && (minus == nullptr || std::isfinite(minus[i]));
      const bool second = plus2 == nullptr || (std::isfinite(plus2[i]) && std::isfinite(minus2[i]));
      if (!first || !second)
        throw Error(ErrorKind::Numerical,
                    "finite-difference perturbation: theta + eps*v is not finite at index " + std::to_string(i) +
                        " (eps too large, or theta/v not finite)");
    }
  }
}

// Writes the points of one or two steps (eps and 2 eps) in one pass and returns the blocked <d1, v>, <d2, v> and
// (WithVv) <v, v>. Throws Numerical at the first index where a point is not finite.
template <bool Central, bool Second, bool WithVv, class V>
PerturbSums perturbPass(const float* theta, const V* v, std::size_t n, double eps, float* plus, float* minus,
                        float* plus2, float* minus2) {
  const std::size_t blocks = blockCount(n);
  std::vector<double> dv1(blocks), dv2(blocks), vv(blocks);
  std::vector<char> bad(blocks, 0);
  forBlocks(n, [&](std::size_t b, std::size_t i0, std::size_t i1) {
    const BlockSums r = perturbBlock<Central, Second, WithVv>(theta, v, i0, i1, eps, plus, minus, plus2, minus2);
    dv1[b] = r.dv1;
    dv2[b] = r.dv2;
    vv[b] = r.vv;
    bad[b] = r.bad ? 1 : 0;
  });
  throwIfPointsBad(bad, n, plus, Central ? minus : nullptr, Second ? plus2 : nullptr, Second ? minus2 : nullptr);
  return {sumOfBlocks(dv1), sumOfBlocks(dv2), sumOfBlocks(vv)};
}

void checkDenominator(double denominator, const char* what) {
  if (!(denominator > 0) || !std::isfinite(denominator))
    throw Error(ErrorKind::Argument, std::string("finite-difference ") + what +
                                         ": the denominator must be positive and finite (use fdPerturb's result)");
}

// The first flagged block's first index for which bad(i) holds, or -1.
template <class Bad>
std::int64_t firstFlagged(const std::vector<char>& flagged, std::size_t n, Bad&& bad) {
  for (std::size_t b = 0; b < flagged.size(); ++b) {
    if (!flagged[b]) continue;
    for (std::size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i)
      if (bad(i)) return static_cast<std::int64_t>(i);
  }
  return -1;
}

}  // namespace

unsigned fdThreads(std::size_t n) {
#ifdef __EMSCRIPTEN__
  (void)n;
  return 1;
#else
  // SANE_CORE_THREADS=k runs the passes on k threads (read per call, so a benchmark can switch it between calls).
  // Without it they stay on the calling thread: measured on the 2-core machine with onnxruntime's own two threads,
  // a second thread made the passes slower at every P from 6.5e4 to 1.1e7 (README "Performance").
  if (const char* env = std::getenv("SANE_CORE_THREADS")) {
    const long k = std::strtol(env, nullptr, 10);
    if (k >= 1) return static_cast<unsigned>(std::min<long>(k, 64));
  }
  (void)n;
  return 1;
#endif
}

double fdThetaScale(const float* theta, std::size_t n) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference step: the parameter vector is empty");
  const std::size_t blocks = blockCount(n);
  std::vector<float> maxima(blocks);
  std::vector<char> bad(blocks, 0);
  forBlocks(n, [&](std::size_t b, std::size_t i0, std::size_t i1) {
    float m = 0;
    float nan = 0;
    for (std::size_t i = i0; i < i1; ++i) {
      const float a = std::fabs(theta[i]);
      nan += a - a;
      m = a > m ? a : m;
    }
    maxima[b] = m;
    bad[b] = nan == 0 ? 0 : 1;
  });
  const std::int64_t at = firstFlagged(bad, n, [&](std::size_t i) { return !std::isfinite(theta[i]); });
  if (at >= 0)
    throw Error(ErrorKind::Numerical,
                "finite-difference step: theta has a NaN or infinite entry at index " + std::to_string(at));
  float m = 0;
  for (float x : maxima) m = std::max(m, x);
  return std::fmax(1.0, static_cast<double>(m));  // the max is exact: the same value as a sequential scan
}

template <class V>
double fdStep(const float* theta, const V* v, std::size_t n, FdScheme scheme, double relStep) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference step: the parameter vector is empty");
  checkRelStep(relStep);
  const double scale = fdThetaScale(theta, n);
  return stepFrom(scale, sumOfSquares(v, n), scheme, relStep);
}

template <class V>
double fdPerturb(const float* theta, const V* v, std::size_t n, double eps, float* plus, float* minus) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference perturbation: the parameter vector is empty");
  checkEps(eps);
  const PerturbSums s = minus != nullptr
                            ? perturbPass<true, false, true>(theta, v, n, eps, plus, minus, nullptr, nullptr)
                            : perturbPass<false, false, true>(theta, v, n, eps, plus, nullptr, nullptr, nullptr);
  return denominatorOf(s.dv1, s.vv, eps, minus != nullptr);
}

template <class V>
FdPoints fdPoints(const float* theta, const V* v, std::size_t n, double thetaScale, FdScheme scheme,
                  double relStep, float* plus, float* minus, float* plus2, float* minus2) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference step: the parameter vector is empty");
  checkRelStep(relStep);
  if (!(thetaScale >= 1) || !std::isfinite(thetaScale))
    throw Error(ErrorKind::Argument, "finite-difference points: thetaScale must be fdThetaScale(theta), >= 1");
  const bool central = minus != nullptr;
  if (plus2 != nullptr && (!central || minus2 == nullptr))
    throw Error(ErrorKind::Argument, "finite-difference points: the second step needs central pairs");
  const double vv = sumOfSquares(v, n);
  const double eps = stepFrom(thetaScale, vv, scheme, relStep);
  checkEps(eps);
  PerturbSums s;
  if (plus2 != nullptr)
    s = perturbPass<true, true, false>(theta, v, n, eps, plus, minus, plus2, minus2);
  else if (central)
    s = perturbPass<true, false, false>(theta, v, n, eps, plus, minus, nullptr, nullptr);
  else
    s = perturbPass<false, false, false>(theta, v, n, eps, plus, nullptr, nullptr, nullptr);
  FdPoints r{eps, denominatorOf(s.dv1, vv, eps, central), 0};
  if (plus2 != nullptr) r.denominator2 = denominatorOf(s.dv2, vv, 2 * eps, true);
  return r;
}

double fdUnitStep(double thetaScale, FdScheme scheme, double relStep) {
  checkRelStep(relStep);
  if (!(thetaScale >= 1) || !std::isfinite(thetaScale))
    throw Error(ErrorKind::Argument, "finite-difference points: thetaScale must be fdThetaScale(theta), >= 1");
  const double eps = stepFrom(thetaScale, 1.0, scheme, relStep);
  checkEps(eps);
  return eps;
}

FdPerturbBlocks::FdPerturbBlocks(const float* theta, std::size_t n, double eps, float* plus, float* minus)
    : theta_(theta), n_(n), eps_(eps), plus_(plus), minus_(minus), dv_(blockCount(n)), vv_(blockCount(n)),
      bad_(blockCount(n), 0) {
  if (n == 0) throw Error(ErrorKind::Argument, "finite-difference perturbation: the parameter vector is empty");
  checkEps(eps);
}

template <class V>
void FdPerturbBlocks::block(const V* v, std::size_t b) {
  const std::size_t i0 = b * kBlock, i1 = std::min(n_, i0 + kBlock);
  const BlockSums r =
      minus_ != nullptr
          ? perturbBlock<true, false, true>(theta_, v, i0, i1, eps_, plus_, minus_, nullptr, nullptr)
          : perturbBlock<false, false, true>(theta_, v, i0, i1, eps_, plus_, nullptr, nullptr, nullptr);
  dv_[b] = r.dv1;
  vv_[b] = r.vv;
  bad_[b] = r.bad ? 1 : 0;
}

double FdPerturbBlocks::denominator() const {
  throwIfPointsBad(bad_, n_, plus_, minus_, nullptr, nullptr);
  return denominatorOf(sumOfBlocks(dv_), sumOfBlocks(vv_), eps_, minus_ != nullptr);
}

void fdCombine(const double* gPlus, const double* gMinus, std::size_t n, double denominator, double* out) {
  checkDenominator(denominator, "combine");
  for (std::size_t i = 0; i < n; ++i) out[i] = (gPlus[i] - gMinus[i]) / denominator;
}

template <class A, class B>
std::int64_t fdCombineChecked(const A* gPlus, const B* gMinus, std::size_t n, double denominator, double* out) {
  checkDenominator(denominator, "combine");
  std::vector<char> bad(blockCount(n), 0);
  forBlocks(n, [&](std::size_t b, std::size_t i0, std::size_t i1) {
    Lanes nan;
    std::size_t head = i0;
#ifdef SANE_FD_VECTOR
    // Two entries at a time (see perturbAt2): the division, which bounds this pass, issues two per instruction.
    {
      const V2d den = {denominator, denominator};
      V2d vn = {0, 0};
      for (; head + 2 <= i1; head += 2) {
        const V2d o = (load2(gPlus + head) - load2(gMinus + head)) / den;
        vn += o - o;
        std::memcpy(out + head, &o, sizeof o);
      }
      nan.l[0] = vn[0] + vn[1];  // only its finiteness is read
    }
#endif
    laneLoop(head, i1, [&](std::size_t i, std::size_t k) {
      const double o = (static_cast<double>(gPlus[i]) - static_cast<double>(gMinus[i])) / denominator;
      nan.l[k] += o - o;
      out[i] = o;
    });
    bad[b] = finite(nan.total()) ? 0 : 1;
  });
  return firstFlagged(bad, n, [&](std::size_t i) { return !std::isfinite(out[i]); });
}

// The one pass of fdRichardson and fdRichardsonOnto: D1 from `D1` (d1.pair(i): entries i and i+1 as a vector,
// d1.at(i): entry i, d1.finiteAt(i): whether D1_i was finite, asked after out is written), D2 from the long pair.
template <class D1, class T>
FdRichardsonResult richardsonPass(const D1& d1Source, const T* g2Plus, const T* g2Minus, std::size_t n, double den1,
                                  double den2, double* out) {
  checkDenominator(den1, "Richardson (short step)");
  checkDenominator(den2, "Richardson (long step)");
  const double a = den2 * den2;
  const double b = den1 * den1;
  if (!(a > b))
    throw Error(ErrorKind::Argument, "finite-difference Richardson: the long step must be longer than the short one");
  const double w1 = a / (a - b);
  const double w2 = b / (a - b);
  const std::size_t blocks = blockCount(n);
  std::vector<double> corr(blocks), norm(blocks);
  std::vector<char> bad(blocks, 0);
  const auto d2At = [&](std::size_t i) {
    return (static_cast<double>(g2Plus[i]) - static_cast<double>(g2Minus[i])) / den2;
  };
  forBlocks(n, [&](std::size_t blk, std::size_t i0, std::size_t i1) {
    Lanes c, s, nan;
    std::size_t head = i0;
#ifdef SANE_FD_VECTOR
    // Four entries at a time in the scalar loop's lanes (see perturbAt2): two divisions per instruction.
    {
      Lanes2 vc, vs, vn;
      const V2d d2v = {den2, den2}, w1v = {w1, w1}, w2v = {w2, w2};
      for (; head + kLanes <= i1; head += kLanes) {
        for (int half = 0; half < 2; ++half) {
          const std::size_t i = head + 2 * static_cast<std::size_t>(half);
          const V2d d1 = d1Source.pair(i);
          const V2d d2 = (load2(g2Plus + i) - load2(g2Minus + i)) / d2v;
          const V2d r = w1v * d1 - w2v * d2;
          vn.half(half) += (d1 - d1) + (d2 - d2) + (r - r);
          const V2d e = r - d1;
          vc.half(half) += e * e;
          vs.half(half) += r * r;
          std::memcpy(out + i, &r, sizeof r);
        }
      }
      c = vc.lanes();
      s = vs.lanes();
      nan = vn.lanes();
    }
#endif
    laneLoop(head, i1, [&](std::size_t i, std::size_t k0) {
      const std::size_t k = (k0 + (head - i0)) % kLanes;
      const double d1 = d1Source.at(i);
      const double d2 = d2At(i);
      const double r = w1 * d1 - w2 * d2;
      nan.l[k] += (d1 - d1) + (d2 - d2) + (r - r);
      const double e = r - d1;
      c.l[k] += e * e;
      s.l[k] += r * r;
      out[i] = r;
    });
    corr[blk] = c.total();
    norm[blk] = s.total();
    bad[blk] = finite(nan.total()) ? 0 : 1;
  });
  const std::int64_t at = firstFlagged(bad, n, [&](std::size_t i) {
    return !d1Source.finiteAt(i) || !std::isfinite(d2At(i)) || !std::isfinite(out[i]);
  });
  const double c = sumOfBlocks(corr);
  const double s = sumOfBlocks(norm);
  return {at, s > 0 ? std::sqrt(c / s) : 0, c, s};
}

// D1 from the short pair's gradients.
template <class T>
struct ShortPair {
  const T* plus;
  const T* minus;
  double den;
  double at(std::size_t i) const { return (static_cast<double>(plus[i]) - static_cast<double>(minus[i])) / den; }
  bool finiteAt(std::size_t i) const { return std::isfinite(at(i)); }
#ifdef SANE_FD_VECTOR
  V2d pair(std::size_t i) const {
    const V2d d = {den, den};
    return (load2(plus + i) - load2(minus + i)) / d;
  }
#endif
};

// D1 already in out (read at i before R_i is written there; the vector path reads both entries first). Its
// finiteness cannot be asked after the pass, but a non-finite D1_i makes R_i non-finite (w1 > 0), which is.
struct InPlace {
  const double* d1;
  double at(std::size_t i) const { return d1[i]; }
  bool finiteAt(std::size_t) const { return true; }
#ifdef SANE_FD_VECTOR
  V2d pair(std::size_t i) const { return load2(d1 + i); }
#endif
};

template <class T>
FdRichardsonResult fdRichardson(const T* g1Plus, const T* g1Minus, const T* g2Plus, const T* g2Minus, std::size_t n,
                                double den1, double den2, double* out) {
  return richardsonPass(ShortPair<T>{g1Plus, g1Minus, den1}, g2Plus, g2Minus, n, den1, den2, out);
}

template <class T>
FdRichardsonResult fdRichardsonOnto(const T* g2Plus, const T* g2Minus, std::size_t n, double den1, double den2,
                                    double* inout) {
  return richardsonPass(InPlace{inout}, g2Plus, g2Minus, n, den1, den2, inout);
}

// Directions in double (exact operators' runs, the tests) or float32 (Lanczos runs with float32 vectors).
template double fdStep<double>(const float*, const double*, std::size_t, FdScheme, double);
template double fdStep<float>(const float*, const float*, std::size_t, FdScheme, double);
template double fdPerturb<double>(const float*, const double*, std::size_t, double, float*, float*);
template double fdPerturb<float>(const float*, const float*, std::size_t, double, float*, float*);
template FdPoints fdPoints<double>(const float*, const double*, std::size_t, double, FdScheme, double, float*, float*,
                                   float*, float*);
template FdPoints fdPoints<float>(const float*, const float*, std::size_t, double, FdScheme, double, float*, float*,
                                  float*, float*);
template void FdPerturbBlocks::block<double>(const double*, std::size_t);
template void FdPerturbBlocks::block<float>(const float*, std::size_t);
template std::int64_t fdCombineChecked<float, float>(const float*, const float*, std::size_t, double, double*);
template std::int64_t fdCombineChecked<float, double>(const float*, const double*, std::size_t, double, double*);
template std::int64_t fdCombineChecked<double, float>(const double*, const float*, std::size_t, double, double*);
template std::int64_t fdCombineChecked<double, double>(const double*, const double*, std::size_t, double, double*);
template FdRichardsonResult fdRichardson<float>(const float*, const float*, const float*, const float*, std::size_t,
                                                double, double, double*);
template FdRichardsonResult fdRichardson<double>(const double*, const double*, const double*, const double*,
                                                 std::size_t, double, double, double*);
template FdRichardsonResult fdRichardsonOnto<float>(const float*, const float*, std::size_t, double, double, double*);
template FdRichardsonResult fdRichardsonOnto<double>(const double*, const double*, std::size_t, double, double,
                                                     double*);

void accumulate(double* acc, const float* g, std::size_t n, double weight) {
  for (std::size_t i = 0; i < n; ++i) acc[i] += weight * static_cast<double>(g[i]);
}

}  // namespace sane
