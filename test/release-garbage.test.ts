// The forced collection (src/util/release-garbage.ts): a dropped buffer of COLLECT_MIN_BYTES or more is freed at
// once, smaller garbage is left to V8's own schedule. The check of what is alive uses a WeakRef, so it does not
// depend on V8's heap statistics.
import { describe, expect, it } from 'vitest';
import { COLLECT_MIN_BYTES, canCollectGarbage, releaseGarbage } from '../src/util/release-garbage.js';

describe('releaseGarbage', () => {
  it('frees a dropped large buffer and leaves small garbage to V8', async () => {
    expect(canCollectGarbage()).toBe(true);
    let big: Float32Array | null = new Float32Array(COLLECT_MIN_BYTES / 4);
    const ref = new WeakRef(big);
    big = null;
    expect(await releaseGarbage(COLLECT_MIN_BYTES - 1)).toBe(false);
    expect(await releaseGarbage(COLLECT_MIN_BYTES)).toBe(true);
    expect(ref.deref() === undefined).toBe(true); // (not toBeUndefined: a failure would print 16M numbers)
  });

  it('collects below COLLECT_MIN_BYTES when the caller lowers the threshold (the lean products: one gradient at a time)', async () => {
    let small: Float32Array | null = new Float32Array(1024);
    const ref = new WeakRef(small);
    small = null;
    expect(await releaseGarbage(4096, 0)).toBe(true);
    expect(ref.deref() === undefined).toBe(true);
  });
});
