// Chooses the build of the core: native first, WASM when the addon is missing or fails to load; SANE_CORE or
// `prefer` forces one, and forcing a build that cannot load is an error (never a silent switch).
import { loadNativeCore, nativeAddonPath } from './native.js';
import type { Core, CoreKind, LoadedCore } from './types.js';
import { loadWasmCore } from './wasm.js';

export type * from './types.js';
export type CorePreference = 'auto' | CoreKind;

export interface LoadCoreOptions {
  prefer?: CorePreference;
  /** Replaces the native loader (tests make the addon "unloadable" with it). */
  nativeLoader?: () => Promise<Core>;
  /** Replaces the WASM loader. */
  wasmLoader?: () => Promise<Core>;
}

function parsePreference(value: string, source: string): CorePreference {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || v === 'native' || v === 'wasm') return v;
  throw new Error(`${source} must be 'native', 'wasm' or 'auto' (got '${value}')`);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function loadCore(opts: LoadCoreOptions = {}): Promise<LoadedCore> {
  const prefer =
    opts.prefer !== undefined
      ? parsePreference(opts.prefer, 'the core preference')
      : process.env.SANE_CORE
        ? parsePreference(process.env.SANE_CORE, 'SANE_CORE')
        : 'auto';
  const native = opts.nativeLoader ?? loadNativeCore;
  const wasm = opts.wasmLoader ?? loadWasmCore;
  const source = opts.prefer !== undefined ? 'requested' : 'forced by SANE_CORE';

  if (prefer === 'native') {
    try {
      return { core: await native(), reason: `native core ${source}` };
    } catch (err) {
      throw new Error(`the native core was ${source} but cannot be loaded: ${message(err)}`);
    }
  }
  if (prefer === 'wasm') {
    try {
      return { core: await wasm(), reason: `WASM core ${source}` };
    } catch (err) {
      throw new Error(`the WASM core was ${source} but cannot be loaded: ${message(err)}`);
    }
  }
  let nativeFailure: string;
  try {
    const core = await native();
    const from = opts.nativeLoader ? undefined : nativeAddonPath();
    return { core, reason: from ? `native addon loaded from ${from}` : 'native addon loaded' };
  } catch (err) {
    nativeFailure = message(err);
  }
  try {
    return { core: await wasm(), reason: `native addon failed to load: ${nativeFailure}; using WASM` };
  } catch (err) {
    throw new Error(
      `no core can be loaded. Native: ${nativeFailure}. WASM: ${message(err)}. ` +
        'Build one with `npm run build:native` (needs cmake and g++) or `npm run build:wasm`.',
    );
  }
}

export { loadNativeCore } from './native.js';
export { loadWasmCore } from './wasm.js';
