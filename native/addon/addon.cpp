// N-API bindings of the core: the `CoreBinding` table of src/core/binding.ts. Arguments arrive checked by
// src/core/checked.ts (the one checking boundary); what is asserted here only keeps a wrong call from reading out of
// bounds. Core errors carry `error.code` (args.hpp).
#include <napi.h>

#include <string>
#include <vector>

#include "../core/eigen.hpp"
#include "../core/fd_hvp.hpp"
#include "../core/lanczos.hpp"
#include "../core/memory_guard.hpp"
#include "../core/metrics.hpp"
#include "../core/vector_pool.hpp"
#include "../core/version.hpp"
#include "args.hpp"
#include "lanczos_session.hpp"

namespace sane_addon {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

sane::NegativePolicy policyArg(const Napi::Value& v, const std::string& name) {
  const std::string s = stringArg(v, name);
  if (s == "abs") return sane::NegativePolicy::Abs;
  if (s == "clip") return sane::NegativePolicy::Clip;
  internalError(v.Env(), name + " is '" + s + "'");
}

sane::SpectralFunction functionArg(const Napi::Value& v, const std::string& name) {
  const std::string s = stringArg(v, name);
  if (s == "neff") return sane::SpectralFunction::EffectiveParameters;
  if (s == "trace") return sane::SpectralFunction::Trace;
  if (s == "count") return sane::SpectralFunction::Count;
  internalError(v.Env(), name + " is '" + s + "'");
}

std::vector<sane::QuadratureRule> probesArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsArray()) internalError(v.Env(), name + " is not an array");
  Napi::Array a = v.As<Napi::Array>();
  std::vector<sane::QuadratureRule> probes(a.Length());
  for (uint32_t l = 0; l < a.Length(); ++l) {
    const std::string at = name + "[" + std::to_string(l) + "]";
    Napi::Value p = a.Get(l);
    if (!p.IsObject()) internalError(v.Env(), at + " is not an object");
    Napi::Float64Array nodes = float64Arg(p.As<Napi::Object>().Get("nodes"), at + ".nodes");
    Napi::Float64Array weights = float64Arg(p.As<Napi::Object>().Get("weights"), at + ".weights");
    requireLength(v.Env(), weights.ElementLength(), nodes.ElementLength(), at + ".weights");
    probes[l].nodes.assign(nodes.Data(), nodes.Data() + nodes.ElementLength());
    probes[l].weights.assign(weights.Data(), weights.Data() + weights.ElementLength());
  }
  return probes;
}

Napi::Value Arg(const Napi::CallbackInfo& info, std::size_t i) { return info.Length() > i ? info[i] : info.Env().Undefined(); }

Napi::Value Version(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), std::string(sane::coreVersion()) + "; native N-API addon");
}

Napi::Value PooledBytes(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(sane::pooledBytes()));
}

Napi::Value TridiagonalEigen(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array alpha = float64Arg(Arg(info, 0), "alpha");
  Napi::Float64Array beta = float64Arg(Arg(info, 1), "beta");
  requireLength(env, beta.ElementLength(), alpha.ElementLength() - 1, "beta");
  std::vector<double> a(alpha.Data(), alpha.Data() + alpha.ElementLength());
  std::vector<double> b(beta.Data(), beta.Data() + beta.ElementLength());
  sane::TridiagonalEigen te = guarded(env, "tridiagonalEigen", [&] { return sane::tridiagonalEigen(a, b); });
  Napi::Object o = Napi::Object::New(env);
  o.Set("values", toFloat64Array(env, te.values.data(), te.values.size()));
  o.Set("firstComponents", toFloat64Array(env, te.firstComponents.data(), te.firstComponents.size()));
  o.Set("lastComponents", toFloat64Array(env, te.lastComponents.data(), te.lastComponents.size()));
  return o;
}

// Copies the matrix: the JS array is left as it was and may change while a worker runs.
std::vector<double> denseArg(const Napi::CallbackInfo& info, std::size_t& n) {
  Napi::Float64Array a = float64Arg(Arg(info, 0), "a");
  n = static_cast<std::size_t>(integerArg(Arg(info, 1), "n", 1, 46340));
  requireLength(info.Env(), a.ElementLength(), n * n, "a");
  return std::vector<double>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Value SymmetricEigenvalues(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::size_t n = 0;
  std::vector<double> a = denseArg(info, n);
  std::vector<double> w = guarded(env, "symmetricEigenvalues", [&] { return sane::symmetricEigenvalues(a.data(), n); });
  return toFloat64Array(env, w.data(), w.size());
}

class SymmetricEigenWorker : public CoreWorker {
 public:
  SymmetricEigenWorker(Napi::Env env, std::vector<double>&& a, std::size_t n)
      : CoreWorker(env, "symmetricEigenvaluesAsync"), a_(std::move(a)), n_(n),
        deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override {
    run([&] { w_ = sane::symmetricEigenvalues(a_.data(), n_); });
  }
  void OnOK() override { deferred_.Resolve(toFloat64Array(Env(), w_.data(), w_.size())); }
  void OnError(const Napi::Error&) override { deferred_.Reject(errorValue()); }

 private:
  std::vector<double> a_;
  std::size_t n_;
  std::vector<double> w_;
  Napi::Promise::Deferred deferred_;
};

Napi::Value SymmetricEigenvaluesAsync(const Napi::CallbackInfo& info) {
  std::size_t n = 0;
  std::vector<double> a = guarded(info.Env(), "symmetricEigenvaluesAsync", [&] { return denseArg(info, n); });
  auto* worker = new SymmetricEigenWorker(info.Env(), std::move(a), n);
  worker->Queue();
  return worker->Promise();
}

Napi::Value EffectiveParameters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array eig = float64Arg(Arg(info, 0), "eig");
  const double z = numberArg(Arg(info, 1), "z");
  const sane::NegativePolicy policy = policyArg(Arg(info, 2), "policy");
  return Napi::Number::New(env, guarded(env, "effectiveParameters", [&] {
                             return sane::effectiveParameters(eig.Data(), eig.ElementLength(), z, policy);
                           }));
}

Napi::Value SharpnessAdjusted(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array eig = float64Arg(Arg(info, 0), "eig");
  const double c = numberArg(Arg(info, 1), "c");
  const sane::NegativePolicy policy = policyArg(Arg(info, 2), "policy");
  const int k = static_cast<int>(integerArg(Arg(info, 3), "k", 1, 2147483647.0));
  return Napi::Number::New(env, guarded(env, "sharpnessAdjusted", [&] {
                             return sane::sharpnessAdjusted(eig.Data(), eig.ElementLength(), c, policy, k);
                           }));
}

Napi::Value KthLargestMagnitude(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array eig = float64Arg(Arg(info, 0), "eig");
  const int k = static_cast<int>(integerArg(Arg(info, 1), "k", 1, 2147483647.0));
  return Napi::Number::New(env, guarded(env, "kthLargestMagnitude", [&] {
                             return sane::kthLargestMagnitude(eig.Data(), eig.ElementLength(), k);
                           }));
}

Napi::Value TopEigenvalues(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array eig = float64Arg(Arg(info, 0), "eig");
  const int k = static_cast<int>(integerArg(Arg(info, 1), "k", 1, 2147483647.0));
  const std::string order = stringArg(Arg(info, 2), "order");
  if (order != "magnitude" && order != "algebraic") internalError(env, "order is '" + order + "'");
  std::vector<double> top = guarded(env, "topEigenvalues", [&] {
    return sane::topEigenvalues(eig.Data(), eig.ElementLength(), k, order == "magnitude");
  });
  return toFloat64Array(env, top.data(), top.size());
}

Napi::Value SlqEstimate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<sane::QuadratureRule> probes = probesArg(Arg(info, 0), "probes");
  const std::size_t n = static_cast<std::size_t>(integerArg(Arg(info, 1), "n", 1, kMaxSafeInteger));
  const sane::SpectralFunction f = functionArg(Arg(info, 2), "f");
  const double alpha = numberArg(Arg(info, 3), "alpha");
  const sane::NegativePolicy policy = policyArg(Arg(info, 4), "policy");
  sane::Estimate e = guarded(env, "slqEstimate", [&] { return sane::slqEstimate(probes, n, f, alpha, policy); });
  Napi::Object o = Napi::Object::New(env);
  o.Set("value", e.value);
  o.Set("stdErr", e.stdErr);
  return o;
}

Napi::Value SpectralDensity(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<sane::QuadratureRule> probes = probesArg(Arg(info, 0), "probes");
  Napi::Float64Array grid = float64Arg(Arg(info, 1), "grid");
  const double sigma = numberArg(Arg(info, 2), "sigma");
  std::vector<double> d = guarded(env, "spectralDensity", [&] {
    return sane::spectralDensity(probes, grid.Data(), grid.ElementLength(), sigma);
  });
  return toFloat64Array(env, d.data(), d.size());
}

// A gradient: float32 (onnxruntime's output of one batch) or float64 (a sum over batches); also a direction: float64,
// or float32 from a Lanczos run with float32 vectors.
struct GradientArg {
  const float* f32 = nullptr;
  const double* f64 = nullptr;
  std::size_t n = 0;
};

GradientArg gradientArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray()) internalError(v.Env(), name + " is not a Float32Array or Float64Array");
  const napi_typedarray_type type = v.As<Napi::TypedArray>().TypedArrayType();
  GradientArg g;
  if (type == napi_float32_array) {
    Napi::Float32Array a = v.As<Napi::Float32Array>();
    g.f32 = a.Data();
    g.n = a.ElementLength();
  } else if (type == napi_float64_array) {
    Napi::Float64Array a = v.As<Napi::Float64Array>();
    g.f64 = a.Data();
    g.n = a.ElementLength();
  } else {
    internalError(v.Env(), name + " is not a Float32Array or Float64Array");
  }
  return g;
}

// Calls f with the array's data, whichever type it has.
template <class F>
auto withData(const GradientArg& a, F&& f) {
  return a.f32 != nullptr ? f(a.f32) : f(a.f64);
}

Napi::Value FdStep(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float32Array theta = float32Arg(Arg(info, 0), "theta");
  const GradientArg v = gradientArg(Arg(info, 1), "v");
  requireLength(env, v.n, theta.ElementLength(), "v");
  const sane::FdScheme scheme = schemeArg(Arg(info, 2), "scheme");
  double rel = 0;
  if (!Arg(info, 3).IsUndefined()) rel = numberArg(Arg(info, 3), "relStep");
  return Napi::Number::New(env, guarded(env, "fdStep", [&] {
                             return withData(v, [&](auto* d) {
                               return sane::fdStep(theta.Data(), d, theta.ElementLength(), scheme, rel);
                             });
                           }));
}

Napi::Value FdPerturb(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float32Array theta = float32Arg(Arg(info, 0), "theta");
  const std::size_t n = theta.ElementLength();
  const GradientArg v = gradientArg(Arg(info, 1), "v");
  requireLength(env, v.n, n, "v");
  const double eps = numberArg(Arg(info, 2), "eps");
  Napi::Float32Array plus = float32Arg(Arg(info, 3), "plus");
  requireLength(env, plus.ElementLength(), n, "plus");
  float* minus = nullptr;
  if (!Arg(info, 4).IsUndefined()) {
    Napi::Float32Array m = float32Arg(Arg(info, 4), "minus");
    requireLength(env, m.ElementLength(), n, "minus");
    minus = m.Data();
  }
  return Napi::Number::New(env, guarded(env, "fdPerturb", [&] {
                             return withData(v, [&](auto* d) {
                               return sane::fdPerturb(theta.Data(), d, n, eps, plus.Data(), minus);
                             });
                           }));
}

Napi::Value FdCombine(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array gp = float64Arg(Arg(info, 0), "gPlus");
  Napi::Float64Array gm = float64Arg(Arg(info, 1), "gMinus");
  requireLength(env, gm.ElementLength(), gp.ElementLength(), "gMinus");
  const double den = numberArg(Arg(info, 2), "denominator");
  Napi::Float64Array out = float64Arg(Arg(info, 3), "out");
  requireLength(env, out.ElementLength(), gp.ElementLength(), "out");
  guarded(env, "fdCombine", [&] { sane::fdCombine(gp.Data(), gm.Data(), gp.ElementLength(), den, out.Data()); });
  return env.Undefined();
}

Napi::Value Accumulate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array acc = float64Arg(Arg(info, 0), "acc");
  Napi::Float32Array g = float32Arg(Arg(info, 1), "g");
  requireLength(env, g.ElementLength(), acc.ElementLength(), "g");
  const double weight = numberArg(Arg(info, 2), "weight");
  sane::accumulate(acc.Data(), g.Data(), acc.ElementLength(), weight);
  return env.Undefined();
}

// ---- Fused finite-difference calls (the HVP driver's per-product passes) ----------------------------------------

float* optionalFloat32(const Napi::CallbackInfo& info, std::size_t index, std::size_t n, const std::string& name) {
  if (Arg(info, index).IsUndefined()) return nullptr;
  Napi::Float32Array a = float32Arg(Arg(info, index), name);
  requireLength(info.Env(), a.ElementLength(), n, name);
  return a.Data();
}

Napi::Value FdThetaScale(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float32Array theta = float32Arg(Arg(info, 0), "theta");
  return Napi::Number::New(env, guarded(env, "fdThetaScale", [&] {
                             return sane::fdThetaScale(theta.Data(), theta.ElementLength());
                           }));
}

Napi::Value FdPoints(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float32Array theta = float32Arg(Arg(info, 0), "theta");
  const std::size_t n = theta.ElementLength();
  const GradientArg v = gradientArg(Arg(info, 1), "v");
  requireLength(env, v.n, n, "v");
  const double scale = numberArg(Arg(info, 2), "thetaScale");
  const sane::FdScheme scheme = schemeArg(Arg(info, 3), "scheme");
  double rel = 0;
  if (!Arg(info, 4).IsUndefined()) rel = numberArg(Arg(info, 4), "relStep");
  float* plus = optionalFloat32(info, 5, n, "plus");
  if (plus == nullptr) internalError(env, "plus is missing");
  float* minus = optionalFloat32(info, 6, n, "minus");
  float* plus2 = optionalFloat32(info, 7, n, "plus2");
  float* minus2 = optionalFloat32(info, 8, n, "minus2");
  const sane::FdPoints r = guarded(env, "fdPoints", [&] {
    return withData(v, [&](auto* d) {
      return sane::fdPoints(theta.Data(), d, n, scale, scheme, rel, plus, minus, plus2, minus2);
    });
  });
  Napi::Object o = Napi::Object::New(env);
  o.Set("eps", r.eps);
  o.Set("denominator", r.denominator);
  o.Set("denominator2", r.denominator2);
  return o;
}

Napi::Value FdCombineChecked(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const GradientArg gp = gradientArg(Arg(info, 0), "gPlus");
  const GradientArg gm = gradientArg(Arg(info, 1), "gMinus");
  requireLength(env, gm.n, gp.n, "gMinus");
  const double den = numberArg(Arg(info, 2), "denominator");
  Napi::Float64Array out = float64Arg(Arg(info, 3), "out");
  requireLength(env, out.ElementLength(), gp.n, "out");
  const std::int64_t bad = guarded(env, "fdCombineChecked", [&] {
    if (gp.f32 && gm.f32) return sane::fdCombineChecked(gp.f32, gm.f32, gp.n, den, out.Data());
    if (gp.f32) return sane::fdCombineChecked(gp.f32, gm.f64, gp.n, den, out.Data());
    if (gm.f32) return sane::fdCombineChecked(gp.f64, gm.f32, gp.n, den, out.Data());
    return sane::fdCombineChecked(gp.f64, gm.f64, gp.n, den, out.Data());
  });
  return Napi::Number::New(env, static_cast<double>(bad));
}

Napi::Object richardsonResult(Napi::Env env, const sane::FdRichardsonResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("firstNonFinite", static_cast<double>(r.firstNonFinite));
  o.Set("fdError", r.fdError);
  o.Set("correctionSquares", r.correctionSquares);
  o.Set("productSquares", r.productSquares);
  return o;
}

Napi::Value FdRichardson(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const GradientArg g[4] = {gradientArg(Arg(info, 0), "g1Plus"), gradientArg(Arg(info, 1), "g1Minus"),
                            gradientArg(Arg(info, 2), "g2Plus"), gradientArg(Arg(info, 3), "g2Minus")};
  const bool f32 = g[0].f32 != nullptr;
  for (const GradientArg& x : g) {
    requireLength(env, x.n, g[0].n, "g2Minus");
    if ((x.f32 != nullptr) != f32) internalError(env, "the four gradients of fdRichardson differ in type");
  }
  const double den1 = numberArg(Arg(info, 4), "den1");
  const double den2 = numberArg(Arg(info, 5), "den2");
  Napi::Float64Array out = float64Arg(Arg(info, 6), "out");
  requireLength(env, out.ElementLength(), g[0].n, "out");
  const sane::FdRichardsonResult r = guarded(env, "fdRichardson", [&] {
    return f32 ? sane::fdRichardson(g[0].f32, g[1].f32, g[2].f32, g[3].f32, g[0].n, den1, den2, out.Data())
               : sane::fdRichardson(g[0].f64, g[1].f64, g[2].f64, g[3].f64, g[0].n, den1, den2, out.Data());
  });
  return richardsonResult(env, r);
}

Napi::Value FdRichardsonOnto(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const GradientArg gp = gradientArg(Arg(info, 0), "g2Plus");
  const GradientArg gm = gradientArg(Arg(info, 1), "g2Minus");
  requireLength(env, gm.n, gp.n, "g2Minus");
  if ((gp.f32 != nullptr) != (gm.f32 != nullptr)) internalError(env, "the two gradients of fdRichardsonOnto differ in type");
  const double den1 = numberArg(Arg(info, 2), "den1");
  const double den2 = numberArg(Arg(info, 3), "den2");
  Napi::Float64Array inout = float64Arg(Arg(info, 4), "inout");
  requireLength(env, inout.ElementLength(), gp.n, "inout");
  const sane::FdRichardsonResult r = guarded(env, "fdRichardsonOnto", [&] {
    return gp.f32 ? sane::fdRichardsonOnto(gp.f32, gm.f32, gp.n, den1, den2, inout.Data())
                  : sane::fdRichardsonOnto(gp.f64, gm.f64, gp.n, den1, den2, inout.Data());
  });
  return richardsonResult(env, r);
}

Napi::Value LanczosBytes(const Napi::CallbackInfo& info) {
  const double n = integerArg(Arg(info, 0), "n", 1, kMaxSafeInteger);
  const int steps = static_cast<int>(integerArg(Arg(info, 1), "steps", 1, 2147483647.0));
  const bool reorth = boolArg(Arg(info, 2), "reorthogonalize");
  const bool float32Basis = boolArg(Arg(info, 3), "float32Basis");
  return Napi::Number::New(info.Env(), static_cast<double>(sane::lanczosBytes64(static_cast<std::uint64_t>(n), steps,
                                                                                reorth, float32Basis)));
}

Napi::Value DefaultMemoryBudget(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(sane::defaultMemoryBudget()));
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Lanczos", LanczosSession::Define(env));
  exports.Set("version", Napi::Function::New<Version>(env, "version"));
  exports.Set("pooledBytes", Napi::Function::New<PooledBytes>(env, "pooledBytes"));
  exports.Set("tridiagonalEigen", Napi::Function::New<TridiagonalEigen>(env, "tridiagonalEigen"));
  exports.Set("symmetricEigenvalues", Napi::Function::New<SymmetricEigenvalues>(env, "symmetricEigenvalues"));
  exports.Set("symmetricEigenvaluesAsync",
              Napi::Function::New<SymmetricEigenvaluesAsync>(env, "symmetricEigenvaluesAsync"));
  exports.Set("effectiveParameters", Napi::Function::New<EffectiveParameters>(env, "effectiveParameters"));
  exports.Set("sharpnessAdjusted", Napi::Function::New<SharpnessAdjusted>(env, "sharpnessAdjusted"));
  exports.Set("kthLargestMagnitude", Napi::Function::New<KthLargestMagnitude>(env, "kthLargestMagnitude"));
  exports.Set("topEigenvalues", Napi::Function::New<TopEigenvalues>(env, "topEigenvalues"));
  exports.Set("slqEstimate", Napi::Function::New<SlqEstimate>(env, "slqEstimate"));
  exports.Set("spectralDensity", Napi::Function::New<SpectralDensity>(env, "spectralDensity"));
  exports.Set("fdStep", Napi::Function::New<FdStep>(env, "fdStep"));
  exports.Set("fdPerturb", Napi::Function::New<FdPerturb>(env, "fdPerturb"));
  exports.Set("fdCombine", Napi::Function::New<FdCombine>(env, "fdCombine"));
  exports.Set("accumulate", Napi::Function::New<Accumulate>(env, "accumulate"));
  exports.Set("fdThetaScale", Napi::Function::New<FdThetaScale>(env, "fdThetaScale"));
  exports.Set("fdPoints", Napi::Function::New<FdPoints>(env, "fdPoints"));
  exports.Set("fdCombineChecked", Napi::Function::New<FdCombineChecked>(env, "fdCombineChecked"));
  exports.Set("fdRichardson", Napi::Function::New<FdRichardson>(env, "fdRichardson"));
  exports.Set("fdRichardsonOnto", Napi::Function::New<FdRichardsonOnto>(env, "fdRichardsonOnto"));
  exports.Set("lanczosBytes", Napi::Function::New<LanczosBytes>(env, "lanczosBytes"));
  exports.Set("defaultMemoryBudget", Napi::Function::New<DefaultMemoryBudget>(env, "defaultMemoryBudget"));
  return exports;
}

}  // namespace sane_addon

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return sane_addon::Init(env, exports); }

NODE_API_MODULE(sane_core, InitModule)
