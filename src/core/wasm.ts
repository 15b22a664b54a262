// The WebAssembly build of the core: the artifact (wasm/artifact.ts), the binding over its C entry points with the
// heap marshalling (wasm/binding.ts, wasm/heap.ts), checked like the native build by src/core/checked.ts.
import { checkedCore } from './checked.js';
import type { Core } from './types.js';
import { instantiateArtifact, wasmArtifactPath } from './wasm/artifact.js';
import { wasmBinding } from './wasm/binding.js';

export { wasmArtifactPath } from './wasm/artifact.js';

let loading: Promise<Core> | undefined;

export function loadWasmCore(): Promise<Core> {
  loading ??= loadWasmCoreFrom(wasmArtifactPath()).catch((err: unknown) => {
    loading = undefined; // a later call may succeed (e.g. after the artifact is built)
    throw err;
  });
  return loading;
}

/** Loads a WASM core from a given artifact (the benchmark compares builds with it); loadWasmCore() is the API. */
export async function loadWasmCoreFrom(file: string): Promise<Core> {
  return checkedCore('wasm', wasmBinding(await instantiateArtifact(file)));
}
