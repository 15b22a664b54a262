#pragma once
// The n-sized work buffers of Lanczos sessions (basis rows, q_{j-1}, q_j, the product buffer), recycled between
// sessions of the same size instead of going back to the system.
//
// Why: an allocation of a few MB comes from mmap, and its pages are zeroed and mapped one by one at the first write,
// about 2 us per 4 KiB page on this project's 2-core VM (0.5-0.7 us for the same write to resident memory). A 20-step
// run on mlp784 (P = 536k, 21 double rows of 4.3 MB) took ~20,000 such faults: its steps cost 70-83 ms against
// 28-35 ms in the runs whose rows glibc happened to keep in its heap, 5-6% of the run's time. Every session of a
// small model paid it again (the SLQ probes, a server's requests, the bench's runs). Buffers above kPoolBufferLimit
// are never kept: at the sizes where memory matters (ResNet rows of 45 MB and more) nothing changes, and a run there
// pays its faults once against seconds per product.
//
// WASM: freed memory stays in the module's heap and is reused by the next malloc anyway; the pool keeps nothing
// there (its limit is 0), so that the 4 GB heap is not held by buffers of one size.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace sane {

// Buffers larger than this are freed, never kept: 8 MiB (a double row of P = 1M, a float32 row of 2M). Models of that
// size hold a few hundred MB in all, so what the pool keeps between the phases of a run that do not reuse it (the
// replay, the probes' quadrature) stays small beside it.
constexpr std::size_t kPoolBufferLimit = std::size_t(8) << 20;
// Bytes kept at most between sessions (the oldest buffers are freed first to make room).
#ifdef __EMSCRIPTEN__
constexpr std::size_t kPoolLimit = 0;
#else
constexpr std::size_t kPoolLimit = std::size_t(128) << 20;
#endif

// A buffer of `bytes` bytes: a kept buffer of exactly that size if there is one, else a new allocation (throws
// std::bad_alloc like new[]). The content is whatever the last user left there.
void* poolAcquire(std::size_t bytes);
// Gives a buffer from poolAcquire back: kept if it fits the limits, else freed. Thread-safe (steps run on libuv's
// pool, disposal on the main thread).
void poolRelease(void* p, std::size_t bytes) noexcept;
// Frees every kept buffer that a session over n values cannot use (sizes other than n floats and n doubles). Called
// as a session starts: a session of another size (a per-layer block, the next model a server scores) means the kept
// buffers are dead weight, and memory the memory guard would otherwise see as taken.
void poolRetainFor(std::size_t n) noexcept;
// Bytes kept now (for tests and diagnostics).
std::size_t pooledBytes();

template <typename T>
struct PoolDeleter {
  std::size_t bytes = 0;
  void operator()(T* p) const noexcept { poolRelease(p, bytes); }
};
template <typename T>
using PoolArray = std::unique_ptr<T[], PoolDeleter<T>>;

// n elements of T (uninitialised) from the pool.
template <typename T>
PoolArray<T> poolArray(std::size_t n) {
  // As new T[n] would refuse it (size_t is 32 bits in WASM, where n * 8 can wrap).
  if (n > SIZE_MAX / sizeof(T)) throw std::bad_alloc();
  const std::size_t bytes = n * sizeof(T);
  return PoolArray<T>(static_cast<T*>(poolAcquire(bytes)), PoolDeleter<T>{bytes});
}

}  // namespace sane
