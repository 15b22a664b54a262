// Where the committed WebAssembly artifact is and how it is instantiated: wasm/dist/sane_core.cjs (emscripten, one
// file with the .wasm inlined, built by wasm/build.sh from the same native/core sources as the addon).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { packageRoot } from '../../util/package-root.js';
import type { SaneWasmModule } from './module.js';

/** createSaneCore of the emscripten artifact (MODULARIZE). */
export type WasmFactory = (overrides?: Record<string, unknown>) => Promise<SaneWasmModule>;

/** Path of the committed WASM artifact. */
export function wasmArtifactPath(): string {
  return path.join(packageRoot(), 'wasm', 'dist', 'sane_core.cjs');
}

/** Instantiates the module in `file`, with messages that say what to rebuild. */
export async function instantiateArtifact(file: string): Promise<SaneWasmModule> {
  if (!existsSync(file)) {
    throw new Error(`WASM core not found at ${file}; rebuild it with \`npm run build:wasm\` (needs emscripten)`);
  }
  const require = createRequire(import.meta.url);
  let factory: WasmFactory;
  try {
    factory = require(file) as WasmFactory;
  } catch (err) {
    throw new Error(`WASM core at ${file} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  return instantiateFactory(factory, `WASM core at ${file}`);
}

/** Instantiates the module from its factory (the browser bundle imports the artifact and hands the factory over). */
export async function instantiateFactory(factory: unknown, source: string): Promise<SaneWasmModule> {
  if (typeof factory !== 'function') throw new Error(`${source} does not export a module factory`);
  const m = await (factory as WasmFactory)();
  if (typeof m._sane_lanczos_create !== 'function' || typeof m._sane_error_code !== 'function') {
    throw new Error(`${source} does not export the SANE core API (stale build? run npm run build:wasm)`);
  }
  return m;
}
