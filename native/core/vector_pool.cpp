#include "vector_pool.hpp"

#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace sane {

namespace {

struct Pool {
  std::mutex mutex;
  std::vector<std::pair<std::size_t, void*>> kept;  // oldest first
  std::size_t bytes = 0;
};

// Never destroyed: sessions disposed by finalizers at process exit may still give buffers back.
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

// Whether a buffer of this size may be kept at all (the one place the limits are read).
bool keepable(std::size_t bytes) { return bytes > 0 && bytes <= kPoolBufferLimit && bytes <= kPoolLimit; }

}  // namespace

void* poolAcquire(std::size_t bytes) {
  if (keepable(bytes)) {
    Pool& p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    // The newest first: its pages are the likeliest to be in cache.
    for (std::size_t i = p.kept.size(); i-- > 0;) {
      if (p.kept[i].first != bytes) continue;
      void* buffer = p.kept[i].second;
      p.kept.erase(p.kept.begin() + static_cast<std::ptrdiff_t>(i));
      p.bytes -= bytes;
      return buffer;
    }
  }
  return ::operator new(bytes);
}

void poolRelease(void* buffer, std::size_t bytes) noexcept {
  if (buffer == nullptr) return;
  if (!keepable(bytes)) {
    ::operator delete(buffer);
    return;
  }
  // Freed under the lock (no list of them to allocate in a noexcept function); giving back is rare and short.
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  std::size_t drop = 0;
  while (p.bytes + bytes > kPoolLimit && drop < p.kept.size()) {
    p.bytes -= p.kept[drop].first;
    ::operator delete(p.kept[drop].second);
    ++drop;
  }
  p.kept.erase(p.kept.begin(), p.kept.begin() + static_cast<std::ptrdiff_t>(drop));
  try {
    p.kept.emplace_back(bytes, buffer);
    p.bytes += bytes;
  } catch (...) {
    ::operator delete(buffer);  // no room for the list entry
  }
}

void poolRetainFor(std::size_t n) noexcept {
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  std::size_t keep = 0;
  for (std::size_t i = 0; i < p.kept.size(); ++i) {
    if (p.kept[i].first == n * sizeof(float) || p.kept[i].first == n * sizeof(double)) {
      p.kept[keep++] = p.kept[i];
    } else {
      p.bytes -= p.kept[i].first;
      ::operator delete(p.kept[i].second);
    }
  }
  p.kept.resize(keep);
}

std::size_t pooledBytes() {
  Pool& p = pool();
  std::lock_guard<std::mutex> lock(p.mutex);
  return p.bytes;
}

}  // namespace sane
