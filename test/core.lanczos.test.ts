// Lanczos against operators whose spectra the test chooses (issue 2): converged extremes to 1e-10 relative with full
// reorthogonalisation, residual bounds that bound the true error, weights, start vectors, breakdown.
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import {
  diagonalOperator,
  distanceToNearest,
  linspace,
  maxAbs,
  runLanczos,
  runLanczosAsync,
  similarityOperator,
  type SymmetricOperator,
  uniformStream,
} from './helpers/spectra.js';

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** Every Ritz value lies within its residual bound of a true eigenvalue (plus rounding of the recurrence). */
function expectResidualBoundsHold(op: SymmetricOperator, ritz: Float64Array, residuals: Float64Array): void {
  const norm = maxAbs(op.eigenvalues);
  for (let i = 0; i < ritz.length; i++) {
    const err = distanceToNearest(op.eigenvalues, ritz[i]);
    expect(err, `Ritz value ${ritz[i]} (bound ${residuals[i]})`).toBeLessThanOrEqual(residuals[i] + 1e-12 * norm);
  }
}

/** JS splitmix64: the documented stream of the core's Rademacher start vector. */
function splitmixRademacher(seed: bigint, n: number): Float64Array {
  const mask = (1n << 64n) - 1n;
  let state = seed & mask;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z = z ^ (z >> 31n);
    out[i] = z >> 63n ? -1 : 1;
  }
  return out;
}

describe.each(coreVariants)('%s core: Lanczos on known spectra', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('n = 1: one step, the eigenvalue exactly, an invariant subspace with zero residual', () => {
    const r = runLanczos(core, diagonalOperator([3.5]), { steps: 5, seed: 1 });
    expect(r.steps).toBe(1);
    expect(r.invariant).toBe(true);
    expect(Array.from(r.ritzValues)).toEqual([3.5]);
    expect(r.weights[0]).toBeCloseTo(1, 15);
    expect(r.residuals[0]).toBeLessThanOrEqual(1e-15);
  });

  it('n = 2 with a given start vector: both eigenvalues and weights', () => {
    const op = similarityOperator([-1, 4], 1, 5);
    const r = runLanczos(core, op, { steps: 2, start: Float64Array.from([1, 2]) });
    expect(r.steps).toBe(2);
    expect(r.ritzValues[0]).toBeCloseTo(-1, 13);
    expect(r.ritzValues[1]).toBeCloseTo(4, 13);
  });

  it('diagonal n = 200, m = n: every eigenvalue, and the weights are the start vector squared', () => {
    const rnd = uniformStream(11);
    const d = linspace(-1, 3, 200).map((x) => x + 0.001 * rnd());
    const start = Float64Array.from({ length: 200 }, () => 0.5 + rnd());
    const op = diagonalOperator(d);
    const r = runLanczos(core, op, { steps: 200, start });
    expect(r.steps).toBe(200);
    const norm = maxAbs(d);
    for (let i = 0; i < 200; i++) expect(Math.abs(r.ritzValues[i] - op.eigenvalues[i])).toBeLessThan(1e-10 * norm);
    expect(relErr(r.ritzValues[r.steps - 1], op.eigenvalues[199])).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[0], op.eigenvalues[0])).toBeLessThan(1e-10);
    // Gauss quadrature of a diagonal operator from start s: node d_i carries weight s_i^2 / ||s||^2.
    const s2 = start.reduce((a, x) => a + x * x, 0);
    for (let i = 0; i < r.steps; i++) {
      const k = d.findIndex((x) => Math.abs(x - r.ritzValues[i]) < 1e-9);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(r.weights[i]).toBeCloseTo((start[k] * start[k]) / s2, 10);
    }
    expectResidualBoundsHold(op, r.ritzValues, r.residuals);
  });

  it('random orthogonal similarity n = 2000 with outliers: extremes to 1e-10, Ritz vectors, residual bounds', () => {
    const bulk = linspace(-0.5, 1, 1996);
    const d = Float64Array.from([...bulk, -2, 5, 8, 10]);
    const op = similarityOperator(d, 4, 2024);
    const r = runLanczos(core, op, { steps: 120, seed: 7, ritzVectors: 3 });
    expect(r.steps).toBe(120);
    const m = r.steps;
    expect(relErr(r.ritzValues[m - 1], 10)).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[m - 2], 8)).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[m - 3], 5)).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[0], -2)).toBeLessThan(1e-10);
    expectResidualBoundsHold(op, r.ritzValues, r.residuals);
    expect(r.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    // Ritz vectors: largest |value| first, unit norm, and ||A y - theta y|| within the residual bound.
    expect(Array.from(r.ritzVectorValues).map((x) => Math.round(x))).toEqual([10, 8, 5]);
    expect(r.ritzVectors.length).toBe(3);
    const ay = new Float64Array(op.n);
    for (let t = 0; t < 3; t++) {
      const y = r.ritzVectors[t];
      expect(Math.sqrt(y.reduce((a, x) => a + x * x, 0))).toBeCloseTo(1, 10);
      op.apply(y, ay);
      let res = 0;
      for (let i = 0; i < op.n; i++) res += (ay[i] - r.ritzVectorValues[t] * y[i]) ** 2;
      const bound = r.residuals[r.ritzValues.indexOf(r.ritzVectorValues[t])];
      expect(Math.sqrt(res)).toBeLessThan(bound + 1e-10);
    }
  });

  it('indefinite spectrum n = 300, m = n: the whole spectrum', () => {
    const op = similarityOperator(linspace(-5, 5, 300), 4, 99);
    const r = runLanczos(core, op, { steps: 300, seed: 3 });
    expect(r.steps).toBe(300);
    for (let i = 0; i < 300; i++) expect(Math.abs(r.ritzValues[i] - op.eigenvalues[i])).toBeLessThan(1e-10 * 5);
    expect(relErr(r.ritzValues[0], -5)).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[299], 5)).toBeLessThan(1e-10);
    expectResidualBoundsHold(op, r.ritzValues, r.residuals);
  });

  it('clustered spectrum (3 clusters of 50, spacing 1e-4): extremes to 1e-10 and true residual bounds', () => {
    const d: number[] = [];
    for (const c of [-1, 2, 10]) for (let i = 0; i < 50; i++) d.push(c + 1e-4 * i);
    const op = similarityOperator(d, 3, 17);
    const r = runLanczos(core, op, { steps: 150, seed: 21 });
    const m = r.steps;
    expect(m).toBe(150);
    for (let i = 0; i < 150; i++) expect(Math.abs(r.ritzValues[i] - op.eigenvalues[i])).toBeLessThan(1e-10 * 10);
    expect(relErr(r.ritzValues[m - 1], op.eigenvalues[149])).toBeLessThan(1e-10);
    expect(relErr(r.ritzValues[0], op.eigenvalues[0])).toBeLessThan(1e-10);
    expectResidualBoundsHold(op, r.ritzValues, r.residuals);
  });

  it('repeated eigenvalues: stops at the invariant Krylov subspace with exact eigenvalues and ~0 bounds', () => {
    const d: number[] = [];
    for (const c of [-1, 0.5, 2, 7]) for (let i = 0; i < 100; i++) d.push(c);
    const op = similarityOperator(d, 3, 8);
    const r = runLanczos(core, op, { steps: 50, seed: 4 });
    expect(r.invariant).toBe(true);
    expect(r.steps).toBe(4);
    const want = [-1, 0.5, 2, 7];
    for (let i = 0; i < 4; i++) expect(Math.abs(r.ritzValues[i] - want[i])).toBeLessThan(1e-10 * 7);
    for (const x of r.residuals) expect(x).toBeLessThan(1e-10);
  });

  it('residual bounds bound the error of unconverged Ritz values too (m = 25 of n = 1000)', () => {
    const rnd = uniformStream(5);
    const d = Float64Array.from({ length: 1000 }, () => 2 * rnd() - 0.5);
    d[0] = 6;
    d[1] = -3;
    const op = similarityOperator(d, 4, 31);
    const r = runLanczos(core, op, { steps: 25, seed: 9 });
    expectResidualBoundsHold(op, r.ritzValues, r.residuals);
    // Not vacuous: the outliers converge (tiny bounds) while the bulk does not.
    expect(r.residuals[24]).toBeLessThan(1e-8);
    expect(Math.max(...r.residuals)).toBeGreaterThan(1e-3);
  });

  it('without reorthogonalisation the extreme eigenvalue still converges (3-vector mode)', () => {
    const d = Float64Array.from([...linspace(0, 1, 1997), 3, 4, 6]);
    const op = similarityOperator(d, 4, 77);
    const r = runLanczos(core, op, { steps: 80, seed: 12, reorthogonalize: false });
    expect(r.steps).toBe(80);
    expect(relErr(r.ritzValues[79], 6)).toBeLessThan(1e-10);
    expect(r.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
  });

  it('draws the documented Rademacher start vector (splitmix64, sign of the top bit)', () => {
    const n = 64;
    for (const seed of [0, 42, 2 ** 40 + 3]) {
      const s = core.createLanczos({ n, steps: 2, seed });
      const q = s.vector();
      s.dispose();
      const want = splitmixRademacher(BigInt(seed), n);
      for (let i = 0; i < n; i++) expect(q[i]).toBe(want[i] / Math.sqrt(n));
    }
  });

  it('stepAsync gives the same bits as step', async () => {
    const op = similarityOperator(linspace(-1, 2, 300), 2, 6);
    const a = runLanczos(core, op, { steps: 40, seed: 5 });
    const b = await runLanczosAsync(core, op, { steps: 40, seed: 5 });
    expect(Array.from(b.ritzValues)).toEqual(Array.from(a.ritzValues));
    expect(Array.from(b.alpha)).toEqual(Array.from(a.alpha));
  });

  it('refuses bad input with errors that name it', () => {
    expect(() => core.createLanczos({ n: 0, steps: 3 })).toThrow(/\bn\b/);
    expect(() => core.createLanczos({ n: 10, steps: 0 })).toThrow(/steps/);
    expect(() => core.createLanczos({ n: 3, steps: 3, start: new Float64Array(2) })).toThrow(/start/);
    expect(() => core.createLanczos({ n: 3, steps: 3, start: new Float64Array(3) })).toThrow(/start vector is zero/);
    expect(() => core.createLanczos({ n: 10, steps: 3, reorthogonalize: false, ritzVectors: 1 })).toThrow(
      /reorthogonalisation/,
    );
    const s = core.createLanczos({ n: 4, steps: 2, seed: 1 });
    expect(() => s.step(new Float64Array(3))).toThrow(/product/);
    expect(() => s.result()).toThrow(/no Lanczos step/);
    expect(() => s.step(Float64Array.from([NaN, 0, 0, 0]))).toThrow(/NaN or Inf/);
    s.dispose();
  });
});
