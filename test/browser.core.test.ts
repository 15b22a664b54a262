// The WASM core handed to the loader as a factory (provideWasmCoreFactory), as the browser worker does: loadCore()
// then uses it instead of looking for the artifact on disk, and it computes what the artifact computes.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCore } from '../src/core/index.js';
import { provideWasmCoreFactory } from '../src/core/wasm.js';
import { repoRoot } from './helpers/paths.js';

describe('WASM core from a provided factory', () => {
  it('refuses something that is not a factory', () => {
    expect(() => provideWasmCoreFactory({}, 'the test artifact')).toThrow('the test artifact does not export a module factory');
  });

  it('loads through loadCore and computes a known spectrum', async () => {
    const factory = createRequire(import.meta.url)(path.join(repoRoot, 'wasm', 'dist', 'sane_core.cjs')) as (o?: unknown) => Promise<unknown>;
    let calls = 0;
    provideWasmCoreFactory((o?: unknown) => {
      calls++;
      return factory(o);
    });
    const { core } = await loadCore({ prefer: 'wasm' });
    expect(calls).toBe(1);
    expect(core.kind).toBe('wasm');
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    const eig = Array.from(core.symmetricEigenvalues(new Float64Array([2, 1, 1, 2]), 2)).sort((a, b) => a - b);
    expect(eig[0]).toBeCloseTo(1, 14);
    expect(eig[1]).toBeCloseTo(3, 14);
  });
});
