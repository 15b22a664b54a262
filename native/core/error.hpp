#pragma once
// One exception type for everything the core refuses. It carries a kind, which both bindings hand to JavaScript as
// `error.code` (SANE_CORE_ARGUMENT, ...; src/errors.ts maps them to reasons), so callers classify errors by code and
// never by wording. Messages say what is wrong in the core's own terms (steps, n, bytes); advice that names a
// user-facing option (a flag of the CLI, an option of score()) is added in TypeScript, which knows the options.
#include <stdexcept>
#include <string>

namespace sane {

enum class ErrorKind {
  Argument = 0,   // an argument the core refuses (empty spectrum, k out of range, zero direction, ...)
  Memory = 1,     // the memory guard refused a request, or an allocation failed
  Numerical = 2,  // NaN or Inf in data the core was given or computed (a product, a matrix, a LAPACK failure)
  State = 3,      // a run used out of order (step after the end, result before the first step, after a failure)
};

// The code both bindings attach: "SANE_CORE_ARGUMENT", "SANE_CORE_MEMORY", "SANE_CORE_NUMERICAL", "SANE_CORE_STATE".
inline const char* errorCode(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Memory: return "SANE_CORE_MEMORY";
    case ErrorKind::Numerical: return "SANE_CORE_NUMERICAL";
    case ErrorKind::State: return "SANE_CORE_STATE";
    default: return "SANE_CORE_ARGUMENT";
  }
}

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  const char* code() const { return errorCode(kind_); }

 private:
  ErrorKind kind_;
};

}  // namespace sane
