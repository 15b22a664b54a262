// WebAssembly bindings of the core: plain C entry points over native/core (the same sources as the N-API addon),
// called from src/core/wasm/binding.ts, which copies typed arrays into the heap and reads results back. Arguments
// arrive checked by src/core/checked.ts (the one checking boundary), so nothing is re-checked here.
//
// Conventions (single-threaded module, so module-level state is safe):
//  - No C++ exception ever crosses into JavaScript: every entry point runs inside guarded(), which turns sane::Error,
//    std::bad_alloc and any other std::exception into a message kept in g_error and a sane::ErrorKind in
//    g_errorKind; JS checks sane_error_pending() after each call and throws an Error with sane_error_message() and
//    `code` = the kind's code (sane_error_code(), the strings the addon sets). (Emscripten's JS-side exception
//    objects carry no message, and a stray throw would abort the module.)
//  - Vectors returned by a call are left in g_out (sane_out_ptr/sane_out_len) until the next call that returns one.
//  - Counts that may exceed 2^31 (n, seeds, byte budgets) travel as doubles; pointers are unsigned on the JS side
//    (the heap may grow to 4 GiB).
#include <emscripten/emscripten.h>

#include <cmath>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "../native/core/eigen.hpp"
#include "../native/core/error.hpp"
#include "../native/core/fd_hvp.hpp"
#include "../native/core/fd_points_sink.hpp"
#include "../native/core/lanczos.hpp"
#include "../native/core/memory_guard.hpp"
#include "../native/core/metrics.hpp"
#include "../native/core/vector_pool.hpp"
#include "../native/core/version.hpp"

namespace {

std::string g_error;
sane::ErrorKind g_errorKind = sane::ErrorKind::Argument;
bool g_errorPending = false;
std::vector<double> g_out;

std::string outOfMemoryMessage(const char* what) {
  return std::string("out of memory in ") + what +
         ": the WASM heap could not grow (it is limited to 4 GiB, and the browser or Node may allow less); lower "
         "the memory budget, reduce the problem or use the native core";
}

// The result type is fn's (not onError's: NAN is a float and would round every double result to float32).
template <typename F, typename E>
auto guarded(const char* what, E onError, F&& fn) -> decltype(fn()) {
  using R = decltype(fn());
  g_errorPending = false;
  try {
    return fn();
  } catch (const sane::Error& e) {
    g_error = e.what();
    g_errorKind = e.kind();
  } catch (const std::bad_alloc&) {
    g_error = outOfMemoryMessage(what);
    g_errorKind = sane::ErrorKind::Memory;
  } catch (const std::exception& e) {
    g_error = std::string(what) + ": " + e.what();
    g_errorKind = sane::ErrorKind::Argument;
  } catch (...) {
    g_error = std::string(what) + ": unknown C++ exception";
    g_errorKind = sane::ErrorKind::Argument;
  }
  g_errorPending = true;
  return static_cast<R>(onError);
}

sane::NegativePolicy policyOf(int p) { return p == 1 ? sane::NegativePolicy::Clip : sane::NegativePolicy::Abs; }

sane::SpectralFunction functionOf(int f) {
  switch (f) {
    case 1: return sane::SpectralFunction::Trace;
    case 2: return sane::SpectralFunction::Count;
    default: return sane::SpectralFunction::EffectiveParameters;
  }
}

// Probes arrive flattened: counts[p] nodes for probe p, nodes and weights concatenated in probe order.
std::vector<sane::QuadratureRule> probesOf(int probes, const int* counts, const double* nodes, const double* weights) {
  std::vector<sane::QuadratureRule> out(static_cast<std::size_t>(probes));
  std::size_t at = 0;
  for (int p = 0; p < probes; ++p) {
    const std::size_t c = static_cast<std::size_t>(counts[p]);
    out[p].nodes.assign(nodes + at, nodes + at + c);
    out[p].weights.assign(weights + at, weights + at + c);
    at += c;
  }
  return out;
}

struct Session {
  // attachFdPoints: theta's copy and the points in the heap, and the sink the solver feeds (before solver, which
  // is destroyed first).
  std::vector<float> theta, plus, minus;
  std::unique_ptr<sane::FdPointsSink> fd;
  // What the memory guard counted for the run, and the budget it was given (0: the heap's default), so that the
  // points, which natively live in the caller's buffers but here in the heap, are counted too.
  std::uint64_t runBytes = 0, memoryBudget = 0;
  std::unique_ptr<sane::Lanczos> solver;
  sane::LanczosResult result;
};

}  // namespace

// Directions v: float64, or float32 when vF32 (a Lanczos run with float32 vectors).
template <class F>
auto withDirection(const void* v, int vF32, F&& f) {
  return vF32 ? f(static_cast<const float*>(v)) : f(static_cast<const double*>(v));
}

extern "C" {

EMSCRIPTEN_KEEPALIVE int sane_error_pending() { return g_errorPending ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE const char* sane_error_message() { return g_error.c_str(); }
// "SANE_CORE_ARGUMENT", "SANE_CORE_MEMORY", "SANE_CORE_NUMERICAL" or "SANE_CORE_STATE" (native/core/error.hpp).
EMSCRIPTEN_KEEPALIVE const char* sane_error_code() { return sane::errorCode(g_errorKind); }
EMSCRIPTEN_KEEPALIVE double* sane_out_ptr() { return g_out.data(); }
EMSCRIPTEN_KEEPALIVE double sane_out_len() { return static_cast<double>(g_out.size()); }
// Frees g_out (it can be as large as a Ritz vector).
EMSCRIPTEN_KEEPALIVE void sane_out_release() { std::vector<double>().swap(g_out); }

EMSCRIPTEN_KEEPALIVE const char* sane_version() { return sane::coreVersion(); }
EMSCRIPTEN_KEEPALIVE double sane_pooled_bytes() { return static_cast<double>(sane::pooledBytes()); }

// ---- Lanczos sessions -------------------------------------------------------------------------------------------

// flags: bit 0 reorthogonalize, bit 1 partial, bit 2 float32Basis, bit 3 float32Vectors.
// deflation: deflationCount pointers to float32 rows of length n in the heap, which the caller keeps until destroy.
EMSCRIPTEN_KEEPALIVE Session* sane_lanczos_create(double n, int steps, int flags, double seed, int ritzVectors,
                                                  double memoryBudget, const double* start,
                                                  const float* const* deflation, int deflationCount) {
  return guarded("createLanczos", static_cast<Session*>(nullptr), [&] {
    sane::LanczosConfig cfg;
    cfg.n = static_cast<std::size_t>(n);
    cfg.maxSteps = steps;
    cfg.reorthogonalize = (flags & 1) != 0;
    cfg.partial = (flags & 2) != 0;
    cfg.float32Basis = (flags & 4) != 0;
    cfg.float32Vectors = (flags & 8) != 0;
    cfg.seed = static_cast<std::uint64_t>(seed);
    cfg.ritzVectors = ritzVectors;
    cfg.memoryBudget = static_cast<std::uint64_t>(memoryBudget);
    cfg.deflation = deflation;
    cfg.deflationCount = deflationCount;
    std::unique_ptr<Session> s(new Session());
    s->runBytes = sane::lanczosRunBytes(cfg);
    s->memoryBudget = cfg.memoryBudget;
    s->solver.reset(new sane::Lanczos(cfg, start));
    return s.release();
  });
}

EMSCRIPTEN_KEEPALIVE void sane_lanczos_destroy(Session* s) { delete s; }
EMSCRIPTEN_KEEPALIVE double sane_lanczos_size(Session* s) { return static_cast<double>(s->solver->size()); }
EMSCRIPTEN_KEEPALIVE int sane_lanczos_done(Session* s) { return s->solver->done() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int sane_lanczos_steps_taken(Session* s) { return s->solver->stepsTaken(); }
EMSCRIPTEN_KEEPALIVE const double* sane_lanczos_vector(Session* s) { return s->solver->vector(); }
// q_j with float32 vectors (null otherwise).
EMSCRIPTEN_KEEPALIVE const float* sane_lanczos_vector32(Session* s) { return s->solver->vector32(); }
EMSCRIPTEN_KEEPALIVE double* sane_lanczos_product(Session* s) { return s->solver->productBuffer(); }

// 1: another product is needed, 0: finished, -1: error.
EMSCRIPTEN_KEEPALIVE int sane_lanczos_step(Session* s) {
  return guarded("Lanczos step", -1, [&] { return s->solver->step() ? 1 : 0; });
}

// The finite-difference points of every q_j from now on (fd_points_sink.hpp), written into heap buffers the session
// owns (sane_lanczos_fd_plus/minus): theta (n floats in the heap) is copied. 1 on success, -1 on error.
EMSCRIPTEN_KEEPALIVE int sane_lanczos_attach_fd(Session* s, const float* theta, double thetaScale, int forward,
                                                double relStep) {
  return guarded("attachFdPoints", -1, [&] {
    const std::size_t n = s->solver->size();
    const sane::FdScheme scheme = forward ? sane::FdScheme::Forward : sane::FdScheme::Central;
    s->solver->setVectorSink(nullptr);
    s->fd.reset();
    // theta's copy and the points: 12 bytes a parameter (8 forward). An explicit budget covers the run and them;
    // the default one is what the heap has left, which already counts the run's allocations.
    const std::uint64_t points = static_cast<std::uint64_t>(n) * 4 * (forward ? 2 : 3);
    const std::uint64_t counted = s->memoryBudget > 0 ? s->runBytes + points : points;
    // A previous attach's buffers are freed first, so that the heap's default budget counts them as free.
    for (std::vector<float>* v : {&s->theta, &s->plus, &s->minus}) std::vector<float>().swap(*v);
    sane::checkMemory64(counted, s->memoryBudget,
                        "the finite-difference points of a Lanczos run over " + std::to_string(n) +
                            " parameters in the WASM heap (theta's copy and " + (forward ? "one point" : "two points") +
                            (s->memoryBudget > 0 ? ", on top of the run's own memory)" : ")"));
    s->theta.assign(theta, theta + n);
    s->plus.assign(n, 0.0f);
    s->minus.assign(forward ? 0 : n, 0.0f);
    s->fd.reset(new sane::FdPointsSink(s->theta.data(), n, thetaScale, scheme, relStep, s->plus.data(),
                                       forward ? nullptr : s->minus.data()));
    s->solver->setVectorSink(s->fd.get());
    return 1;
  });
}
EMSCRIPTEN_KEEPALIVE const float* sane_lanczos_fd_plus(Session* s) { return s->plus.data(); }
EMSCRIPTEN_KEEPALIVE const float* sane_lanczos_fd_minus(Session* s) { return s->minus.empty() ? nullptr : s->minus.data(); }
EMSCRIPTEN_KEEPALIVE double sane_lanczos_fd_eps(Session* s) { return s->fd ? s->fd->eps() : std::nan(""); }
// The denominator of q_j's points (NaN with the error pending when a point is not finite, or nothing is attached:
// a refused attachFdPoints leaves none).
EMSCRIPTEN_KEEPALIVE double sane_lanczos_fd_denominator(Session* s) {
  return guarded("fdPoints", std::nan(""), [&] {
    if (!s->fd) throw sane::Error(sane::ErrorKind::State, "Lanczos fdPoints(): no points attached");
    return s->fd->denominator();
  });
}

// Computes the result into the session (with the Ritz vectors when withVectors); fields are read with the accessors
// below. 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_lanczos_result(Session* s, int withVectors) {
  return guarded("Lanczos result", -1, [&] {
    s->result = s->solver->result(withVectors != 0);
    return 0;
  });
}
EMSCRIPTEN_KEEPALIVE int sane_result_steps(Session* s) { return s->result.steps; }
EMSCRIPTEN_KEEPALIVE int sane_result_invariant(Session* s) { return s->result.invariant ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE int sane_result_reorthogonalizations(Session* s) { return s->result.reorthogonalizations; }
// field: 0 alpha, 1 beta, 2 ritzValues, 3 weights, 4 residuals, 5 ritzVectors (k*n, row-major), 6 ritzVectorValues.
static const std::vector<double>& resultField(Session* s, int field) {
  switch (field) {
    case 0: return s->result.alpha;
    case 1: return s->result.beta;
    case 2: return s->result.ritzValues;
    case 3: return s->result.weights;
    case 4: return s->result.residuals;
    case 5: return s->result.ritzVectors;
    default: return s->result.ritzVectorValues;
  }
}
EMSCRIPTEN_KEEPALIVE const double* sane_result_ptr(Session* s, int field) { return resultField(s, field).data(); }
EMSCRIPTEN_KEEPALIVE double sane_result_len(Session* s, int field) {
  return static_cast<double>(resultField(s, field).size());
}
// The float32 Ritz vectors (float32 basis): count32 vectors of n floats.
EMSCRIPTEN_KEEPALIVE const float* sane_result_ptr32(Session* s, int t) { return s->result.ritzVectors32[t].data(); }
EMSCRIPTEN_KEEPALIVE int sane_result_count32(Session* s) { return static_cast<int>(s->result.ritzVectors32.size()); }
EMSCRIPTEN_KEEPALIVE void sane_result_release(Session* s) { s->result = sane::LanczosResult(); }

// ---- Dense eigenproblems ----------------------------------------------------------------------------------------

// Result in g_out: values, then first components, then last components (3m entries). 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_tridiagonal_eigen(const double* alpha, const double* beta, int m) {
  return guarded("tridiagonalEigen", -1, [&] {
    std::vector<double> a(alpha, alpha + m), b(beta, beta + (m > 0 ? m - 1 : 0));
    sane::TridiagonalEigen te = sane::tridiagonalEigen(a, b);
    g_out.clear();
    g_out.insert(g_out.end(), te.values.begin(), te.values.end());
    g_out.insert(g_out.end(), te.firstComponents.begin(), te.firstComponents.end());
    g_out.insert(g_out.end(), te.lastComponents.begin(), te.lastComponents.end());
    return 0;
  });
}

// `a` (n*n, in the heap) is overwritten; eigenvalues in g_out. 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_symmetric_eigenvalues(double* a, int n) {
  return guarded("symmetricEigenvalues", -1, [&] {
    g_out = sane::symmetricEigenvalues(a, static_cast<std::size_t>(n));
    return 0;
  });
}

// ---- Metrics ----------------------------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE double sane_effective_parameters(const double* eig, int n, double z, int policy) {
  return guarded("effectiveParameters", NAN,
                 [&] { return sane::effectiveParameters(eig, static_cast<std::size_t>(n), z, policyOf(policy)); });
}

EMSCRIPTEN_KEEPALIVE double sane_sharpness_adjusted(const double* eig, int n, double c, int policy, int k) {
  return guarded("sharpnessAdjusted", NAN,
                 [&] { return sane::sharpnessAdjusted(eig, static_cast<std::size_t>(n), c, policyOf(policy), k); });
}

EMSCRIPTEN_KEEPALIVE double sane_kth_largest_magnitude(const double* eig, int n, int k) {
  return guarded("kthLargestMagnitude", NAN,
                 [&] { return sane::kthLargestMagnitude(eig, static_cast<std::size_t>(n), k); });
}

// Result in g_out. 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_top_eigenvalues(const double* eig, int n, int k, int byMagnitude) {
  return guarded("topEigenvalues", -1, [&] {
    g_out = sane::topEigenvalues(eig, static_cast<std::size_t>(n), k, byMagnitude != 0);
    return 0;
  });
}

// Result in g_out as [value, stdErr]. 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_slq_estimate(int probes, const int* counts, const double* nodes, const double* weights,
                                           double n, int f, double alpha, int policy) {
  return guarded("slqEstimate", -1, [&] {
    sane::Estimate e = sane::slqEstimate(probesOf(probes, counts, nodes, weights), static_cast<std::size_t>(n),
                                         functionOf(f), alpha, policyOf(policy));
    g_out.assign({e.value, e.stdErr});
    return 0;
  });
}

// Result in g_out. 0 ok, -1 error.
EMSCRIPTEN_KEEPALIVE int sane_spectral_density(int probes, const int* counts, const double* nodes,
                                               const double* weights, const double* grid, int points, double sigma) {
  return guarded("spectralDensity", -1, [&] {
    g_out = sane::spectralDensity(probesOf(probes, counts, nodes, weights), grid, static_cast<std::size_t>(points),
                                  sigma);
    return 0;
  });
}

// ---- Finite-difference HVP arithmetic ---------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE double sane_fd_step(const float* theta, const void* v, int vF32, double n, int forward,
                                         double relStep) {
  return guarded("fdStep", NAN, [&] {
    return withDirection(v, vF32, [&](auto* d) {
      return sane::fdStep(theta, d, static_cast<std::size_t>(n),
                          forward ? sane::FdScheme::Forward : sane::FdScheme::Central, relStep);
    });
  });
}

EMSCRIPTEN_KEEPALIVE double sane_fd_perturb(const float* theta, const void* v, int vF32, double n, double eps,
                                            float* plus, float* minus) {
  return guarded("fdPerturb", NAN, [&] {
    return withDirection(v, vF32,
                         [&](auto* d) { return sane::fdPerturb(theta, d, static_cast<std::size_t>(n), eps, plus, minus); });
  });
}

EMSCRIPTEN_KEEPALIVE int sane_fd_combine(const double* gPlus, const double* gMinus, double n, double denominator,
                                         double* out) {
  return guarded("fdCombine", -1, [&] {
    sane::fdCombine(gPlus, gMinus, static_cast<std::size_t>(n), denominator, out);
    return 0;
  });
}

EMSCRIPTEN_KEEPALIVE int sane_accumulate(double* acc, const float* g, double n, double weight) {
  return guarded("accumulate", -1, [&] {
    sane::accumulate(acc, g, static_cast<std::size_t>(n), weight);
    return 0;
  });
}

// The fused per-product calls (native/core/fd_hvp.hpp). Gradients arrive as float32 (isF32 = 1) or float64.

EMSCRIPTEN_KEEPALIVE double sane_fd_theta_scale(const float* theta, double n) {
  return guarded("fdThetaScale", NAN, [&] { return sane::fdThetaScale(theta, static_cast<std::size_t>(n)); });
}

// g_out = {eps, denominator, denominator2}.
EMSCRIPTEN_KEEPALIVE int sane_fd_points(const float* theta, const void* v, int vF32, double n, double thetaScale,
                                        int forward, double relStep, float* plus, float* minus, float* plus2,
                                        float* minus2) {
  return guarded("fdPoints", -1, [&] {
    const sane::FdPoints r = withDirection(v, vF32, [&](auto* d) {
      return sane::fdPoints(theta, d, static_cast<std::size_t>(n), thetaScale,
                            forward ? sane::FdScheme::Forward : sane::FdScheme::Central, relStep, plus, minus, plus2,
                            minus2);
    });
    g_out = {r.eps, r.denominator, r.denominator2};
    return 0;
  });
}

EMSCRIPTEN_KEEPALIVE double sane_fd_combine_checked(const void* gPlus, int plusF32, const void* gMinus, int minusF32,
                                                    double n, double denominator, double* out) {
  return guarded("fdCombineChecked", NAN, [&] {
    const std::size_t m = static_cast<std::size_t>(n);
    const auto* pf = static_cast<const float*>(gPlus);
    const auto* pd = static_cast<const double*>(gPlus);
    const auto* mf = static_cast<const float*>(gMinus);
    const auto* md = static_cast<const double*>(gMinus);
    const std::int64_t bad = plusF32 ? (minusF32 ? sane::fdCombineChecked(pf, mf, m, denominator, out)
                                                 : sane::fdCombineChecked(pf, md, m, denominator, out))
                                     : (minusF32 ? sane::fdCombineChecked(pd, mf, m, denominator, out)
                                                 : sane::fdCombineChecked(pd, md, m, denominator, out));
    return static_cast<double>(bad);
  });
}

// g_out = {firstNonFinite, fdError, correctionSquares, productSquares}.
EMSCRIPTEN_KEEPALIVE int sane_fd_richardson(const void* g1Plus, const void* g1Minus, const void* g2Plus,
                                            const void* g2Minus, int isF32, double n, double den1, double den2,
                                            double* out) {
  return guarded("fdRichardson", -1, [&] {
    const std::size_t m = static_cast<std::size_t>(n);
    const sane::FdRichardsonResult r =
        isF32 ? sane::fdRichardson(static_cast<const float*>(g1Plus), static_cast<const float*>(g1Minus),
                                   static_cast<const float*>(g2Plus), static_cast<const float*>(g2Minus), m, den1, den2,
                                   out)
              : sane::fdRichardson(static_cast<const double*>(g1Plus), static_cast<const double*>(g1Minus),
                                   static_cast<const double*>(g2Plus), static_cast<const double*>(g2Minus), m, den1,
                                   den2, out);
    g_out = {static_cast<double>(r.firstNonFinite), r.fdError, r.correctionSquares, r.productSquares};
    return 0;
  });
}

// g_out as for sane_fd_richardson; inout holds D1 and becomes R.
EMSCRIPTEN_KEEPALIVE int sane_fd_richardson_onto(const void* g2Plus, const void* g2Minus, int isF32, double n,
                                                 double den1, double den2, double* inout) {
  return guarded("fdRichardsonOnto", -1, [&] {
    const std::size_t m = static_cast<std::size_t>(n);
    const sane::FdRichardsonResult r =
        isF32 ? sane::fdRichardsonOnto(static_cast<const float*>(g2Plus), static_cast<const float*>(g2Minus), m, den1,
                                       den2, inout)
              : sane::fdRichardsonOnto(static_cast<const double*>(g2Plus), static_cast<const double*>(g2Minus), m,
                                       den1, den2, inout);
    g_out = {static_cast<double>(r.firstNonFinite), r.fdError, r.correctionSquares, r.productSquares};
    return 0;
  });
}

// ---- Memory -----------------------------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE double sane_lanczos_bytes(double n, int steps, int reorthogonalize, int float32Basis) {
  return static_cast<double>(
      sane::lanczosBytes64(static_cast<std::uint64_t>(n), steps, reorthogonalize != 0, float32Basis != 0));
}

EMSCRIPTEN_KEEPALIVE double sane_default_memory_budget() {
  return static_cast<double>(sane::defaultMemoryBudget());
}

}  // extern "C"
