// What only the native addon promises: long work off the event loop, clear refusal of concurrent use of one
// session, and argument errors of the right JS type.
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor } from './helpers/cores.js';
import { denseMatrix, linspace, similarityOperator } from './helpers/spectra.js';

describe('native addon specifics', () => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor('native');
  });

  it('symmetricEigenvaluesAsync leaves the event loop running', async () => {
    const op = similarityOperator(linspace(-1, 1, 900), 2, 1);
    const a = denseMatrix(op);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const w = await core.symmetricEigenvaluesAsync(a, op.n);
    clearInterval(timer);
    expect(w[0]).toBeCloseTo(-1, 10);
    // The interval fired during the solve (tens of ms for n = 900); a blocked loop would fire at most once, after it.
    expect(ticks).toBeGreaterThan(2);
  });

  it('one stepAsync at a time per session, with a clear error; dispose waits for it', async () => {
    const n = 200_000;
    const s = core.createLanczos({ n, steps: 5, seed: 1 });
    const product = new Float64Array(n).fill(1);
    const pending = s.stepAsync(product);
    expect(() => s.stepAsync(product)).toThrow(/stepAsync\(\) is still running/);
    expect(() => s.step(product)).toThrow(/still running/);
    for (const call of [() => s.vector(), () => s.vectorView(), () => s.ritz(), () => s.result(), () => s.fdPoints()]) {
      expect(call).toThrow(/still running on this session; await it before calling any method/);
    }
    const target = { theta: new Float32Array(n), thetaScale: 1, scheme: 'central' as const, plus: new Float32Array(n), minus: new Float32Array(n) };
    expect(() => s.attachFdPoints(target)).toThrow(/Lanczos.attachFdPoints\(\): a stepAsync\(\) is still running/);
    expect(() => s.dispose()).toThrow(/await it first/);
    await expect(pending).resolves.toBe(true);
    expect(s.vector().length).toBe(n);
    s.dispose();
    expect(() => s.vector()).toThrow(/disposed/);
  });

  it('argument errors are TypeError / RangeError naming the argument', () => {
    expect(() => core.createLanczos({ n: 10, steps: 2, start: [1, 2] as unknown as Float64Array })).toThrow(TypeError);
    expect(() => core.createLanczos({ n: 1.5, steps: 2 })).toThrow(RangeError);
    expect(() => core.symmetricEigenvalues(new Float32Array(4) as unknown as Float64Array, 2)).toThrow(
      /a must be a Float64Array/,
    );
    expect(() => core.effectiveParameters(new Float64Array(3), Number.NaN, 'abs')).toThrow(RangeError);
    expect(() => core.fdPerturb(new Float32Array(3), new Float64Array(3), 1e-3, new Float32Array(2))).toThrow(
      /plus must have length 3/,
    );
  });

  it('reports its version and build', () => {
    expect(core.version()).toMatch(/sane-core .*native/);
  });
});
