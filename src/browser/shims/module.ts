// node:module in the browser bundle: createRequire is how the Node loaders reach the native addon and the WASM
// artifact on disk. The browser worker hands the WASM core its factory instead (provideWasmCoreFactory), so a
// require here means a Node-only path was taken; say so.
export function createRequire(from: string | URL): (id: string) => never {
  return (id: string) => {
    throw new Error(`cannot load ${id} (from ${String(from)}): require is not available in the browser`);
  };
}

export default { createRequire };
