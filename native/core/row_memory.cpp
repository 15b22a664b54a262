#include "row_memory.hpp"

#include <cstdlib>
#include <new>
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#define SANE_ROW_HUGE_PAGES 1
#endif

namespace sane {

void RowFree::operator()(void* p) const { std::free(p); }

void* allocateRowBytes(std::size_t bytes) {
  if (bytes == 0) bytes = 1;
#ifdef SANE_ROW_HUGE_PAGES
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  if (bytes >= kHugePage) {
    void* p = nullptr;
    if (posix_memalign(&p, kHugePage, bytes) != 0 || p == nullptr) throw std::bad_alloc();
    // Advice only: where THP is off, or the advice is refused, the row keeps small pages. The tail of the row past
    // its last whole 2 MiB page stays in small pages (the kernel only maps aligned huge pages inside the range).
    madvise(p, bytes & ~(kHugePage - 1), MADV_HUGEPAGE);
    return p;
  }
#endif
  void* p = std::malloc(bytes);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace sane
