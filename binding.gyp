{
  "comment": "node-gyp build of the native addon (the prebuild is made by CMakeLists.txt through cmake-js). The sources come from native/sources.txt, the list CMake and wasm/build.sh read too; LAPACK is compiled in (native/lapack/), as with CMake's default SANE_LAPACK=bundled.",
  "targets": [
    {
      "target_name": "sane_lapack",
      "type": "static_library",
      "sources": ["<!@(node scripts/sources.cjs lapack)"],
      "include_dirs": ["native/lapack/include", "wasm/lapack/replacements"],
      "defines": ["dstev_=sane_f2c_dstev_", "dsyev_=sane_f2c_dsyev_"],
      "cflags": ["-O3", "-ffp-contract=off", "-fvisibility=hidden", "-fPIC", "-w"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fvisibility=hidden", "-w"] }
    },
    {
      "target_name": "sane_blas",
      "type": "static_library",
      "sources": ["<!@(node scripts/sources.cjs blas)"],
      "include_dirs": ["native/lapack/include"],
      "cflags": ["-O3", "-ffp-contract=off", "-fvisibility=hidden", "-fPIC", "-w",
                 "-fassociative-math", "-fno-signed-zeros", "-fno-trapping-math", "-funroll-loops"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-ffp-contract=off", "-fvisibility=hidden", "-w",
                 "-fassociative-math", "-fno-signed-zeros", "-fno-trapping-math", "-funroll-loops"] }
    },
    {
      "target_name": "sane_core",
      "dependencies": ["sane_lapack", "sane_blas"],
      "sources": ["<!@(node scripts/sources.cjs core addon)"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-O3", "-ffp-contract=off"],
      "conditions": [
        ["OS=='mac'", {
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "OTHER_CPLUSPLUSFLAGS": ["-O3", "-ffp-contract=off"]
          }
        }],
        ["OS=='win'", {
          "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } }
        }]
      ]
    }
  ]
}
