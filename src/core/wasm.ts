// The WebAssembly build of the core: the artifact (wasm/artifact.ts), the binding over its C entry points with the
// heap marshalling (wasm/binding.ts, wasm/heap.ts), checked like the native build by src/core/checked.ts.
import { checkedCore } from './checked.js';
import type { Core } from './types.js';
import { instantiateArtifact, instantiateFactory, wasmArtifactPath } from './wasm/artifact.js';
import { wasmBinding } from './wasm/binding.js';

export { wasmArtifactPath } from './wasm/artifact.js';

let loading: Promise<Core> | undefined;
let provided: { factory: unknown; source: string } | undefined;

/**
 * Hands the loader the emscripten factory (createSaneCore of wasm/dist/sane_core.cjs) instead of letting it find the
 * artifact on disk: a browser bundle has no file system and imports the artifact itself (src/browser/worker.ts).
 * loadWasmCore() and loadCore() then use this factory.
 */
export function provideWasmCoreFactory(factory: unknown, source = 'the bundled WASM core'): void {
  if (typeof factory !== 'function') throw new Error(`${source} does not export a module factory`);
  provided = { factory, source };
  loading = undefined;
}

async function loadProvided(p: { factory: unknown; source: string }): Promise<Core> {
  return checkedCore('wasm', wasmBinding(await instantiateFactory(p.factory, p.source)));
}

export function loadWasmCore(): Promise<Core> {
  loading ??= (provided ? loadProvided(provided) : loadWasmCoreFrom(wasmArtifactPath())).catch((err: unknown) => {
    loading = undefined; // a later call may succeed (e.g. after the artifact is built)
    throw err;
  });
  return loading;
}

/** Loads a WASM core from a given artifact (the benchmark compares builds with it); loadWasmCore() is the API. */
export async function loadWasmCoreFrom(file: string): Promise<Core> {
  return checkedCore('wasm', wasmBinding(await instantiateArtifact(file)));
}
