// Estimator dispatch: exact (full spectrum), lanczos (one run: extremes with residual bounds, sums from its single
// quadrature rule), slq (a Lanczos run for λ_max, the top eigenvalues and the outliers to deflate, then probes on the
// rest), and auto (exact up to exactLimit, else lanczos+slq).
import type { Core } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { fromCoreError } from '../core/errors.js';
import { DEFAULT_EXACT_LIMIT, exactSpectrum, type DenseHessian } from './exact.js';
import { defaultLanczosSteps, isConverged, ritzByMagnitude, runLanczos } from './lanczos.js';
import { metricsFromQuadrature, metricsFromSpectrum, type MetricOptions, type SpectralMetrics } from './metrics.js';
import { DEFAULT_PROBES, defaultSlqSteps, runSlq } from './slq.js';

export type ResolvedEstimator = 'exact' | 'lanczos' | 'slq' | 'lanczos+slq';

export interface EstimateOptions extends MetricOptions {
  estimator: 'auto' | 'exact' | 'lanczos' | 'slq';
  exactLimit?: number;
  steps?: number;
  probes?: number;
  seed: number;
  memoryBudget?: number;
  /** The operator for the SLQ probes, when the sums can use cheaper products than the extremes (default: op). */
  sumsOperator?: LinearOperator;
  /** Progress: products expected in the current plan and the stage name. */
  onPlan?: (stage: string, expectedProducts: number) => void;
}

export interface EstimateResult {
  estimator: ResolvedEstimator;
  metrics: SpectralMetrics;
  products: number;
  /** The full spectrum (exact) and the assembled matrix, for per-layer sub-blocks. */
  eigenvalues?: Float64Array;
  hessian?: DenseHessian;
  /** What was actually used (steps, probes, deflated outliers), for ScoreResult.options. */
  settings: Record<string, unknown>;
}

/** Relative residual below which a Ritz pair is deflated (taken as exact) before the SLQ probes. */
const DEFLATION_TOL = 1e-5;
/** Cap on stored Ritz vectors: n·R doubles, and 2·n·R flops per projected product. */
const MAX_DEFLATION_ENTRIES = 1 << 23;

export function resolveEstimator(name: EstimateOptions['estimator'], n: number, exactLimit: number): ResolvedEstimator {
  if (name === 'auto') return n <= exactLimit ? 'exact' : 'lanczos+slq';
  return name;
}

export async function estimate(core: Core, op: LinearOperator, o: EstimateOptions): Promise<EstimateResult> {
  const n = op.n;
  const exactLimit = o.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const which = resolveEstimator(o.estimator, n, exactLimit);
  if (which === 'exact') {
    o.onPlan?.('exact', n);
    const { eigenvalues, hessian } = await exactSpectrum(core, op, exactLimit);
    return { estimator: 'exact', metrics: metricsFromSpectrum(core, eigenvalues, o), products: n, eigenvalues, hessian, settings: { exactLimit } };
  }

  const lanczosSteps = Math.min(n, which === 'lanczos' ? (o.steps ?? defaultLanczosSteps(n, o.top)) : defaultLanczosSteps(n, o.top));
  let wantVectors = which === 'lanczos' ? 0 : Math.max(0, Math.min(lanczosSteps, Math.floor(MAX_DEFLATION_ENTRIES / n)));
  let lanczosReorth = true;
  if (which !== 'lanczos') {
    // SLQ must not fail for memory: fewer deflation vectors first, then no stored basis at all (quadrature without
    // reorthogonalisation is still sound; only the deflation and the sharp top-k are lost). The lanczos estimator
    // keeps the user's request and lets the core's memory guard explain what to change.
    let budget: number;
    try {
      budget = o.memoryBudget && o.memoryBudget > 0 ? o.memoryBudget : core.defaultMemoryBudget();
      const basis = core.lanczosBytes(n, lanczosSteps, true);
      if (basis > budget) {
        lanczosReorth = false;
        wantVectors = 0;
      } else {
        wantVectors = Math.min(wantVectors, Math.floor((budget - basis) / (8 * n * 2)));
      }
    } catch (e) {
      throw fromCoreError(e);
    }
  }
  o.onPlan?.('lanczos', lanczosSteps);
  const lz = await runLanczos(core, op, { steps: lanczosSteps, seed: o.seed, ritzVectors: wantVectors, reorthogonalize: lanczosReorth, memoryBudget: o.memoryBudget });
  const r = lz.result;
  const byMag = ritzByMagnitude(r);
  const ritzMax = r.ritzValues.length ? r.ritzValues[r.ritzValues.length - 1] : 0;
  const ritzMin = r.ritzValues.length ? r.ritzValues[0] : 0;
  const scale = Math.max(Math.abs(ritzMax), Math.abs(ritzMin));
  const k = Math.max(1, Math.min(o.saneK, byMag.length));
  const top = byMag.slice(0, o.top).map((x) => x.value);
  const topResiduals = byMag.slice(0, o.top).map((x) => x.residual);

  if (which === 'lanczos') {
    // The run started from a Rademacher vector, so its Gauss rule is one SLQ probe: sums without an error bar.
    const rule = { nodes: r.ritzValues, weights: r.weights };
    const metrics = metricsFromQuadrature(core, {
      n, rules: [rule], lambdaMax: ritzMax, lambdaMin: ritzMin, topEigenvalues: top, kthMagnitude: Math.abs(byMag[k - 1]?.value ?? 0),
    }, o);
    return {
      estimator: 'lanczos', metrics, products: lz.products,
      settings: { steps: lanczosSteps, invariant: r.invariant, topResiduals },
    };
  }

  // Deflate the converged Ritz pairs (the vectors come largest |value| first).
  const values: number[] = [];
  const vectors: Float64Array[] = [];
  for (let i = 0; i < r.ritzVectors.length; i++) {
    const value = r.ritzVectorValues[i];
    const idx = nearestIndex(r.ritzValues, value);
    if (isConverged(r.residuals[idx], scale, DEFLATION_TOL)) {
      values.push(value);
      vectors.push(r.ritzVectors[i]);
    }
  }
  const slqSteps = Math.min(n, o.steps ?? defaultSlqSteps(n));
  const probes = o.probes ?? DEFAULT_PROBES;
  let reorth = true;
  try {
    const budget = o.memoryBudget && o.memoryBudget > 0 ? o.memoryBudget : core.defaultMemoryBudget();
    // Quadrature tolerates the loss of orthogonality; drop the stored basis rather than fail on huge models.
    reorth = core.lanczosBytes(n, slqSteps, true) <= budget;
  } catch (e) {
    throw fromCoreError(e);
  }
  o.onPlan?.('slq', probes * Math.min(slqSteps, Math.max(0, n - values.length)));
  const slq = await runSlq(core, o.sumsOperator ?? op, { probes, steps: slqSteps, seed: o.seed, reorthogonalize: reorth, memoryBudget: o.memoryBudget, deflation: { values, vectors } });
  const lambdaMax = Math.max(ritzMax, slq.maxRitz);
  const lambdaMin = Math.min(ritzMin, slq.minRitz);
  // Ritz values lie inside the spectrum, so the largest k-th |θ| seen is the best estimate of the k-th |λ|.
  let kth = Math.abs(byMag[k - 1]?.value ?? 0);
  for (const mags of slq.ritzMagnitudes) if (mags.length >= k) kth = Math.max(kth, mags[k - 1]);
  const metrics = metricsFromQuadrature(core, { n, rules: slq.rules, lambdaMax, lambdaMin, topEigenvalues: top, kthMagnitude: kth }, o);
  return {
    estimator: which,
    metrics,
    products: lz.products + slq.products,
    settings: { lanczosSteps, steps: slqSteps, probes, deflated: values.length, reorthogonalizeLanczos: lanczosReorth, reorthogonalizeProbes: reorth, topResiduals },
  };
}

function nearestIndex(sorted: Float64Array, value: number): number {
  let best = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - value) < Math.abs(sorted[best] - value)) best = i;
  return best;
}
