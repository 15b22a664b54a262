// What a scoring setup keeps alive for the whole run: not the model file's bytes once the sessions are open (the
// parameters are fed from θ). Before, closures returned by prepareScoring shared the scope of the one that reads the
// bytes, and kept them (94 MB for torchvision's resnet50, as much as θ itself). The check uses a WeakRef to the
// bytes the loader returned, so it does not depend on V8's heap statistics.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareScoring } from '../src/api/setup.js';
import { canCollectGarbage, releaseGarbage } from '../src/util/release-garbage.js';

const loaded: WeakRef<Uint8Array>[] = [];
vi.mock('../src/onnx/load.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/onnx/load.js')>();
  return {
    ...original,
    loadModelFileBytes: (...args: Parameters<typeof original.loadModelFileBytes>) => {
      const bytes = original.loadModelFileBytes(...args);
      loaded.push(new WeakRef(bytes));
      return bytes;
    },
  };
});

describe('scoring setup memory', () => {
  afterEach(() => {
    loaded.length = 0;
  });

  it.each(['native', 'wasm'] as const)('does not keep the model file bytes once the sessions are open (%s core)', async (core) => {
    expect(canCollectGarbage()).toBe(true);
    const setup = await prepareScoring('examples/spirals_lr0.5.onnx', 'examples/spirals.npz', { core });
    try {
      expect(loaded).toHaveLength(1);
      // Two turns and a collection: what only the loader's caller held is gone, while the setup is alive and usable.
      await releaseGarbage(1, 0);
      await releaseGarbage(1, 0);
      expect(loaded[0].deref()).toBeUndefined();
      const loss = await setup.operator().loss();
      expect(Number.isFinite(loss)).toBe(true);
    } finally {
      await setup.release();
    }
  });
});
