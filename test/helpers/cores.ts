// The builds every core test runs on. 'fallback' is the auto loader with the native addon made unloadable: it must
// choose WASM and pass the same tests.
import { loadCore } from '../../src/core/index.js';
import type { Core } from '../../src/core/types.js';

export const coreVariants = ['native', 'wasm', 'fallback'] as const;
export type CoreVariant = (typeof coreVariants)[number];

export const simulatedNativeFailure = 'simulated: native addon unloadable (test)';

export async function coreFor(variant: CoreVariant): Promise<Core> {
  if (variant === 'fallback') {
    const loaded = await loadCore({
      prefer: 'auto',
      nativeLoader: async () => {
        throw new Error(simulatedNativeFailure);
      },
    });
    if (loaded.core.kind !== 'wasm') throw new Error(`fallback chose ${loaded.core.kind}, expected wasm`);
    return loaded.core;
  }
  const loaded = await loadCore({ prefer: variant });
  if (loaded.core.kind !== variant) throw new Error(`asked for ${variant}, got ${loaded.core.kind}`);
  return loaded.core;
}
