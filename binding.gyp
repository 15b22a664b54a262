{
  "targets": [
    {
      "target_name": "sane_core",
      "sources": [
        "native/core/lanczos.cpp",
        "native/core/eigen.cpp",
        "native/core/fd_hvp.cpp",
        "native/core/metrics.cpp",
        "native/core/memory_guard.cpp",
        "native/core/version.cpp",
        "native/addon/addon.cpp",
        "native/addon/lanczos_session.cpp"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-O3", "-ffp-contract=off"],
      "libraries": ["-llapack"],
      "conditions": [
        ["OS=='mac'", {
          "libraries!": ["-llapack"],
          "libraries": ["-framework Accelerate"],
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
