#pragma once
// Refuse up front a solve whose memory does not fit, with a message that says how much it needs and how much there
// is. What to change (fewer steps, fewer parameters, a larger budget) is the caller's to say: it knows the options.
#include <cstddef>
#include <cstdint>
#include <string>

namespace sane {

// Default budget: a share of the memory that is free now (native) or of the 4 GiB WASM heap limit.
std::size_t defaultMemoryBudget();
// Throws sane::Error (ErrorKind::Memory) when `bytes` exceeds `budget` (budget 0 = default); `what` names the
// request in the message, e.g. "Lanczos with 200 steps and full reorthogonalisation over 10000000 parameters".
void checkMemory(std::size_t bytes, std::size_t budget, const std::string& what);
// Same with 64-bit counts (added: on wasm32 a request can exceed what size_t holds and must still be refused with
// its true size in the message).
void checkMemory64(std::uint64_t bytes, std::uint64_t budget, const std::string& what);
// "1.50 GiB (1610612736 bytes)"
std::string formatBytes(std::uint64_t bytes);

}  // namespace sane
