// Memory release in the locking Lanczos run ahead of SLQ (src/util/release-garbage.ts): a cycle's Ritz vectors that
// were not locked must be gone before the next cycle's products, and the run's answers must still be the known
// spectrum. On ResNet-18 (issue 9) V8 kept the previous cycle's six Ritz vectors (270 MB) resident through the
// whole next cycle, which made the peak. The reference here is the diagonal we put in, and the check of what is
// alive uses WeakRefs to the vectors the core handed out, so it does not depend on V8's heap statistics.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../src/core/index.js';
import type { Core, LanczosResult } from '../src/core/types.js';
import { runLanczosLocking } from '../src/estimators/lanczos.js';
import { COLLECT_MIN_BYTES, canCollectGarbage, releaseGarbage } from '../src/util/release-garbage.js';

const cores = ['native', 'wasm'] as const;

/** The core with every Lanczos session watched: its steps and deflated count, and WeakRefs to the Ritz vectors its
 *  result() returns, by cycle. */
function watched(core: Core): { core: Core; cycles: WeakRef<object>[][]; sessions: { steps: number; deflated: number }[] } {
  const cycles: WeakRef<object>[][] = [];
  const sessions: { steps: number; deflated: number }[] = [];
  const wrapped = Object.create(core) as Core;
  wrapped.createLanczos = (o) => {
    sessions.push({ steps: o.steps, deflated: o.deflation?.length ?? 0 });
    const s = core.createLanczos(o);
    const result = s.result.bind(s);
    s.result = (): LanczosResult => {
      const r = result();
      cycles.push(r.ritzVectors.map((v) => new WeakRef(v)));
      return r;
    };
    return s;
  };
  return { core: wrapped, cycles, sessions };
}

describe.each(cores)('memory release of the locking Lanczos run (%s core)', (kind) => {
  it('releaseGarbage frees a dropped large buffer and leaves small garbage to V8', async () => {
    expect(canCollectGarbage()).toBe(true);
    let big: Float32Array | null = new Float32Array(COLLECT_MIN_BYTES / 4);
    const ref = new WeakRef(big);
    big = null;
    expect(await releaseGarbage(COLLECT_MIN_BYTES - 1)).toBe(false);
    expect(await releaseGarbage(COLLECT_MIN_BYTES)).toBe(true);
    expect(ref.deref() === undefined).toBe(true); // (not toBeUndefined: a failure would print 16M numbers)
  });

  /** A locking run on a diagonal operator of known spectrum; which earlier Ritz vectors not locked were alive at
   *  the start of each later cycle. */
  async function lockingRun(collectMinBytes: number) {
    // Five outliers above a bulk in [0, 1]: the reference eigenvalues are the diagonal's entries.
    const n = 500_000;
    const top = [40, 31, 24, 18, 14];
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = i < top.length ? top[i] : ((i * 7919) % 100_003) / 100_003;
    const out = new Float64Array(n);
    const { core, cycles, sessions } = watched((await loadCore({ prefer: kind })).core);
    // At the first product of every cycle after the first: which Ritz vectors of earlier cycles are still alive, as
    // (cycle, index) keys (no strong reference kept).
    const aliveAtCycleStart: string[][] = [];
    let seenCycles = 0;
    const op = {
      n,
      async apply(v: Float64Array) {
        if (cycles.length > seenCycles) {
          seenCycles = cycles.length;
          aliveAtCycleStart.push(cycles.flatMap((c, k) => c.flatMap((r, t) => (r.deref() !== undefined ? [`${k}:${t}`] : []))));
        }
        for (let i = 0; i < n; i++) out[i] = d[i] * v[i];
        return out;
      },
    };
    // 8 rows with need 5: several cycles; lockMax 6 as at ResNet-18 size.
    const run = await runLanczosLocking(core, op, {
      rows: 8, maxProducts: 200, seed: 3, need: 5, tol: 1e-6, minSteps: 8, lockMax: 6, deflateTol: 1e-5, collectMinBytes,
    });
    // Keys of the vectors that were locked (the run keeps float32 vectors as they came: the same objects).
    const lockedKeys = new Set<string>();
    cycles.forEach((c, k) => c.forEach((r, t) => {
      const v = r.deref();
      if (v !== undefined && run.locked.some((p) => p.vector === v)) lockedKeys.add(`${k}:${t}`);
    }));
    expect(aliveAtCycleStart.length).toBe(run.cycles - 1);
    // there was something to drop: the cycles before the last handed out more vectors than were locked
    expect(cycles.slice(0, -1).flat().length).toBeGreaterThan(lockedKeys.size);
    return { run, top, sessions, unlockedAlive: aliveAtCycleStart.flat().filter((key) => !lockedKeys.has(key)) };
  }

  it('drops each cycle\'s unlocked Ritz vectors before the next cycle, and finds the known top of the spectrum', async () => {
    const { run, top, unlockedAlive } = await lockingRun(0);
    expect(run.cycles).toBeGreaterThan(2);
    expect(run.converged).toBe(true);
    const values = run.locked.map((p) => p.value).sort((a, b) => b - a);
    expect(values.length).toBeGreaterThanOrEqual(5);
    // float32 rows and locked vectors: the Ritz values within the 1e-6 relative residual tolerance of the run
    top.forEach((t, i) => expect(Math.abs(values[i] - t) / top[0], `top ${i}`).toBeLessThan(1e-6));
    // Only locked vectors survive a restart.
    expect(unlockedAlive).toEqual([]);
  }, 120_000);

  it('the check above sees a missing release: with no collection forced, unlocked vectors outlive their cycle', async () => {
    // V8 on its own leaves them (as it left 270 MB of them on ResNet-18): without the forced collection the test
    // above would fail.
    const { unlockedAlive } = await lockingRun(Infinity);
    expect(unlockedAlive.length).toBeGreaterThan(0);
  }, 120_000);
});
