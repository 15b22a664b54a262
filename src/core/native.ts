// The native N-API build of the core: build/Release/sane_core.node (cmake-js / node-gyp) or a prebuild under
// prebuilds/<platform>-<arch>/, found by node-gyp-build from the package root.
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';

import type { Core, LanczosOptions, LanczosResult, LanczosSession } from './types.js';


type NativeLanczos = LanczosSession;

type NativeAddon = Omit<Core, 'kind' | 'createLanczos'> & {
  Lanczos: new (options: LanczosOptions) => NativeLanczos;
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
  cached = wrap(addon);
  return cached;
}

function wrap(addon: NativeAddon): Core {
  return {
    kind: 'native',
    version: () => addon.version(),
    createLanczos(options: LanczosOptions): LanczosSession {
      const s = new addon.Lanczos(options);
      return {
        n: s.n,
        vector: () => s.vector(),
        step: (product) => s.step(product),
        stepAsync: (product) => s.stepAsync(product),
        result: () => s.result(),
        dispose: () => s.dispose(),
      };
    },
    tridiagonalEigen: (alpha, beta) => addon.tridiagonalEigen(alpha, beta),
    symmetricEigenvalues: (a, n) => addon.symmetricEigenvalues(a, n),
    symmetricEigenvaluesAsync: (a, n) => addon.symmetricEigenvaluesAsync(a, n),
    effectiveParameters: (eig, z, policy) => addon.effectiveParameters(eig, z, policy),
    sharpnessAdjusted: (eig, c, policy, k) => addon.sharpnessAdjusted(eig, c, policy, k),
    kthLargestMagnitude: (eig, k) => addon.kthLargestMagnitude(eig, k),
    topEigenvalues: (eig, k, order) => addon.topEigenvalues(eig, k, order),
    slqEstimate: (probes, n, f, alpha, policy) => addon.slqEstimate(probes, n, f, alpha, policy),
    spectralDensity: (probes, grid, sigma) => addon.spectralDensity(probes, grid, sigma),
    fdStep: (theta, v, scheme, relStep) => addon.fdStep(theta, v, scheme, relStep),
    fdPerturb: (theta, v, eps, plus, minus) => addon.fdPerturb(theta, v, eps, plus, minus),
    fdCombine: (gPlus, gMinus, denominator, out) => addon.fdCombine(gPlus, gMinus, denominator, out),
    accumulate: (acc, g, weight) => addon.accumulate(acc, g, weight),
    lanczosBytes: (n, steps, reorthogonalize) => addon.lanczosBytes(n, steps, reorthogonalize),
    defaultMemoryBudget: () => addon.defaultMemoryBudget(),
  };
}
