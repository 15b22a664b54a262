// Ritz vectors of a Lanczos run without a stored basis, by replaying it (src/estimators/replay-ritz-vectors.ts), and
// the tridiagonal eigenvectors they are built from. References: analytic eigenvectors, and a diagonal operator whose
// eigenvectors are the unit vectors.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../src/core/index.js';
import type { Core } from '../src/core/types.js';
import type { LinearOperator } from '../src/estimators/linear-operator.js';
import { extremesConverged, runLanczos, withoutGhosts, ritzByMagnitude, NO_BASIS_TOL } from '../src/estimators/lanczos.js';
import { replayRitzVectors } from '../src/estimators/replay-ritz-vectors.js';
import { tridiagonalEigenvector } from '../src/estimators/tridiagonal-eigenvector.js';

describe('tridiagonalEigenvector', () => {
  it('tridiag(1, 2, 1): the analytic eigenvectors sin(jkπ/(m+1)) to 1e-13', () => {
    const m = 40;
    const alpha = new Float64Array(m).fill(2);
    const beta = new Float64Array(m - 1).fill(1);
    for (const k of [1, 7, 20, 40]) {
      const value = 2 + 2 * Math.cos((k * Math.PI) / (m + 1));
      const s = tridiagonalEigenvector(alpha, beta, value);
      const exact = Float64Array.from({ length: m }, (_, j) => Math.sin(((j + 1) * k * Math.PI) / (m + 1)));
      const norm = Math.hypot(...exact);
      // Up to sign (the largest entry is made positive, and for even k two entries tie for largest).
      const sign = Math.sign(s[0]) * Math.sign(exact[0]);
      exact.forEach((x, j) => expect(Math.abs(s[j] - (sign * x) / norm), `k ${k} entry ${j}`).toBeLessThan(1e-13));
    }
  });

  it('two nearly equal eigenvalues (a run\'s ghost copies): each its own eigenvector, orthogonal to the other', () => {
    // Two copies of tridiag(1, 2, 1) of 10 rows, coupled by 1e-7: the top pair splits by 2·1e-7·(end entry)², 2.9e-9
    // over a norm of 4.
    const half = 10;
    const m = 2 * half;
    const alpha = new Float64Array(m).fill(2);
    const beta = new Float64Array(m - 1).fill(1);
    beta[half - 1] = 1e-7;
    // T's eigenvalues, from the characteristic polynomial's sign changes (Sturm bisection), the largest two.
    const count = (x: number) => {
      let d = 1;
      let c = 0;
      for (let i = 0; i < m; i++) {
        d = alpha[i] - x - (i > 0 ? (beta[i - 1] * beta[i - 1]) / d : 0);
        if (d === 0) d = 1e-300;
        if (d < 0) c++;
      }
      return c; // eigenvalues below x
    };
    const kth = (k: number) => {
      let lo = -1;
      let hi = 5;
      for (let it = 0; it < 200; it++) {
        const mid = (lo + hi) / 2;
        if (count(mid) > k) hi = mid;
        else lo = mid;
      }
      return (lo + hi) / 2;
    };
    const top = kth(m - 1);
    const next = kth(m - 2);
    expect(top - next).toBeGreaterThan(1e-9);
    expect(top - next).toBeLessThan(1e-8);
    const s1 = tridiagonalEigenvector(alpha, beta, top);
    const s2 = tridiagonalEigenvector(alpha, beta, next);
    for (const [s, v] of [[s1, top], [s2, next]] as const) {
      let r = 0;
      for (let i = 0; i < m; i++) {
        const ts = alpha[i] * s[i] + (i > 0 ? beta[i - 1] * s[i - 1] : 0) + (i < m - 1 ? beta[i] * s[i + 1] : 0);
        r = Math.max(r, Math.abs(ts - v * s[i]));
      }
      expect(r).toBeLessThan(1e-14 * 4 * 1e3);
    }
    let d = 0;
    for (let i = 0; i < m; i++) d += s1[i] * s2[i];
    expect(Math.abs(d)).toBeLessThan(1e-6);
  });
});

/** diag(spec): its eigenvectors are the unit vectors, so a Ritz vector's error is read off directly. */
function diagonal(spec: Float64Array, noise = 0): LinearOperator & { calls: number } {
  let state = 12345;
  const op = {
    n: spec.length,
    calls: 0,
    async apply(v: Float64Array): Promise<Float64Array> {
      op.calls++;
      const out = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        // A product that is not the same twice: relative noise from a stream that moves on at every call.
        let e = 0;
        if (noise) {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          e = noise * ((state / 2 ** 32) * 2 - 1);
        }
        out[i] = spec[i] * v[i] * (1 + e);
      }
      return out;
    },
  };
  return op;
}

/** Outliers 50, 30, −20, 12 at coordinates 3, 100, 1500, 2999 over a bulk in [0, 1]. */
function spectrum(n: number): { spec: Float64Array; outliers: [number, number][] } {
  const spec = Float64Array.from({ length: n }, (_, i) => ((i * 0.6180339887498949) % 1) ** 2);
  const outliers: [number, number][] = [[50, 3], [30, 100], [-20, 1500], [12, 2999]];
  for (const [v, i] of outliers) spec[i] = v;
  return { spec, outliers };
}

describe.each(['native', 'wasm'] as const)('replayRitzVectors (%s core)', (kind) => {
  let core: Core;
  const getCore = async () => (core ??= (await loadCore({ prefer: kind })).core);

  async function noBasisRun(op: LinearOperator) {
    const run = await runLanczos(await getCore(), op, {
      steps: 80, seed: 7, reorthogonalize: false, stopWhen: extremesConverged(4, NO_BASIS_TOL, 20, false, true),
    });
    const scale = Math.max(...Array.from(run.result.ritzValues, Math.abs));
    const byMag = withoutGhosts(ritzByMagnitude(run.result), scale, NO_BASIS_TOL).slice(0, 4);
    return { run, scale, values: byMag.map((x) => x.value) };
  }

  it('the outliers of a run without a basis: unit vectors to 1e-6, Rayleigh quotients to 1e-8, one product each to check', async () => {
    const n = 3000;
    const { spec, outliers } = spectrum(n);
    const op = diagonal(spec);
    const { run, scale, values } = await noBasisRun(op);
    expect(run.converged).toBe(true);
    const before = op.calls;
    const r = await replayRitzVectors(await getCore(), op, { seed: 7, run: run.result, values, scale, tol: 1e-3 });
    expect(r.shortfall).toBeNull();
    expect(r.vectors).toHaveLength(4);
    // The replay's products (the run's steps) and one check each.
    expect(r.products).toBe(run.result.steps + 4);
    expect(op.calls - before).toBe(r.products);
    outliers.forEach(([value, at], i) => {
      expect(r.values[i], `value ${i}`).toBeCloseTo(value, 8);
      // float32 vectors: |y_at| = 1 to their rounding, the rest of the vector at the Ritz vector's error.
      expect(Math.abs(r.vectors[i][at]), `vector ${i}`).toBeGreaterThan(1 - 1e-6);
      expect(r.residuals[i]).toBeLessThan(1e-4 * scale);
    });
    // Orthonormal as deflation needs them.
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b <= a; b++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += r.vectors[a][i] * r.vectors[b][i];
        expect(Math.abs(d - (a === b ? 1 : 0))).toBeLessThan(1e-6);
      }
    }
  });

  it('a run with q_{j-1} in float32 is replayed as it ran: the same vectors as it summed, from float32Vectors', async () => {
    const n = 3000;
    const { spec, outliers } = spectrum(n);
    const op = diagonal(spec);
    const c = await getCore();
    const run = await runLanczos(c, op, {
      steps: 80, seed: 7, reorthogonalize: false, float32Vectors: true, stopWhen: extremesConverged(4, NO_BASIS_TOL, 20, false, true),
    });
    const scale = Math.max(...Array.from(run.result.ritzValues, Math.abs));
    const values = withoutGhosts(ritzByMagnitude(run.result), scale, NO_BASIS_TOL).slice(0, 4).map((x) => x.value);
    // What the replay's session is asked for: the run's rounding, or not.
    const seen: (boolean | undefined)[] = [];
    const spy: Core = { ...c, createLanczos: (o) => (seen.push(o.float32Vectors), c.createLanczos(o)) };
    const r = await replayRitzVectors(spy, op, { seed: 7, run: run.result, values, scale, tol: 1e-3, float32Vectors: true });
    expect(seen).toEqual([true]);
    expect(r.shortfall).toBeNull();
    // On this exact operator the float32 rounding leaves the vectors less converged than double's (residuals ~1e-4 to
    // 1e-2 against ~3e-7: core.float32-previous.test.ts), so each is held to what its own residual r allows over the
    // gap g to the rest of the spectrum: |ρ − λ| ≤ r²/g and sin∠(y, e_at) ≤ r/g (Kato-Temple, Davis-Kahan), ρ being
    // yᵀHy of the float32 vector y, whose norm is 1 to its rounding (the |λ|·|yᵀy − 1| term).
    const gaps = [20, 18, 20, 11];
    outliers.forEach(([value, at], i) => {
      const ratio = r.residuals[i] / gaps[i];
      const yy = r.vectors[i].reduce((a, x) => a + x * x, 0);
      expect(Math.abs(r.values[i] - value), `value ${i}`).toBeLessThanOrEqual(r.residuals[i] * ratio + Math.abs(value) * Math.abs(yy - 1) * 1.01);
      expect(Math.abs(r.vectors[i][at]), `vector ${i}`).toBeGreaterThanOrEqual(Math.sqrt(1 - ratio * ratio) - 1e-7);
      expect(r.residuals[i]).toBeLessThan(1e-3 * scale);
    });
    await replayRitzVectors(spy, op, { seed: 7, run: run.result, values, scale, tol: 1e-3 });
    expect(seen).toEqual([true, false]);
  });

  it('products that differ between calls: the replay is not the run, and nothing is deflated', async () => {
    const n = 3000;
    const { spec } = spectrum(n);
    const op = diagonal(spec, 1e-6);
    const { run, scale, values } = await noBasisRun(op);
    const r = await replayRitzVectors(await getCore(), op, { seed: 7, run: run.result, values, scale, tol: 1e-3 });
    expect(r.vectors).toHaveLength(0);
    expect(r.shortfall).toMatch(/did not reproduce it .* not deterministic/);
    expect(r.products).toBe(run.result.steps);
  });

  it('a tolerance no vector reaches: each checked and dropped, with the reason', async () => {
    const n = 3000;
    const { spec } = spectrum(n);
    const op = diagonal(spec);
    const { run, scale, values } = await noBasisRun(op);
    const r = await replayRitzVectors(await getCore(), op, { seed: 7, run: run.result, values, scale, tol: 1e-16 });
    expect(r.vectors).toHaveLength(0);
    expect(r.shortfall).toMatch(/4 of 4 replayed Ritz vectors did not reach a relative residual of 1e-16/);
  });
});
