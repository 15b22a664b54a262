#pragma once
// Memory for the Lanczos basis rows (one allocation per row), placed so that writing a fresh row faults less.
//
// Why: a row is written once, by the step that forms its vector, and each 4 KiB page faults on that first write. On
// the 2-core development VM that took ~2 ms per 4.3 MB row (mlp784, P = 535,818) against ~0.5 ms for the write
// itself, a third of the core's time per Lanczos step. Rows of at least 2 MiB are therefore aligned to 2 MiB and
// advised MADV_HUGEPAGE on Linux, so that a kernel running transparent huge pages in "madvise" mode (the common
// default) backs them with 2 MiB pages: one fault per 512 small ones. A 20-step run's core steps went from 3.9 to
// 2.6 ms each in a C++ harness (median of 4 runs; a helper thread touching the next row's pages during the step's
// reading passes was tried on top and gained nothing more). Elsewhere (WebAssembly, other systems) rows are plain
// allocations. The memory is uninitialised, as `new double[n]` was; what a row holds is always written before read.
#include <cstddef>
#include <memory>

namespace sane {

struct RowFree {
  void operator()(void* p) const;
};

template <typename T>
using RowPtr = std::unique_ptr<T[], RowFree>;

// Uninitialised memory for `bytes` bytes (throws std::bad_alloc).
void* allocateRowBytes(std::size_t bytes);

template <typename T>
RowPtr<T> allocateRow(std::size_t n) {
  return RowPtr<T>(static_cast<T*>(allocateRowBytes(n * sizeof(T))));
}

}  // namespace sane
