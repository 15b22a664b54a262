// createLanczos({ reorthogonalize: false, float32Vectors: true }): q_{j-1} and q_j kept in float32 (issue 9, item 4:
// 8 bytes a parameter less in the runs without a basis). References: a plain Lanczos recurrence written here in
// JavaScript (each new vector rounded with Math.fround, or not) and operators with known spectra. Tolerances:
// - the core against the JavaScript recurrence with the same rounding: the same operations but sums in another order
//   (the core sums in blocks of four partial sums), 1e-15 of the scale a step; over 12 steps of a slowly converging
//   spectrum that stays below 1e-12 (measured: ~1e-15);
// - the float32 rounding itself perturbs each step by β·δq, ‖δq‖ ≤ u32 = 2^-24 = 6e-8: β moves by up to ~1e-9 here
//   (measured; α by much less early on, the first-order change of q_{j+1}ᵀAq_{j+1} nearly cancels), so the two modes
//   must differ by more than 1e-11 (else the option was ignored) and by less than 1e-6;
// - the computed run satisfies A Q = Q T + β q eᵀ + F with column j of F at most β_{j-1}·u32, so ‖F‖ ≤ √m·u32·‖A‖
//   (5e-7 of ‖A‖ at m = 80): the slack of the residual bounds, and of the converged extremes, which that
//   perturbation can move by as much. λ_max = 6 at 80 steps came out within 3.0·u32 relative (1.3·u32 when only
//   q_{j-1} was float32; < 1e-10 with double vectors, core.lanczos.test.ts): bounded by √m·u32 (8.9·u32).
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { diagonalOperator, distanceToNearest, linspace, maxAbs, runLanczos, similarityOperator, type SymmetricOperator } from './helpers/spectra.js';

const U32 = 2 ** -24;

/** Plain Lanczos without reorthogonalisation, as the core's no-basis step does it; every vector (q_0 included)
 *  rounded to float32 once it is formed when `f32`. The start vector is the core's own q_0 in double (read from a
 *  session), so only the recurrence is compared. */
function referenceRecurrence(op: SymmetricOperator, q0: Float64Array, steps: number, f32: boolean): { alpha: number[]; beta: number[] } {
  const n = op.n;
  let q: Float64Array | Float32Array = f32 ? Float32Array.from(q0) : Float64Array.from(q0);
  let p: Float64Array | Float32Array | null = null;
  let betaPrev = 0;
  const alpha: number[] = [];
  const beta: number[] = [];
  const h = new Float64Array(n);
  for (let j = 0; j < steps; j++) {
    op.apply(q, h);
    let a = 0;
    for (let i = 0; i < n; i++) a += q[i] * h[i];
    const w = new Float64Array(n);
    let ww = 0;
    for (let i = 0; i < n; i++) {
      w[i] = h[i] - a * q[i] - (p ? betaPrev * p[i] : 0);
      ww += w[i] * w[i];
    }
    const b = Math.sqrt(ww);
    alpha.push(a);
    beta.push(b);
    p = q;
    q = f32 ? Float32Array.from(w, (x) => x / b) : w.map((x) => x / b);
    betaPrev = b;
  }
  return { alpha, beta };
}

describe.each(coreVariants)('%s core: q_{j-1} and q_j in float32 without a basis (float32Vectors)', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('follows the recurrence with its vectors rounded to float32, not the one in double', () => {
    const n = 500;
    const op = diagonalOperator(linspace(1, 2, n));
    const steps = 12;
    const s = core.createLanczos({ n, steps: 1, seed: 9 });
    const q0 = s.vector();
    s.dispose();
    const run = (float32Vectors: boolean) => runLanczos(core, op, { steps, seed: 9, reorthogonalize: false, float32Vectors });
    const f32 = run(true);
    const f64 = run(false);
    const ref32 = referenceRecurrence(op, q0, steps, true);
    const ref64 = referenceRecurrence(op, q0, steps, false);
    const scale = 2;
    let gap = 0;
    for (let j = 0; j < steps; j++) {
      expect(Math.abs(f32.alpha[j] - ref32.alpha[j]) / scale, `α_${j + 1}`).toBeLessThan(1e-12);
      expect(Math.abs(f64.alpha[j] - ref64.alpha[j]) / scale, `α_${j + 1} (double)`).toBeLessThan(1e-12);
      if (j < steps - 1) expect(Math.abs(f32.beta[j] - ref32.beta[j]) / scale, `β_${j + 1}`).toBeLessThan(1e-12);
      gap = Math.max(gap, Math.abs(f32.alpha[j] - f64.alpha[j]) / scale);
      if (j < steps - 1) gap = Math.max(gap, Math.abs(f32.beta[j] - f64.beta[j]) / scale);
    }
    // The rounding shows (the option is not ignored) and stays at float32's size.
    expect(gap).toBeGreaterThan(1e-11);
    expect(gap).toBeLessThan(1e-6);
  });

  it('extremes of a known spectrum to √m·u32 relative, residual bounds that hold to √m·u32; the weights sum to 1', () => {
    const d = Float64Array.from([...linspace(0, 1, 1997), 3, 4, 6]);
    const op = similarityOperator(d, 4, 77);
    const m = 80;
    const r = runLanczos(core, op, { steps: m, seed: 12, reorthogonalize: false, float32Vectors: true });
    expect(r.steps).toBe(m);
    expect(Math.abs(r.ritzValues[m - 1] - 6) / 6).toBeLessThan(Math.sqrt(m) * U32);
    const norm = maxAbs(op.eigenvalues);
    for (let i = 0; i < r.ritzValues.length; i++) {
      expect(distanceToNearest(op.eigenvalues, r.ritzValues[i])).toBeLessThanOrEqual(r.residuals[i] + Math.sqrt(m) * U32 * norm);
    }
    expect(r.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
  });

  it('needs 16n bytes where double vectors need 24n: a budget between the two admits only the float32 run', () => {
    const n = 1_000_000;
    expect(core.lanczosBytes(n, 10, false)).toBeGreaterThanOrEqual(24 * n);
    const budget = 18 * n;
    expect(() => core.createLanczos({ n, steps: 10, reorthogonalize: false, float32Vectors: true, memoryBudget: budget }).dispose()).not.toThrow();
    expect(() => core.createLanczos({ n, steps: 10, reorthogonalize: false, memoryBudget: budget })).toThrow(/budget/);
  });

  it('forms q_1 in float32: the rounding of the double start vector; a given start of any scale is normalised first', () => {
    const n = 1001;
    const d = linspace(1, 2, n);
    const double = core.createLanczos({ n, steps: 3, seed: 4 });
    const q64 = double.vector();
    double.dispose();
    const single = core.createLanczos({ n, steps: 3, seed: 4, reorthogonalize: false, float32Vectors: true });
    expect(Array.from(single.vectorView())).toEqual(Array.from(Float32Array.from(q64)));
    single.dispose();
    // A start vector of entries near 1e-50 (zero in float32 unless scaled first) gives the run of its unit multiple.
    const start = Float64Array.from(d, (x, i) => (i % 3 === 0 ? -x : x));
    const tiny = start.map((x) => x * 1e-50);
    const op = diagonalOperator(d);
    const a = runLanczos(core, op, { steps: 8, start, reorthogonalize: false, float32Vectors: true });
    const b = runLanczos(core, op, { steps: 8, start: tiny, reorthogonalize: false, float32Vectors: true });
    expect(b.alpha.every((x) => Number.isFinite(x))).toBe(true);
    // The two normalised starts round to float32 apart by at most an ulp an entry (u32 relative), which moves α by
    // about 2·u32·‖A‖ (‖A‖ = 2) at first; 8·u32 leaves room for its growth over 8 steps.
    for (let j = 0; j < 8; j++) expect(Math.abs(b.alpha[j] - a.alpha[j])).toBeLessThan(8 * U32);
  });

  it('is ignored with a stored basis (the same bits), and checked like every option', () => {
    const op = similarityOperator(linspace(-1, 2, 300), 2, 6);
    const a = runLanczos(core, op, { steps: 30, seed: 5, partial: true, float32Basis: true });
    const b = runLanczos(core, op, { steps: 30, seed: 5, partial: true, float32Basis: true, float32Vectors: true });
    expect(Array.from(b.alpha)).toEqual(Array.from(a.alpha));
    expect(Array.from(b.beta)).toEqual(Array.from(a.beta));
    expect(() => core.createLanczos({ n: 10, steps: 3, reorthogonalize: false, float32Vectors: 1 as unknown as boolean })).toThrow(
      /options\.float32Vectors/,
    );
  });

  it('vectorView() is q_j as a Float32Array (vector() its float64 copy) in one buffer: natively always the current vector; the deflated run stays deflated', () => {
    const n = 600;
    const d = Float64Array.from({ length: n }, (_, i) => (i < 3 ? [90, 60, 30][i] : 1 + i / n));
    const op = diagonalOperator(d);
    const s = core.createLanczos({ n, steps: 10, seed: 5, reorthogonalize: false, float32Vectors: true });
    const first = s.vectorView();
    expect(first).toBeInstanceOf(Float32Array);
    const product = new Float64Array(n);
    for (let j = 0; j < 4; j++) {
      const view = s.vectorView();
      const copy = s.vector();
      expect(copy).toBeInstanceOf(Float64Array);
      expect(Array.from(copy)).toEqual(Array.from(view));
      op.apply(copy, product);
      s.step(product);
    }
    const current = s.vector();
    expect(Array.from(first).every((x, i) => x === current[i])).toBe(variant === 'native');
    s.dispose();
    const rows = [0, 1].map((k) => Float32Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)));
    const r = runLanczos(core, op, { steps: 40, seed: 3, reorthogonalize: false, float32Vectors: true, deflation: rows });
    expect(Math.abs(r.ritzValues[r.ritzValues.length - 1] - 30) / 30).toBeLessThan(2 * U32);
    for (const v of r.ritzValues) expect(v).toBeLessThan(30 * (1 + 2 * U32));
  });
});
