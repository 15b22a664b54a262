#pragma once
// Version of the core sources, reported by Core.version() together with the build (native / WASM).
namespace sane {
const char* coreVersion();
}  // namespace sane
