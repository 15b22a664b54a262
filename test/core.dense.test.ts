// The exact path: dense symmetric eigenvalues (LAPACK dsyev) against spectra chosen by the test, and the
// tridiagonal solver (dstev) against the closed form of tridiag(-1, 2, -1).
import { beforeAll, describe, expect, it } from 'vitest';

import type { Core } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { denseMatrix, linspace, maxAbs, normalStream, similarityOperator } from './helpers/spectra.js';

describe.each(coreVariants)('%s core: dense and tridiagonal eigenproblems', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  it('1 x 1', () => {
    expect(Array.from(core.symmetricEigenvalues(Float64Array.from([-4.25]), 1))).toEqual([-4.25]);
  });

  it.each([
    ['5, indefinite', Float64Array.from([-3, -1e-3, 0, 2, 9])],
    ['100, repeated and negative', Float64Array.from([...linspace(-2, 1, 50), ...new Array(50).fill(0.75)])],
    ['400, wide range', Float64Array.from(linspace(0, 1, 400), (x, i) => (i % 2 ? 1 : -1) * Math.exp(12 * x - 6))],
  ])('n = %s: the chosen eigenvalues to 1e-12 of ||A||', (_label, d) => {
    const op = similarityOperator(d, 5, d.length);
    const a = denseMatrix(op);
    const copy = a.slice();
    const w = core.symmetricEigenvalues(a, op.n);
    expect(Array.from(a)).toEqual(Array.from(copy)); // the caller's array is left alone
    const norm = maxAbs(d);
    for (let i = 0; i < op.n; i++) expect(Math.abs(w[i] - op.eigenvalues[i])).toBeLessThan(1e-12 * norm);
  });

  it('uses the symmetric part of a non-symmetric input', async () => {
    const op = similarityOperator(linspace(-1, 3, 60), 3, 4);
    const a = denseMatrix(op);
    const rnd = normalStream(3);
    const n = op.n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < i; j++) {
        const s = 1e-2 * rnd(); // a skew-symmetric part changes nothing
        a[i * n + j] += s;
        a[j * n + i] -= s;
      }
    const w = await core.symmetricEigenvaluesAsync(a, n);
    for (let i = 0; i < n; i++) expect(Math.abs(w[i] - op.eigenvalues[i])).toBeLessThan(1e-12 * 3);
  });

  it('tridiag(-1, 2, -1): values 2 - 2cos(k pi/(m+1)), weights (2/(m+1)) sin^2(k pi/(m+1))', () => {
    for (const m of [1, 2, 7, 150]) {
      const te = core.tridiagonalEigen(new Float64Array(m).fill(2), new Float64Array(m - 1).fill(-1));
      for (let k = 1; k <= m; k++) {
        const t = (k * Math.PI) / (m + 1);
        expect(te.values[k - 1]).toBeCloseTo(2 - 2 * Math.cos(t), 13);
        expect(te.firstComponents[k - 1] ** 2).toBeCloseTo((2 / (m + 1)) * Math.sin(t) ** 2, 13);
        expect(te.lastComponents[k - 1] ** 2).toBeCloseTo((2 / (m + 1)) * Math.sin(m * t) ** 2, 13);
      }
    }
  });

  it('refuses bad input with errors that name it', () => {
    expect(() => core.symmetricEigenvalues(new Float64Array(5), 2)).toThrow(/\ba\b.*length|length.*\ba\b/);
    expect(() => core.symmetricEigenvalues(Float64Array.from([1, NaN, NaN, 1]), 2)).toThrow(/NaN/);
    expect(() => core.tridiagonalEigen(new Float64Array(3), new Float64Array(3))).toThrow(/beta/);
  });
});
