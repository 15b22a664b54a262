// Memory budget. Natively: half of what the kernel reports as available now (MemAvailable, which counts reclaimable
// page cache), because the rest of the process (onnxruntime sessions, gradients) needs room too. On WASM the heap
// cannot exceed 4 GiB; 3 GiB minus what is already in use leaves room for the module's other buffers.
#include "memory_guard.hpp"

#include <cstdio>
#include <cstring>
#include <string>

#include "error.hpp"
#include "vector_pool.hpp"

#include <cstdint>
#include <unistd.h>  // sysconf natively, sbrk on WASM
#ifdef __EMSCRIPTEN__
#include <malloc.h>  // mallinfo
#endif

namespace sane {

namespace {
constexpr std::uint64_t kGiB = 1024ULL * 1024ULL * 1024ULL;

#ifndef __EMSCRIPTEN__
constexpr std::uint64_t kFallbackBudget = 2 * kGiB;  // when the OS tells us nothing

std::uint64_t availableBytes() {
  if (FILE* f = std::fopen("/proc/meminfo", "r")) {
    char line[256];
    unsigned long long kb = 0;
    bool found = false;
    while (std::fgets(line, sizeof line, f)) {
      if (std::sscanf(line, "MemAvailable: %llu kB", &kb) == 1) {
        found = true;
        break;
      }
    }
    std::fclose(f);
    if (found) return static_cast<std::uint64_t>(kb) * 1024ULL;
  }
#if defined(_SC_AVPHYS_PAGES) && defined(_SC_PAGESIZE)
  const long pages = sysconf(_SC_AVPHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
#endif
  return 0;
}
#endif
}  // namespace

std::string formatBytes(std::uint64_t bytes) {
  static const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 5) {
    v /= 1024.0;
    ++u;
  }
  char buf[96];
  if (u == 0)
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else
    std::snprintf(buf, sizeof buf, "%.2f %s (%llu bytes)", v, units[u], static_cast<unsigned long long>(bytes));
  return buf;
}

std::size_t defaultMemoryBudget() {
#ifdef __EMSCRIPTEN__
  // sbrk(0) is the top of the heap: everything below it is static data, stack, allocated, or freed blocks that
  // dlmalloc keeps for reuse (the heap never shrinks). Those free blocks (mallinfo().fordblks) are available, so
  // they do not count as used: otherwise one disposed run would lower the budget of every later one.
  const std::uint64_t top = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(sbrk(0)));
  const std::uint64_t freed = static_cast<std::uint64_t>(mallinfo().fordblks);
  const std::uint64_t used = top > freed ? top - freed : 0;
  const std::uint64_t limit = 3 * kGiB;
  return static_cast<std::size_t>(used < limit ? limit - used : 0);
#else
  // The buffers the vector pool keeps count as available, as WASM's freed blocks do: a session reuses those of its
  // size and frees the others as it starts (vector_pool.hpp).
  const std::uint64_t avail = availableBytes();
  const std::uint64_t budget = avail > 0 ? (avail + pooledBytes()) / 2 : kFallbackBudget;
  return static_cast<std::size_t>(budget);
#endif
}

void checkMemory64(std::uint64_t bytes, std::uint64_t budget, const std::string& what) {
  const bool byDefault = budget == 0;
  if (byDefault) budget = defaultMemoryBudget();
  if (bytes <= budget) return;
  std::string msg = what + " needs " + formatBytes(bytes) + " but the memory budget is " + formatBytes(budget);
#ifdef __EMSCRIPTEN__
  if (byDefault) msg += " (default: 3 GiB of the 4 GiB WASM heap, minus what is in use)";
#else
  if (byDefault) msg += " (default: half of the memory available now)";
#endif
  throw Error(ErrorKind::Memory, msg);
}

void checkMemory(std::size_t bytes, std::size_t budget, const std::string& what) {
  checkMemory64(bytes, budget, what);
}

}  // namespace sane
