#include "version.hpp"

namespace sane {
const char* coreVersion() { return "sane-core 0.1.0 (LAPACK dstev/dsyev)"; }
}  // namespace sane
