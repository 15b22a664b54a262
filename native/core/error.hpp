#pragma once
// One exception type for everything the core refuses; the bindings turn it into a JS Error whose message is shown
// to the user as is, so messages must say what is wrong and what to change.
#include <stdexcept>
#include <string>

namespace sane {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace sane
