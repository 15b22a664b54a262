// Native and WASM give the same numbers for the same inputs and seeds (eigenvalues to 1e-12 of the spectral norm:
// the builds share the sources and the PRNG; only LAPACK's implementation and the compilers differ).
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor } from './helpers/cores.js';
import { fixtureJsonFiles } from './helpers/paths.js';
import { denseMatrix, linspace, maxAbs, runLanczos, similarityOperator } from './helpers/spectra.js';
import { readFileSync } from 'node:fs';

function expectClose(a: Float64Array, b: Float64Array, tol: number, what: string): void {
  expect(a.length, what).toBe(b.length);
  const scale = Math.max(maxAbs(a), maxAbs(b));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `${what}[${i}]`).toBeLessThanOrEqual(tol * scale);
}

describe('native and WASM agree', () => {
  let native: Core;
  let wasm: Core;
  beforeAll(async () => {
    native = await coreFor('native');
    wasm = await coreFor('wasm');
  });

  it('same start vector stream', () => {
    const a = native.createLanczos({ n: 1000, steps: 2, seed: 123456789 });
    const b = wasm.createLanczos({ n: 1000, steps: 2, seed: 123456789 });
    expect(Array.from(b.vector())).toEqual(Array.from(a.vector()));
    a.dispose();
    b.dispose();
  });

  it('Lanczos: Ritz values, weights, residuals, full and no reorthogonalisation', () => {
    const op = similarityOperator(Float64Array.from([...linspace(-1, 2, 1495), -4, 5, 7, 9, 12]), 3, 42);
    for (const reorthogonalize of [true, false]) {
      const a = runLanczos(native, op, { steps: 60, seed: 77, reorthogonalize });
      const b = runLanczos(wasm, op, { steps: 60, seed: 77, reorthogonalize });
      expect(b.steps).toBe(a.steps);
      expectClose(b.ritzValues, a.ritzValues, 1e-12, `ritzValues reorth=${reorthogonalize}`);
      expectClose(b.alpha, a.alpha, 1e-12, 'alpha');
      expectClose(b.weights, a.weights, 1e-9, 'weights');
    }
  });

  it('dense and tridiagonal eigenvalues', async () => {
    const op = similarityOperator(linspace(-3, 8, 250), 4, 9);
    const m = denseMatrix(op);
    expectClose(wasm.symmetricEigenvalues(m.slice(), op.n), native.symmetricEigenvalues(m.slice(), op.n), 1e-12, 'dsyev');
    expectClose(
      await wasm.symmetricEigenvaluesAsync(m.slice(), op.n),
      await native.symmetricEigenvaluesAsync(m.slice(), op.n),
      1e-12,
      'dsyev async',
    );
    const alpha = linspace(-1, 1, 80);
    const beta = linspace(0.5, 1.5, 79);
    expectClose(wasm.tridiagonalEigen(alpha, beta).values, native.tridiagonalEigen(alpha, beta).values, 1e-12, 'dstev');
  });

  it('metrics on every fixture spectrum, and FD arithmetic, bit for bit or to 1e-14', () => {
    for (const file of fixtureJsonFiles()) {
      const eig = Float64Array.from(JSON.parse(readFileSync(file, 'utf8')).eigenvalues_ascending as number[]);
      for (const policy of ['abs', 'clip'] as const) {
        expect(wasm.sharpnessAdjusted(eig, 0.5, policy, 2)).toBeCloseTo(native.sharpnessAdjusted(eig, 0.5, policy, 2), 12);
        expect(wasm.effectiveParameters(eig, 0.01, policy)).toBeCloseTo(native.effectiveParameters(eig, 0.01, policy), 12);
      }
    }
    const theta = Float32Array.from(linspace(-3, 3, 101));
    const v = linspace(1, -1, 101);
    const eps = native.fdStep(theta, v, 'central');
    expect(wasm.fdStep(theta, v, 'central')).toBe(eps);
    const [p1, m1, p2, m2] = [0, 1, 2, 3].map(() => new Float32Array(101));
    expect(wasm.fdPerturb(theta, v, eps, p2, m2)).toBe(native.fdPerturb(theta, v, eps, p1, m1));
    expect(Array.from(p2)).toEqual(Array.from(p1));
    expect(Array.from(m2)).toEqual(Array.from(m1));
  });

  it('the fused FD calls, bit for bit, over several blocks of the blocked sums and with native threads', () => {
    // 50k values: four blocks of 16384, so the block and lane order of the sums matters; the native core is also run
    // on 3 threads (SANE_CORE_THREADS, read per call), which must not change a bit either.
    const n = 50_000;
    const theta = Float32Array.from(linspace(-3, 3, n));
    const v = Float64Array.from(linspace(1, -1, n), (x, i) => x + Math.sin(i));
    const g = [0, 1, 2, 3].map((k) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * (k + 1)) * 1e-2));
    const run = (core: Core) => {
      const pts = [0, 1, 2, 3].map(() => new Float32Array(n));
      const scale = core.fdThetaScale(theta);
      const r = core.fdPoints(theta, v, scale, 'central', undefined, pts[0], pts[1], pts[2], pts[3]);
      const combined = new Float64Array(n);
      const bad = core.fdCombineChecked(g[0], Float64Array.from(g[1]), r.denominator, combined);
      const extrapolated = new Float64Array(n);
      const rich = core.fdRichardson(g[0], g[1], g[2], g[3], r.denominator, r.denominator2, extrapolated);
      return { scale, r, pts, combined, bad, extrapolated, rich };
    };
    const w = run(wasm);
    const before = process.env.SANE_CORE_THREADS;
    for (const threads of ['1', '3']) {
      process.env.SANE_CORE_THREADS = threads;
      try {
        const a = run(native);
        expect(a.scale).toBe(w.scale);
        expect(a.r).toEqual(w.r);
        a.pts.forEach((p, k) => expect(p.every((x, i) => x === w.pts[k][i]), `point ${k}, ${threads} thread(s)`).toBe(true));
        expect(a.combined.every((x, i) => x === w.combined[i])).toBe(true);
        expect(a.bad).toBe(w.bad);
        expect(a.extrapolated.every((x, i) => x === w.extrapolated[i])).toBe(true);
        expect(a.rich).toEqual(w.rich);
      } finally {
        if (before === undefined) delete process.env.SANE_CORE_THREADS;
        else process.env.SANE_CORE_THREADS = before;
      }
    }
  });
});
