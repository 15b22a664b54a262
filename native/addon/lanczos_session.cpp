#include "lanczos_session.hpp"

#include <string>

#include "args.hpp"

namespace sane_addon {

namespace {

// One Lanczos step (the reorthogonalisation is the long part) off the event loop. The product is lent to the solver,
// which works in it on the worker thread (the caller awaits the promise and does not touch it meanwhile); the
// references keep the JS session, hence the solver, and the product's array alive until we settle.
class StepWorker : public CoreWorker {
 public:
  StepWorker(Napi::Env env, LanczosSession* session, Napi::Object owner, Napi::Object product)
      : CoreWorker(env, "Lanczos step"),
        session_(session),
        owner_(Napi::Persistent(owner)),
        product_(Napi::Persistent(product)),
        deferred_(Napi::Promise::Deferred::New(env)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    run([&] { more_ = session_->solver().step(); });
  }
  void OnOK() override {
    session_->finishAsync();
    deferred_.Resolve(Napi::Boolean::New(Env(), more_));
  }
  void OnError(const Napi::Error&) override {
    session_->finishAsync();
    deferred_.Reject(errorValue());
  }

 private:
  LanczosSession* session_;
  Napi::ObjectReference owner_;
  Napi::ObjectReference product_;
  Napi::Promise::Deferred deferred_;
  bool more_ = false;
};

constexpr double kMaxSafeInteger = 9007199254740991.0;

}  // namespace

Napi::Function LanczosSession::Define(Napi::Env env) {
  return DefineClass(env, "Lanczos",
                     {
                         InstanceAccessor<&LanczosSession::N>("n"),
                         InstanceMethod<&LanczosSession::StepsTaken>("stepsTaken"),
                         InstanceMethod<&LanczosSession::Done>("done"),
                         InstanceMethod<&LanczosSession::Vector>("vector"),
                         InstanceMethod<&LanczosSession::VectorView>("vectorView"),
                         InstanceMethod<&LanczosSession::Step>("step"),
                         InstanceMethod<&LanczosSession::StepAsync>("stepAsync"),
                         InstanceMethod<&LanczosSession::Result>("result"),
                         InstanceMethod<&LanczosSession::Ritz>("ritz"),
                         InstanceMethod<&LanczosSession::AttachFdPoints>("attachFdPoints"),
                         InstanceMethod<&LanczosSession::FdPoints>("fdPoints"),
                         InstanceMethod<&LanczosSession::Dispose>("dispose"),
                     });
}

LanczosSession::LanczosSession(const Napi::CallbackInfo& info) : Napi::ObjectWrap<LanczosSession>(info) {
  Napi::Env env = info.Env();
  // Options arrive complete and checked from src/core/checked.ts.
  if (info.Length() < 1 || !info[0].IsObject()) internalError(env, "createLanczos options is not an object");
  Napi::Object o = info[0].As<Napi::Object>();
  sane::LanczosConfig cfg;
  cfg.n = static_cast<std::size_t>(integerArg(o.Get("n"), "options.n", 1, kMaxSafeInteger));
  cfg.maxSteps = static_cast<int>(integerArg(o.Get("steps"), "options.steps", 1, 2147483647.0));
  cfg.reorthogonalize = boolArg(o.Get("reorthogonalize"), "options.reorthogonalize");
  cfg.partial = boolArg(o.Get("partial"), "options.partial");
  cfg.float32Basis = boolArg(o.Get("float32Basis"), "options.float32Basis");
  cfg.float32Vectors = boolArg(o.Get("float32Vectors"), "options.float32Vectors");
  cfg.seed = static_cast<std::uint64_t>(integerArg(o.Get("seed"), "options.seed", 0, kMaxSafeInteger));
  cfg.ritzVectors = static_cast<int>(integerArg(o.Get("ritzVectors"), "options.ritzVectors", 0, 2147483647.0));
  cfg.memoryBudget =
      static_cast<std::uint64_t>(integerArg(o.Get("memoryBudget"), "options.memoryBudget", 0, kMaxSafeInteger));
  const double* start = nullptr;
  Napi::Value sv = o.Get("start");
  Napi::Float64Array startArray;
  if (!sv.IsUndefined()) {
    startArray = float64Arg(sv, "options.start");
    requireLength(env, startArray.ElementLength(), cfg.n, "options.start");
    start = startArray.Data();
  }
  Napi::Value dv = o.Get("deflation");
  if (!dv.IsUndefined()) {
    if (!dv.IsArray()) internalError(env, "options.deflation is not an array");
    Napi::Array rows = dv.As<Napi::Array>();
    for (uint32_t i = 0; i < rows.Length(); ++i) {
      Napi::Float32Array row = float32Arg(rows.Get(i), "options.deflation[" + std::to_string(i) + "]");
      requireLength(env, row.ElementLength(), cfg.n, "options.deflation[" + std::to_string(i) + "]");
      deflationRefs_.push_back(Napi::Persistent(row.As<Napi::Object>()));
      deflationRows_.push_back(row.Data());
    }
    cfg.deflation = deflationRows_.data();
    cfg.deflationCount = static_cast<int>(deflationRows_.size());
  }
  if (cfg.usesWorkVectors() || cfg.usesFloat32Vectors()) {
    // q_{j-1} and q_j in ArrayBuffers that V8 owns: vectorView() hands q_j to JavaScript without a copy, and a view
    // kept after dispose() (which detaches them) is empty, never freed memory.
    guarded(env, "createLanczos", [&] { sane::checkLanczosMemory(cfg); return 0; });
    const bool f32 = cfg.usesFloat32Vectors();
    for (int i = 0; i < 2; ++i) {
      Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, cfg.n * (f32 ? sizeof(float) : sizeof(double)));
      if (f32)
        cfg.workVectors32[i] = static_cast<float*>(buffer.Data());
      else
        cfg.workVectors[i] = static_cast<double*>(buffer.Data());
      work_[i] = Napi::Persistent(buffer);
    }
  }
  solver_ = guarded(env, "createLanczos", [&] { return std::make_unique<sane::Lanczos>(cfg, start); });
}

// Asserts: src/core/checked.ts tracks disposal and running steps and refuses such calls with its own message first.
void LanczosSession::requireIdle(Napi::Env env, const char* method) const {
  if (!solver_ || busy_)
    throw toJsError(env, {std::string("internal: Lanczos.") + method + "() on a disposed or busy session",
                          sane::errorCode(sane::ErrorKind::State)});
}

Napi::Value LanczosSession::N(const Napi::CallbackInfo& info) {
  requireIdle(info.Env(), "n");
  return Napi::Number::New(info.Env(), static_cast<double>(solver_->size()));
}

Napi::Value LanczosSession::StepsTaken(const Napi::CallbackInfo& info) {
  requireIdle(info.Env(), "stepsTaken");
  return Napi::Number::New(info.Env(), solver_->stepsTaken());
}

Napi::Value LanczosSession::Done(const Napi::CallbackInfo& info) {
  requireIdle(info.Env(), "done");
  return Napi::Boolean::New(info.Env(), solver_->done());
}

// vector() returns a new array; vector(out) copies into out (checked in TypeScript) and returns it, so a run
// allocates no 8n-byte array per step.
Napi::Value LanczosSession::Vector(const Napi::CallbackInfo& info) {
  requireIdle(info.Env(), "vector");
  const std::size_t n = solver_->size();
  if (info.Length() > 0 && !info[0].IsUndefined()) {
    Napi::Float64Array out = float64Arg(info[0], "out");
    requireLength(info.Env(), out.ElementLength(), n, "out");
    if (const float* q32 = solver_->vector32())
      std::copy(q32, q32 + n, out.Data());
    else
      std::copy(solver_->vector(), solver_->vector() + n, out.Data());
    return out;
  }
  if (const float* q32 = solver_->vector32()) {
    Napi::Float64Array out = Napi::Float64Array::New(info.Env(), n);
    std::copy(q32, q32 + n, out.Data());
    return out;
  }
  return toFloat64Array(info.Env(), solver_->vector(), n);
}

// q_j in place where it lives in one of the work ArrayBuffers (valid until the next step; a Float32Array with float32
// vectors, a Float64Array otherwise); with a double basis, where
// q_j is a row the core owns, a copy into one more ArrayBuffer kept for the session (no allocation per step).
Napi::Value LanczosSession::VectorView(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "vectorView");
  const std::size_t n = solver_->size();
  // With float32 vectors q_j is always in the second work buffer.
  if (solver_->vector32() != nullptr) return Napi::Float32Array::New(env, n, work_[1].Value(), 0);
  const double* q = solver_->vector();
  for (auto& ref : work_) {
    if (ref.IsEmpty() || ref.Value().Data() != static_cast<const void*>(q)) continue;
    return Napi::Float64Array::New(env, n, ref.Value(), 0);
  }
  if (copy_.IsEmpty()) copy_ = Napi::Persistent(Napi::ArrayBuffer::New(env, n * sizeof(double)));
  Napi::ArrayBuffer buffer = copy_.Value();
  std::copy(q, q + n, static_cast<double*>(buffer.Data()));
  return Napi::Float64Array::New(env, n, buffer, 0);
}

Napi::Float64Array LanczosSession::lendProduct(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Float64Array p = float64Arg(info.Length() > 0 ? info[0] : env.Undefined(), "product");
  requireLength(env, p.ElementLength(), solver_->size(), "product");
  if (solver_->done())
    throw toJsError(env, {"this Lanczos run has finished; call result() instead of step()",
                          sane::errorCode(sane::ErrorKind::State)});
  // The step works in the JS array (no copy of the product; see Lanczos::borrowProduct): the array outlives a
  // synchronous call, and a queued step holds a reference to it.
  solver_->borrowProduct(p.Data());
  return p;
}

Napi::Value LanczosSession::Step(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "step");
  lendProduct(info);
  return Napi::Boolean::New(env, guarded(env, "Lanczos step", [&] { return solver_->step(); }));
}

Napi::Value LanczosSession::StepAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "stepAsync");
  Napi::Float64Array product = lendProduct(info);
  auto* worker = new StepWorker(env, this, info.This().As<Napi::Object>(), product);
  busy_ = true;
  worker->Queue();
  return worker->Promise();
}

Napi::Value LanczosSession::Ritz(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "ritz");
  return toObject(env, guarded(env, "Lanczos ritz", [&] { return solver_->result(false); }));
}

Napi::Value LanczosSession::Result(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "result");
  return toObject(env, guarded(env, "Lanczos result", [&] { return solver_->result(); }));
}

Napi::Object LanczosSession::toObject(Napi::Env env, sane::LanczosResult r) const {
  Napi::Object o = Napi::Object::New(env);
  o.Set("steps", r.steps);
  o.Set("invariant", r.invariant);
  o.Set("reorthogonalizations", r.reorthogonalizations);
  o.Set("alpha", toFloat64Array(env, r.alpha.data(), r.alpha.size()));
  o.Set("beta", toFloat64Array(env, r.beta.data(), r.beta.size()));
  o.Set("ritzValues", toFloat64Array(env, r.ritzValues.data(), r.ritzValues.size()));
  o.Set("weights", toFloat64Array(env, r.weights.data(), r.weights.size()));
  o.Set("residuals", toFloat64Array(env, r.residuals.data(), r.residuals.size()));
  const std::size_t n = solver_->size();
  const std::size_t k = r.ritzVectorValues.size();
  Napi::Array vecs = Napi::Array::New(env, k);
  if (!r.ritzVectors32.empty()) {
    // Float32 Ritz vectors are handed over without a copy: the ArrayBuffer owns the core's allocation and frees it
    // when the last view is collected (at ResNet-18 size each vector is 45 MB, and a copy would double the peak).
    // One ArrayBuffer per vector (a caller that keeps one frees the others), and V8 told of the memory, which it
    // does not see in an external buffer, so that its collector runs when these are dropped.
    for (std::size_t t = 0; t < k; ++t) {
      auto* holder = new std::vector<float>(std::move(r.ritzVectors32[t]));
      const std::size_t bytes = holder->size() * sizeof(float);
      Napi::MemoryManagement::AdjustExternalMemory(env, static_cast<int64_t>(bytes));
      Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
          env, holder->data(), bytes,
          [](Napi::Env e, void*, std::vector<float>* h) {
            Napi::MemoryManagement::AdjustExternalMemory(e, -static_cast<int64_t>(h->size() * sizeof(float)));
            delete h;
          },
          holder);
      vecs.Set(static_cast<uint32_t>(t), Napi::Float32Array::New(env, n, buffer, 0));
    }
  } else {
    for (std::size_t t = 0; t < k; ++t)
      vecs.Set(static_cast<uint32_t>(t), toFloat64Array(env, r.ritzVectors.data() + t * n, n));
  }
  o.Set("ritzVectors", vecs);
  o.Set("ritzVectorValues", toFloat64Array(env, r.ritzVectorValues.data(), k));
  return o;
}

// attachFdPoints({theta, thetaScale, scheme, relStep?, plus, minus?}) (checked in src/core/checked.ts): from now on
// every q_j's points are written into plus (and minus) as the step forms q_j, q_j's own at once
// (fd_points_sink.hpp).
Napi::Value LanczosSession::AttachFdPoints(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "attachFdPoints");
  if (info.Length() < 1 || !info[0].IsObject()) internalError(env, "attachFdPoints options is not an object");
  Napi::Object o = info[0].As<Napi::Object>();
  const std::size_t n = solver_->size();
  Napi::Float32Array theta = float32Arg(o.Get("theta"), "theta");
  requireLength(env, theta.ElementLength(), n, "theta");
  const double scale = numberArg(o.Get("thetaScale"), "thetaScale");
  const sane::FdScheme scheme = schemeArg(o.Get("scheme"), "scheme");
  const Napi::Value relValue = o.Get("relStep");
  const double rel = relValue.IsUndefined() ? 0 : numberArg(relValue, "relStep");
  Napi::Float32Array plus = float32Arg(o.Get("plus"), "plus");
  requireLength(env, plus.ElementLength(), n, "plus");
  float* minus = nullptr;
  Napi::Float32Array minusArray;
  if (scheme == sane::FdScheme::Central) {
    minusArray = float32Arg(o.Get("minus"), "minus");
    requireLength(env, minusArray.ElementLength(), n, "minus");
    minus = minusArray.Data();
  }
  // The previous target is dropped first: a refused one leaves the session with none (fdPoints() then refuses).
  solver_->setVectorSink(nullptr);
  fdSink_.reset();
  for (auto& ref : fdRefs_) ref.Reset();
  fdSink_ = guarded(env, "attachFdPoints", [&] {
    return std::make_unique<sane::FdPointsSink>(theta.Data(), n, scale, scheme, rel, plus.Data(), minus);
  });
  fdRefs_[0] = Napi::Persistent(theta.As<Napi::Object>());
  fdRefs_[1] = Napi::Persistent(plus.As<Napi::Object>());
  if (minus != nullptr) fdRefs_[2] = Napi::Persistent(minusArray.As<Napi::Object>());
  solver_->setVectorSink(fdSink_.get());
  return env.Undefined();
}

// The step and denominator of q_j's points: {eps, denominator, denominator2: 0}, as fdPoints returns them.
Napi::Value LanczosSession::FdPoints(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  requireIdle(env, "fdPoints");
  if (!fdSink_) internalError(env, "fdPoints() before attachFdPoints()");
  const double den = guarded(env, "fdPoints", [&] { return fdSink_->denominator(); });
  Napi::Object o = Napi::Object::New(env);
  o.Set("eps", fdSink_->eps());
  o.Set("denominator", den);
  o.Set("denominator2", 0.0);
  return o;
}

Napi::Value LanczosSession::Dispose(const Napi::CallbackInfo& info) {
  if (busy_) requireIdle(info.Env(), "dispose");
  solver_.reset();
  fdSink_.reset();
  for (auto& ref : fdRefs_) ref.Reset();
  // Detached, the work buffers' memory is freed now rather than at V8's next collection (a view JavaScript kept
  // reads as empty); each is 8n bytes, 188 MB at P = 23.5M, and an SLQ run disposes one session per probe.
  for (auto* ref : {&work_[0], &work_[1], &copy_}) {
    if (ref->IsEmpty()) continue;
    ref->Value().Detach();
    ref->Reset();
  }
  deflationRows_.clear();
  deflationRefs_.clear();
  return info.Env().Undefined();
}

}  // namespace sane_addon
