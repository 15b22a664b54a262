#pragma once
// Refuse up front a solve whose memory does not fit, with a message that says how much it needs and what to change.
#include <cstddef>
#include <string>

namespace sane {

// Default budget: a share of the memory that is free now (native) or of the 4 GiB WASM heap limit.
std::size_t defaultMemoryBudget();
// Throws sane::Error when `bytes` exceeds `budget` (budget 0 = default); `what` names the request in the message,
// e.g. "Lanczos with 200 steps and full reorthogonalisation over 10000000 parameters".
void checkMemory(std::size_t bytes, std::size_t budget, const std::string& what, const std::string& advice);

}  // namespace sane
