// The native N-API build of the core: build/Release/sane_core.node (cmake-js / node-gyp) or a prebuild under
// prebuilds/<platform>-<arch>/, found by node-gyp-build from the package root. The addon exports the CoreBinding
// table itself (plus the `Lanczos` class behind createLanczos); src/core/checked.ts checks every call.
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

import type { BindingSession, CoreBinding, LanczosConfig } from './binding.js';
import { checkedCore } from './checked.js';
import type { Core } from './types.js';


type NativeAddon = Omit<CoreBinding, 'createLanczos' | 'maxN'> & {
  Lanczos: new (config: LanczosConfig) => BindingSession;
};

let cached: Core | undefined;
let loadedFrom: string | undefined;

/** The file the native addon was loaded from (relative to the package root), once loaded. */
export function nativeAddonPath(): string | undefined {
  return loadedFrom;
}

export async function loadNativeCore(): Promise<Core> {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  let addon: NativeAddon;
  try {
    const nodeGypBuild = require('node-gyp-build') as { path(dir: string): string };
    const file = nodeGypBuild.path(packageRoot());
    addon = require(file) as NativeAddon;
    loadedFrom = path.relative(packageRoot(), file);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `native addon could not be loaded from ${packageRoot()} (build/Release or prebuilds/): ${reason.split('\n')[0]}`,
    );
  }
  if (typeof addon?.Lanczos !== 'function' || typeof addon.version !== 'function') {
    throw new Error('native addon loaded but does not export the SANE core API (stale build? run npm run build:native)');
  }
  const Lanczos = addon.Lanczos;
  // The addon's exports are the binding's methods; only the session class needs a factory.
  const binding: CoreBinding = { ...addon, createLanczos: (config) => new Lanczos(config), maxN: Infinity };
  cached = checkedCore('native', binding);
  return cached;
}
