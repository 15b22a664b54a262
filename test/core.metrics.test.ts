// Metrics of SANE.md against the shared fixtures (PyTorch float64 spectra and metrics), and the stochastic Lanczos
// quadrature estimate against known spectra, with its standard error checked for calibration over many seeds.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { Core, QuadratureRule } from '../src/core/types.js';
import { coreFor, coreVariants } from './helpers/cores.js';
import { fixtureJsonFiles } from './helpers/paths.js';
import { diagonalOperator, linspace, runLanczos, similarityOperator, type SymmetricOperator } from './helpers/spectra.js';

interface Fixture {
  eigenvalues_ascending: number[];
  lambda_max: number;
  lambda_min: number;
  trace: number;
  metrics: Record<string, number | number[]>;
}

const fixtures = fixtureJsonFiles().map((file) => ({
  name: path.basename(file, '.json'),
  data: JSON.parse(readFileSync(file, 'utf8')) as Fixture,
}));

function expectRel(got: number, want: number, tol: number, what: string): void {
  expect(Math.abs(got - want), `${what}: got ${got}, want ${want}`).toBeLessThanOrEqual(tol * Math.abs(want));
}

/** Probes of tr f(A): Rademacher start vectors from consecutive seeds, m Lanczos steps each. */
function probes(core: Core, op: SymmetricOperator, count: number, firstSeed: number, steps: number): QuadratureRule[] {
  const out: QuadratureRule[] = [];
  for (let l = 0; l < count; l++) {
    const r = runLanczos(core, op, { steps, seed: firstSeed + l });
    out.push({ nodes: r.ritzValues, weights: r.weights });
  }
  return out;
}

describe.each(coreVariants)('%s core: metrics', (variant) => {
  let core: Core;
  beforeAll(async () => {
    core = await coreFor(variant);
  });

  describe.each(fixtures)('fixture $name', ({ data }) => {
    const eig = Float64Array.from(data.eigenvalues_ascending);

    it('every metric from eigenvalues_ascending equals the fixture to 1e-9', () => {
      const keys = Object.keys(data.metrics);
      expect(keys.length).toBeGreaterThan(15);
      for (const key of keys) {
        const want = data.metrics[key];
        let m: RegExpMatchArray | null;
        if ((m = key.match(/^sane_c([\d.]+)$/))) {
          expectRel(core.sharpnessAdjusted(eig, Number(m[1]), 'abs', 1), want as number, 1e-9, key);
        } else if ((m = key.match(/^sane_clip_c([\d.]+)$/))) {
          expectRel(core.sharpnessAdjusted(eig, Number(m[1]), 'clip', 1), want as number, 1e-9, key);
        } else if ((m = key.match(/^sane_k(\d+)_c([\d.]+)$/))) {
          expectRel(core.sharpnessAdjusted(eig, Number(m[2]), 'abs', Number(m[1])), want as number, 1e-9, key);
        } else if ((m = key.match(/^neff_z([\d.]+)$/))) {
          expectRel(core.effectiveParameters(eig, Number(m[1]), 'abs'), want as number, 1e-9, key);
        } else if ((m = key.match(/^neff_clip_z([\d.]+)$/))) {
          expectRel(core.effectiveParameters(eig, Number(m[1]), 'clip'), want as number, 1e-9, key);
        } else if ((m = key.match(/^top(\d+)_(abs|algebraic)$/))) {
          const top = core.topEigenvalues(eig, Number(m[1]), m[2] === 'abs' ? 'magnitude' : 'algebraic');
          const w = want as number[];
          expect(top.length).toBe(w.length);
          w.forEach((x, i) => expectRel(top[i], x, 1e-9, `${key}[${i}]`));
        } else if ((m = key.match(/^bottom(\d+)_algebraic$/))) {
          const neg = eig.map((x) => -x);
          const bottom = core.topEigenvalues(neg, Number(m[1]), 'algebraic').map((x) => -x);
          (want as number[]).forEach((x, i) => expectRel(bottom[i], x, 1e-9, `${key}[${i}]`));
        } else {
          throw new Error(`fixture metric ${key} has no definition in this test: add it`);
        }
      }
    });

    it('lambda_max, lambda_min and the trace', () => {
      expectRel(core.kthLargestMagnitude(eig, 1), Math.abs(data.lambda_max), 1e-12, 'lambda_max');
      expectRel(core.topEigenvalues(eig, 1, 'algebraic')[0], data.lambda_max, 1e-12, 'lambda_max');
      expectRel(-core.topEigenvalues(eig.map((x) => -x), 1, 'algebraic')[0], data.lambda_min, 1e-12, 'lambda_min');
      // A quadrature rule with every eigenvalue as a node and weight 1/n is exact: n * sum f / n = tr f.
      const n = eig.length;
      const exact: QuadratureRule = { nodes: eig, weights: new Float64Array(n).fill(1 / n) };
      expectRel(core.slqEstimate([exact], n, 'trace', 0, 'abs').value, data.trace, 1e-9, 'trace');
      expectRel(core.slqEstimate([exact], n, 'neff', 1, 'clip').value, data.metrics.neff_clip_z1 as number, 1e-9, 'neff');
      expect(core.slqEstimate([exact], n, 'count', 0, 'abs').value).toBeCloseTo(n, 9);
    });
  });

  it('SANE scale policies: clip keeps max |lambda| as the scale, SANE_k the k-th largest |lambda|', () => {
    const eig = Float64Array.from([-4, -1, 0, 1, 2]);
    // clip: numerators max(l, 0); scale c * max|l| = 0.5 * 4 = 2
    expect(core.sharpnessAdjusted(eig, 0.5, 'clip', 1)).toBeCloseTo(1 / 3 + 2 / 4, 14);
    expect(core.sharpnessAdjusted(eig, 0.5, 'abs', 1)).toBeCloseTo(4 / 6 + 1 / 3 + 1 / 3 + 2 / 4, 14);
    // k = 2: scale 0.5 * 2 = 1
    expect(core.sharpnessAdjusted(eig, 0.5, 'abs', 2)).toBeCloseTo(4 / 5 + 1 / 2 + 1 / 2 + 2 / 3, 14);
    expect(core.kthLargestMagnitude(eig, 3)).toBe(1);
    expect(Array.from(core.topEigenvalues(eig, 3, 'magnitude'))).toEqual([-4, 2, 1]);
    expect(() => core.sharpnessAdjusted(eig, 0.5, 'abs', 6)).toThrow(/k must be between 1 and 5/);
    expect(() => core.effectiveParameters(eig, -1, 'abs')).toThrow(/z must be positive/);
    expect(() => core.effectiveParameters(eig, 1, 'nope' as 'abs')).toThrow(/policy/);
  });

  it('SLQ of tr f on a known spectrum is within 3 standard errors (one run) and count is exact', () => {
    const d = linspace(0, 1, 300).map((x) => 1e-3 * Math.exp(9 * x)); // 1e-3 .. 8.1, positive
    const op = similarityOperator(d, 4, 12);
    const z = 0.1;
    const truth = d.reduce((s, l) => s + l / (l + z), 0);
    const rules = probes(core, op, 30, 1000, 30);
    const est = core.slqEstimate(rules, op.n, 'neff', z, 'abs');
    expect(est.stdErr).toBeGreaterThan(0);
    expect(Math.abs(est.value - truth)).toBeLessThan(3 * est.stdErr);
    expect(est.stdErr / truth).toBeLessThan(0.05);
    const tr = core.slqEstimate(rules, op.n, 'trace', 0, 'abs');
    expect(Math.abs(tr.value - d.reduce((s, l) => s + l, 0))).toBeLessThan(3 * tr.stdErr);
    expect(core.slqEstimate(rules, op.n, 'count', 0, 'abs').value).toBeCloseTo(op.n, 9);
  });

  it('SLQ standard errors are calibrated over 100 seeds (10 probes each)', () => {
    const d = linspace(0, 1, 200).map((x) => 1e-3 * Math.exp(9 * x));
    const op = similarityOperator(d, 4, 5);
    const z = 0.1;
    const truthNeff = d.reduce((s, l) => s + l / (l + z), 0);
    const truthTrace = d.reduce((s, l) => s + l, 0);
    const within = { neff1: 0, neff2: 0, trace1: 0, trace2: 0 };
    const runs = 100;
    for (let r = 0; r < runs; r++) {
      const rules = probes(core, op, 10, 10_000 + 10 * r, 24);
      const e = core.slqEstimate(rules, op.n, 'neff', z, 'abs');
      const t = core.slqEstimate(rules, op.n, 'trace', 0, 'abs');
      if (Math.abs(e.value - truthNeff) < e.stdErr) within.neff1++;
      if (Math.abs(e.value - truthNeff) < 2 * e.stdErr) within.neff2++;
      if (Math.abs(t.value - truthTrace) < t.stdErr) within.trace1++;
      if (Math.abs(t.value - truthTrace) < 2 * t.stdErr) within.trace2++;
    }
    // With 10 probes the studentised error has 9 degrees of freedom: P(|t| < 1) = 0.66, P(|t| < 2) = 0.92.
    for (const [k, v] of Object.entries(within)) {
      const frac = v / runs;
      if (k.endsWith('2')) expect(frac, k).toBeGreaterThanOrEqual(0.85);
      else {
        expect(frac, k).toBeGreaterThanOrEqual(0.5);
        expect(frac, k).toBeLessThanOrEqual(0.82);
      }
    }
  });

  it('spectral density: Gaussian-smoothed spectrum, integrating to 1', () => {
    const d = linspace(-2, 3, 120);
    const r = runLanczos(core, diagonalOperator(d), { steps: 120, seed: 2 });
    const grid = linspace(-6, 7, 2601);
    const sigma = 0.2;
    const rho = core.spectralDensity([{ nodes: r.ritzValues, weights: r.weights }], grid, sigma);
    // A Rademacher probe weights each eigenvalue of a diagonal operator by exactly 1/n.
    for (let g = 0; g < grid.length; g += 50) {
      let want = 0;
      for (const l of d) want += Math.exp(-0.5 * ((grid[g] - l) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI) * d.length);
      expect(Math.abs(rho[g] - want)).toBeLessThan(1e-9);
    }
    const h = grid[1] - grid[0];
    expect(rho.reduce((s, x) => s + x, 0) * h).toBeCloseTo(1, 6);
    expect(() => core.spectralDensity([], grid, sigma)).toThrow(/no probes/);
  });
});
