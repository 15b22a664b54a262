// Module names that only the browser build (scripts/build-browser.mjs) resolves.

/** wasm/dist/sane_core.cjs: emscripten's module factory (createSaneCore) of the WASM core. */
declare module 'sane-core-wasm' {
  const createSaneCore: (overrides?: Record<string, unknown>) => Promise<unknown>;
  export default createSaneCore;
}
