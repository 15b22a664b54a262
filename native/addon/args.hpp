#pragma once
// Argument access for the bindings. The TypeScript `Core` (src/core/checked.ts) is the one place that checks
// arguments and words the messages a user sees; the addon trusts it and keeps only asserts that stop a wrong call
// from reading out of bounds (a TypeError naming the argument, "internal" because it means a bug above us).
// Core failures become JS Errors with the core's message and `error.code` = the sane::ErrorKind's code
// (SANE_CORE_ARGUMENT, SANE_CORE_MEMORY, SANE_CORE_NUMERICAL, SANE_CORE_STATE), which src/core/errors.ts maps.
#include <napi.h>

#include <cmath>
#include <new>
#include <string>

#include "../core/error.hpp"
#include "../core/fd_hvp.hpp"

namespace sane_addon {

[[noreturn]] inline void internalError(const Napi::Env& env, const std::string& what) {
  throw Napi::TypeError::New(env, "internal: " + what + " (the TypeScript Core checks arguments before the addon)");
}

inline Napi::Float64Array float64Arg(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    internalError(v.Env(), name + " is not a Float64Array");
  return v.As<Napi::Float64Array>();
}

inline Napi::Float32Array float32Arg(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    internalError(v.Env(), name + " is not a Float32Array");
  return v.As<Napi::Float32Array>();
}

inline double numberArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsNumber()) internalError(v.Env(), name + " is not a number");
  return v.As<Napi::Number>().DoubleValue();
}

// An integer in [lo, hi]: asserted because a cast of anything else to size_t/int is undefined behaviour.
inline double integerArg(const Napi::Value& v, const std::string& name, double lo, double hi) {
  const double x = numberArg(v, name);
  if (!(x == std::floor(x) && x >= lo && x <= hi)) internalError(v.Env(), name + " is not an integer in range");
  return x;
}

inline bool boolArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsBoolean()) internalError(v.Env(), name + " is not a boolean");
  return v.As<Napi::Boolean>().Value();
}

inline std::string stringArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsString()) internalError(v.Env(), name + " is not a string");
  return v.As<Napi::String>().Utf8Value();
}

inline sane::FdScheme schemeArg(const Napi::Value& v, const std::string& name) {
  const std::string s = stringArg(v, name);
  if (s == "central") return sane::FdScheme::Central;
  if (s == "forward") return sane::FdScheme::Forward;
  internalError(v.Env(), name + " is '" + s + "'");
}

inline void requireLength(const Napi::Env& env, std::size_t got, std::size_t want, const std::string& name) {
  if (got != want)
    internalError(env, name + " has length " + std::to_string(got) + ", expected " + std::to_string(want));
}

inline Napi::Float64Array toFloat64Array(Napi::Env env, const double* data, std::size_t n) {
  Napi::Float64Array a = Napi::Float64Array::New(env, n);
  if (n) std::copy(data, data + n, a.Data());
  return a;
}

// A failure of the core as message + code, so that workers (which report errors later, on the main thread) and
// synchronous calls make the same JS error.
struct CoreFailure {
  std::string message;
  const char* code;
};

// Classifies what a core call threw. bad_alloc is a memory failure: the allocation passed the memory guard but the
// system refused it.
inline CoreFailure failureOf(const char* what) {
  try {
    throw;
  } catch (const sane::Error& e) {
    return {e.what(), e.code()};
  } catch (const std::bad_alloc&) {
    return {std::string("out of memory in ") + what +
                ": the allocation failed although it passed the memory budget; free memory, lower the budget or "
                "reduce the problem",
            sane::errorCode(sane::ErrorKind::Memory)};
  } catch (const std::exception& e) {
    return {std::string(what) + ": " + e.what(), sane::errorCode(sane::ErrorKind::Argument)};
  }
}

inline Napi::Error toJsError(Napi::Env env, const CoreFailure& f) {
  Napi::Error e = Napi::Error::New(env, f.message);
  e.Set("code", Napi::String::New(env, f.code));
  return e;
}

// Runs fn, turning core errors into JS errors with a code (C++ exceptions mode of node-addon-api).
template <typename F>
auto guarded(Napi::Env env, const char* what, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw toJsError(env, failureOf(what));
  }
}

// An AsyncWorker whose failures keep their code: Execute() calls run(), OnError rebuilds the error with the code.
class CoreWorker : public Napi::AsyncWorker {
 public:
  CoreWorker(Napi::Env env, const char* name) : Napi::AsyncWorker(env, name), what_(name) {}

 protected:
  template <typename F>
  void run(F&& fn) {
    try {
      fn();
    } catch (...) {
      failure_ = failureOf(what_);
      SetError(failure_.message);
    }
  }
  Napi::Value errorValue() const { return toJsError(Env(), failure_).Value(); }

 private:
  const char* what_;
  CoreFailure failure_{"", nullptr};
};

}  // namespace sane_addon
