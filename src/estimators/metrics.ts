// The metrics of SANE.md assembled into the numeric part of a ScoreResult, either from a full spectrum (exact) or
// from quadrature rules (Lanczos + SLQ). All spectral sums go through the core, so both paths and both builds share
// one implementation of the definitions.
import type { Core, NegativePolicy, QuadratureRule } from '../core/types.js';
import { bracket, type QuadratureWindow } from './probe-quadrature.js';

export interface MetricOptions {
  saneC: number;
  neffZ: number;
  negative: NegativePolicy;
  saneK: number;
  top: number;
  /** Compute the smoothed density (default true). */
  density?: boolean;
}

/** The spectral part of a ScoreResult (src/api/types.ts extends it), plus the scale SANE divided by. */
export interface SpectralMetrics {
  /** The spectral sums and their standard errors are null where no error bar can be given: from one quadrature rule
   *  (the lanczos estimator, or slq with one probe), a sum is one stochastic sample whose error is unknown and can be
   *  large (ResNet-18: 8252 from the lanczos rule against 2646 ± 183 from slq). Exact sums have standard error 0. */
  sane: number | null;
  saneStdErr: number | null;
  neff: number | null;
  neffStdErr: number | null;
  /** Largest and smallest eigenvalue, algebraically. */
  lambdaMax: number;
  lambdaMin: number;
  /** Descending by magnitude. */
  topEigenvalues: number[];
  trace: number | null;
  traceStdErr: number | null;
  /** Smoothed spectral density (for the CLI's plot): grid points and density values. */
  density?: { grid: number[]; values: number[] };
  /** c · (k-th largest |λ|); not part of the result. */
  saneScale: number;
  /** The part of each standard error that is the probes' quadrature, not their spread (see probe-quadrature.ts);
   *  not part of the result's top level (the estimators report it in options). */
  quadratureError?: { sane: number | null; neff: number | null; trace: number | null };
}

/** The k values first by |λ| descending; ties put the positive value first (as the fixtures' top5_abs). */
export function topByMagnitude(values: ArrayLike<number>, k: number): number[] {
  return Array.from(values)
    .sort((a, b) => Math.abs(b) - Math.abs(a) || b - a)
    .slice(0, k);
}

/** A grid over [lo, hi] widened by a margin, and the Gaussian width used for the density. */
export function densityGrid(lo: number, hi: number, points = 256): { grid: Float64Array; sigma: number } {
  let span = hi - lo;
  if (!(span > 0)) span = Math.max(Math.abs(hi), 1e-12);
  const sigma = span / 100;
  const a = lo - 5 * sigma;
  const b = hi + 5 * sigma;
  const grid = new Float64Array(points);
  for (let i = 0; i < points; i++) grid[i] = a + ((b - a) * i) / (points - 1);
  return { grid, sigma };
}

function density(core: Core, rules: QuadratureRule[], lo: number, hi: number): { grid: number[]; values: number[] } {
  const { grid, sigma } = densityGrid(lo, hi);
  const values = core.spectralDensity(rules, grid, sigma);
  return { grid: Array.from(grid), values: Array.from(values) };
}

/** Everything from the full spectrum (ascending or not). */
export function metricsFromSpectrum(core: Core, eig: Float64Array, o: MetricOptions): SpectralMetrics {
  let lambdaMax = -Infinity;
  let lambdaMin = Infinity;
  let trace = 0;
  for (const v of eig) {
    if (v > lambdaMax) lambdaMax = v;
    if (v < lambdaMin) lambdaMin = v;
    trace += v;
  }
  const k = Math.min(o.saneK, eig.length);
  const rule: QuadratureRule = { nodes: eig, weights: new Float64Array(eig.length).fill(1 / eig.length) };
  return {
    sane: core.sharpnessAdjusted(eig, o.saneC, o.negative, k),
    saneStdErr: 0,
    neff: core.effectiveParameters(eig, o.neffZ, o.negative),
    neffStdErr: 0,
    lambdaMax,
    lambdaMin,
    topEigenvalues: topByMagnitude(eig, o.top),
    trace,
    traceStdErr: 0,
    saneScale: o.saneC * core.kthLargestMagnitude(eig, k),
    density: o.density === false ? undefined : density(core, [rule], lambdaMin, lambdaMax),
  };
}

export interface QuadratureInput {
  n: number;
  rules: QuadratureRule[];
  /** λ_max and λ_min (algebraic) from the Lanczos run: the best bounds available. */
  lambdaMax: number;
  lambdaMin: number;
  /** Top eigenvalues by magnitude (from the Lanczos Ritz values). */
  topEigenvalues: number[];
  /** k-th largest |λ| for the SANE scale (k = saneK). */
  kthMagnitude: number;
  /** Per probe, the window whose bracket's half-gap is its quadrature error (probe-quadrature.ts); none: the rules
   *  are exact. */
  windows?: QuadratureWindow[];
}

export function metricsFromQuadrature(core: Core, q: QuadratureInput, o: MetricOptions): SpectralMetrics {
  const scale = o.saneC * q.kthMagnitude;
  // One rule gives no standard error: report no sums rather than a number without an error bar.
  const single = q.rules.length < 2;
  const sum = (kind: 'neff' | 'trace', alpha: number, policy: NegativePolicy): Sum | null => {
    if (single) return null;
    const e = core.slqEstimate(q.rules, q.n, kind, alpha, policy);
    const quadrature = q.windows ? quadratureError(core, q.windows, q.n, kind, alpha, policy) : 0;
    // Independent parts: the probes' spread and the quadrature's half-gap (a systematic error, the same in every
    // probe, which averaging over probes does not shrink).
    return { value: e.value, stdErr: Math.hypot(e.stdErr, quadrature), quadrature };
  };
  const sane = sum('neff', scale, o.negative);
  const neff = sum('neff', o.neffZ, o.negative);
  const trace = sum('trace', 0, 'abs');
  return {
    sane: sane?.value ?? null,
    saneStdErr: sane?.stdErr ?? null,
    neff: neff?.value ?? null,
    neffStdErr: neff?.stdErr ?? null,
    lambdaMax: q.lambdaMax,
    lambdaMin: q.lambdaMin,
    topEigenvalues: q.topEigenvalues.slice(0, o.top),
    trace: trace?.value ?? null,
    traceStdErr: trace?.stdErr ?? null,
    saneScale: scale,
    quadratureError: { sane: sane?.quadrature ?? null, neff: neff?.quadrature ?? null, trace: trace?.quadrature ?? null },
    density: o.density === false ? undefined : density(core, q.rules, q.lambdaMin, q.lambdaMax),
  };
}

interface Sum {
  value: number;
  stdErr: number;
  quadrature: number;
}

/** Mean over probes of each probe's window's half-gap. A mean, not a root mean square over probes divided by
 *  their number: the windows of different probes err alike (the probes of a large Hessian
 *  see nearly the same spectral measure), so the error does not average out. */
export function quadratureError(
  core: Core, windows: QuadratureWindow[], n: number, kind: 'neff' | 'trace', alpha: number, policy: NegativePolicy,
): number {
  const sums = (rules: QuadratureRule[]) => rules.map((rule) => core.slqEstimate([rule], n, kind, alpha, policy).value);
  let total = 0;
  for (const window of windows) total += bracket(sums(window.below), sums(window.above)).halfGap;
  return windows.length ? total / windows.length : 0;
}
