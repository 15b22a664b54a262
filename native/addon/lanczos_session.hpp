#pragma once
// JS class `Lanczos` over sane::Lanczos: a reverse-communication session whose step can run on a worker thread.
#include <napi.h>

#include <memory>
#include <vector>

#include "../core/fd_points_sink.hpp"
#include "../core/lanczos.hpp"

namespace sane_addon {

class LanczosSession : public Napi::ObjectWrap<LanczosSession> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit LanczosSession(const Napi::CallbackInfo& info);

  // Used by the step worker.
  sane::Lanczos& solver() { return *solver_; }
  void finishAsync() { busy_ = false; }

 private:
  Napi::Value N(const Napi::CallbackInfo& info);
  Napi::Value StepsTaken(const Napi::CallbackInfo& info);
  Napi::Value Done(const Napi::CallbackInfo& info);
  Napi::Value Vector(const Napi::CallbackInfo& info);
  Napi::Value VectorView(const Napi::CallbackInfo& info);
  Napi::Value Step(const Napi::CallbackInfo& info);
  Napi::Value StepAsync(const Napi::CallbackInfo& info);
  Napi::Value Result(const Napi::CallbackInfo& info);
  Napi::Value Ritz(const Napi::CallbackInfo& info);
  Napi::Value AttachFdPoints(const Napi::CallbackInfo& info);
  Napi::Value FdPoints(const Napi::CallbackInfo& info);
  Napi::Object toObject(Napi::Env env, sane::LanczosResult r) const;
  Napi::Value Dispose(const Napi::CallbackInfo& info);

  // Throws unless the session can be used now (not disposed, no step running on a worker).
  void requireIdle(Napi::Env env, const char* method) const;
  // Checks the product and lends it to the solver for the next step (which works in it); returns the array.
  Napi::Float64Array lendProduct(const Napi::CallbackInfo& info);

  // The deflated rows (options.deflation): JS Float32Arrays used in place, not copied (at ResNet-18 size each is
  // 45 MB); the references keep them alive as long as the solver that reads them. Declared before solver_ so the
  // solver is destroyed first.
  std::vector<Napi::ObjectReference> deflationRefs_;
  std::vector<const float*> deflationRows_;
  // q_{j-1} and q_j (LanczosConfig::workVectors) when the run keeps no double basis; before solver_, as above.
  Napi::Reference<Napi::ArrayBuffer> work_[2];
  // vectorView()'s copy of q_j when it is a row of a double basis (allocated at the first call).
  Napi::Reference<Napi::ArrayBuffer> copy_;
  // attachFdPoints(): theta and the point arrays (JS Float32Arrays written in place) and the sink the solver feeds;
  // before solver_, as above.
  Napi::ObjectReference fdRefs_[3];
  std::unique_ptr<sane::FdPointsSink> fdSink_;
  std::unique_ptr<sane::Lanczos> solver_;
  bool busy_ = false;
};

}  // namespace sane_addon
