// Choosing the build: auto falls back to WASM when the addon cannot load and says why; forcing a build that cannot
// load is an error (never a silent switch); SANE_CORE selects like `prefer`.
import { afterEach, describe, expect, it } from 'vitest';

import { loadCore } from '../src/core/index.js';
import type { Core } from '../src/core/types.js';

const failingNative = async (): Promise<Core> => {
  throw new Error('simulated: libsane missing for this test');
};

describe('core selection', () => {
  const saved = process.env.SANE_CORE;
  afterEach(() => {
    if (saved === undefined) delete process.env.SANE_CORE;
    else process.env.SANE_CORE = saved;
  });

  it('auto loads the native addon when it works, and says so', async () => {
    delete process.env.SANE_CORE;
    const loaded = await loadCore();
    expect(loaded.core.kind).toBe('native');
    // build/Release from a local build, or a prebuild that prebuildify made (node-gyp-build picks either).
    expect(loaded.reason).toMatch(/native addon loaded from (build\/Release\/sane_core|prebuilds\/[a-z0-9-]+\/[a-z0-9@.-]+)\.node/);
  });

  it('auto with an unloadable addon chooses WASM and reports the native failure', async () => {
    delete process.env.SANE_CORE;
    const loaded = await loadCore({ nativeLoader: failingNative });
    expect(loaded.core.kind).toBe('wasm');
    expect(loaded.reason).toMatch(/native addon failed to load: simulated: libsane missing.*using WASM/);
  });

  it('SANE_CORE=native with an unloadable addon is an error that says why', async () => {
    process.env.SANE_CORE = 'native';
    await expect(loadCore({ nativeLoader: failingNative })).rejects.toThrow(
      /native core was forced by SANE_CORE but cannot be loaded: simulated: libsane missing/,
    );
  });

  it('prefer: native with an unloadable addon is an error too', async () => {
    await expect(loadCore({ prefer: 'native', nativeLoader: failingNative })).rejects.toThrow(/cannot be loaded/);
  });

  it('SANE_CORE=wasm forces WASM even when native works; an unknown value is refused', async () => {
    process.env.SANE_CORE = 'wasm';
    const loaded = await loadCore();
    expect(loaded.core.kind).toBe('wasm');
    expect(loaded.reason).toMatch(/SANE_CORE/);
    process.env.SANE_CORE = 'gpu';
    await expect(loadCore()).rejects.toThrow(/SANE_CORE must be 'native', 'wasm' or 'auto' \(got 'gpu'\)/);
  });

  it('a failing WASM loader under a forced wasm preference is an error naming WASM', async () => {
    await expect(
      loadCore({
        prefer: 'wasm',
        wasmLoader: async () => {
          throw new Error('simulated: wasm file missing');
        },
      }),
    ).rejects.toThrow(/WASM core was requested but cannot be loaded: simulated: wasm file missing/);
  });
});
