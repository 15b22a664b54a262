#pragma once
// Argument checking for the bindings: every bad argument becomes a TypeError/RangeError that names it, and every
// core failure a JS Error with the core's message (which already says what to change).
#include <napi.h>

#include <cmath>
#include <cstdio>
#include <new>
#include <string>

#include "../core/error.hpp"

namespace sane_addon {

inline Napi::Float64Array float64Arg(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
    throw Napi::TypeError::New(v.Env(), name + " must be a Float64Array");
  return v.As<Napi::Float64Array>();
}

inline Napi::Float32Array float32Arg(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw Napi::TypeError::New(v.Env(), name + " must be a Float32Array");
  return v.As<Napi::Float32Array>();
}

inline double numberArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsNumber()) throw Napi::TypeError::New(v.Env(), name + " must be a number");
  const double x = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(x)) throw Napi::RangeError::New(v.Env(), name + " must be finite (got " + std::to_string(x) + ")");
  return x;
}

// An integer in [lo, hi] (doubles so that sizes up to 2^53 pass).
inline double integerArg(const Napi::Value& v, const std::string& name, double lo, double hi) {
  const double x = numberArg(v, name);
  if (x != std::floor(x) || x < lo || x > hi) {
    char buf[160];
    std::snprintf(buf, sizeof buf, " must be an integer between %.0f and %.0f (got %.17g)", lo, hi, x);
    throw Napi::RangeError::New(v.Env(), name + buf);
  }
  return x;
}

inline bool boolArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsBoolean()) throw Napi::TypeError::New(v.Env(), name + " must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

inline std::string stringArg(const Napi::Value& v, const std::string& name) {
  if (!v.IsString()) throw Napi::TypeError::New(v.Env(), name + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

inline void requireLength(const Napi::Env& env, std::size_t got, std::size_t want, const std::string& name,
                          const std::string& why) {
  if (got != want)
    throw Napi::RangeError::New(env, name + " must have length " + std::to_string(want) + " (" + why + "), got " +
                                         std::to_string(got));
}

inline Napi::Float64Array toFloat64Array(Napi::Env env, const double* data, std::size_t n) {
  Napi::Float64Array a = Napi::Float64Array::New(env, n);
  if (n) std::copy(data, data + n, a.Data());
  return a;
}

inline std::string outOfMemoryMessage(const char* what) {
  return std::string("out of memory in ") + what +
         ": the allocation failed although it passed the memory budget; free memory, lower the budget "
         "(--memory-budget) or reduce the problem (--steps, --params)";
}

// Runs fn, turning core errors into JS errors (C++ exceptions mode of node-addon-api).
template <typename F>
auto guarded(Napi::Env env, const char* what, F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const Napi::Error&) {
    throw;
  } catch (const sane::Error& e) {
    throw Napi::Error::New(env, e.what());
  } catch (const std::bad_alloc&) {
    throw Napi::Error::New(env, outOfMemoryMessage(what));
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string(what) + ": " + e.what());
  }
}

}  // namespace sane_addon
