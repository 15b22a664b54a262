// Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017) for tr f(H), with deflation of the converged outliers.
//
// SANE and N_eff are dominated by the few largest |λ|, and a Hutchinson estimate of tr f(H) has variance
// 2 Σ_{i≠j} f(H)_ij², i.e. of the order of Σ f(λ_i)² — for SANE that is O(1) per probe while SANE itself is O(1..10),
// so plain SLQ with ten probes misses by 10-20%. The Lanczos run that finds λ_max also converges the outliers; we take
// their Ritz pairs (θ_i, y_i) as exact, and estimate only the rest on the complement:
//     tr f(H) ≈ Σ_{i∈D} f(θ_i) + tr f(P⊥ H P⊥),   P⊥ = I − Y Yᵀ,
// with Rademacher probes projected by P⊥ (the core projects the start vector and every product: createLanczos's
// `deflation`). Each probe's quadrature rule gets the deflated θ_i as extra nodes of weight
// 1/n and its own nodes scaled by ‖P⊥z‖²/n, so the core's slqEstimate (n · Σ w f per probe, mean and standard error
// over probes) and spectralDensity apply unchanged and the error bar covers the stochastic part honestly.
import type { Core, LanczosResult, NegativePolicy, QuadratureRule } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { runLanczos } from './lanczos.js';

export const DEFAULT_PROBES = 10;
/** Cap on the steps per probe; a probe stops earlier when its quadrature has converged (quadratureConverged). */
export function defaultSlqSteps(n: number): number {
  return Math.min(n, 50);
}

/** Relative change of a probe's quadrature between steps below which it counts as converged: far below the
 *  spread between probes (the standard error of SLQ is a few percent of the sum on Hessians). */
export const QUADRATURE_TOL = 1e-4;

/**
 * A stopping test per probe: the Gauss rule's value of each sum the estimator reports, Σ w_i f(θ_i) with
 * f(λ) = |λ|/(|λ|+alpha) for each alpha (SANE's c·scale, N_eff's z; evaluated by the core, so with the same
 * definitions as the final estimate), changed by less than tol relative over two consecutive steps. The trace
 * needs nothing: its rule is exact from the first step. Returns a factory: one fresh test per probe.
 */
export function quadratureConverged(
  core: Core, alphas: number[], policy: NegativePolicy, tol = QUADRATURE_TOL, minSteps = 8,
): () => (r: LanczosResult) => boolean {
  const valid = alphas.filter((a) => a > 0 && Number.isFinite(a));
  return () => {
    let previous: number[] | undefined;
    let calm = 0;
    return (r) => {
      const rule = { nodes: r.ritzValues, weights: r.weights };
      const values = valid.map((a) => core.slqEstimate([rule], 1, 'neff', a, policy).value);
      const still = previous !== undefined && values.every((v, i) => Math.abs(v - previous![i]) <= tol * Math.abs(v));
      calm = still ? calm + 1 : 0;
      previous = values;
      return r.steps >= minSteps && calm >= 2;
    };
  };
}

export interface Deflation {
  values: number[];
  /** Orthonormal Ritz vectors, float32: they are only accurate to the Lanczos run's residuals (1e-5 relative is
   *  what deflation asks), and what a float32 rounding leaves of an outlier in a probe weighs ~1e-14 of it. */
  vectors: Float32Array[];
}

export interface SlqRun {
  rules: QuadratureRule[];
  products: number;
  /** Largest and smallest Ritz value seen over the probes and the deflated set (bounds from inside). */
  maxRitz: number;
  minRitz: number;
  /** k-th largest |Ritz value| per probe (index k-1), for SANE_k scales. */
  ritzMagnitudes: number[][];
  deflated: number;
  /** Steps each probe took (below the cap when its quadrature converged). */
  steps: number[];
  /** Probes whose stopping test held before the step cap (or whose Krylov space became invariant). */
  converged: number;
}

/** Seeded Rademacher vector (splitmix64 bits, entry i from bit i mod 64 of the (i div 64)-th output); any
 *  independent ±1 stream serves as probe. The 64-bit arithmetic is BigInt once per 64 entries; the bits are read
 *  from two 32-bit halves (per-entry BigInt shifts took 0.4 s of a squeezenet run's ten probes at P = 727k). */
export function rademacherVector(seed: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let s = BigInt.asUintN(64, BigInt(seed) * 0x9e3779b97f4a7c15n + 0x632be59bd9b4e019n);
  for (let i = 0; i < n; i += 64) {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z ^= z >> 31n;
    const halves = [Number(z & 0xffffffffn), Number(z >> 32n)];
    for (let h = 0; h < 2; h++) {
      const bits = halves[h];
      const base = i + 32 * h;
      const end = Math.min(32, n - base);
      for (let b = 0; b < end; b++) out[base + b] = (bits >>> b) & 1 ? -1 : 1;
    }
  }
  return out;
}

/** ‖(I − Y Yᵀ) z‖² for orthonormal rows Y: ‖z‖² − Σ (y·z)². The core projects the start vector itself (deflation
 *  in createLanczos); the quadrature weights only need this norm. */
function projectedNormSquared(z: Float64Array, vectors: Float32Array[]): number {
  let zz = 0;
  for (let i = 0; i < z.length; i++) zz += z[i] * z[i];
  for (const y of vectors) {
    let d = 0;
    for (let i = 0; i < z.length; i++) d += y[i] * z[i];
    zz -= d * d;
  }
  return Math.max(zz, 0);
}

export interface RunSlqOptions {
  probes: number;
  steps: number;
  seed: number;
  reorthogonalize?: boolean;
  float32Basis?: boolean;
  memoryBudget?: number;
  deflation?: Deflation;
  /** A fresh stopping test per probe (quadratureConverged); without it every probe runs `steps` steps. */
  stopWhen?: () => (r: LanczosResult) => boolean;
  onProbe?: (done: number) => void;
}

export async function runSlq(core: Core, op: LinearOperator, o: RunSlqOptions): Promise<SlqRun> {
  const n = op.n;
  const defl = o.deflation && o.deflation.values.length > 0 ? o.deflation : { values: [], vectors: [] };
  const k = defl.values.length;
  const rules: QuadratureRule[] = [];
  let products = 0;
  let maxRitz = k ? Math.max(...defl.values) : -Infinity;
  let minRitz = k ? Math.min(...defl.values) : Infinity;
  const ritzMagnitudes: number[][] = [];
  const stepsTaken: number[] = [];
  let converged = 0;
  const remaining = n - k;
  for (let l = 0; l < o.probes; l++) {
    // Probe seeds are offset from the Lanczos run's seed so the two never share a start vector.
    const z = rademacherVector(o.seed * 1000003 + 7919 * (l + 1), n);
    const zz = projectedNormSquared(z, defl.vectors);
    let nodes: Float64Array;
    let weights: Float64Array;
    if (remaining <= 0 || zz <= 1e-20 * n) {
      nodes = new Float64Array(0);
      weights = new Float64Array(0);
    } else {
      // Lanczos on P⊥ H P⊥ (P⊥ = I − Y Yᵀ): the core projects the start vector and every product against the
      // deflated vectors, so the Krylov space stays in range P⊥.
      const run = await runLanczos(core, op, {
        steps: Math.min(o.steps, remaining),
        seed: o.seed,
        start: z,
        deflation: k ? defl.vectors : undefined,
        reorthogonalize: o.reorthogonalize ?? true,
        float32Basis: o.float32Basis,
        memoryBudget: o.memoryBudget,
        stopWhen: o.stopWhen?.(),
      });
      products += run.products;
      stepsTaken.push(run.result.steps);
      if (run.converged) converged++;
      nodes = run.result.ritzValues;
      const scale = zz / n;
      weights = run.result.weights.map((w) => w * scale);
    }
    for (const v of nodes) {
      if (v > maxRitz) maxRitz = v;
      if (v < minRitz) minRitz = v;
    }
    ritzMagnitudes.push([...Array.from(nodes, Math.abs), ...defl.values.map(Math.abs)].sort((a, b) => b - a));
    const allNodes = new Float64Array(k + nodes.length);
    const allWeights = new Float64Array(k + nodes.length);
    allNodes.set(defl.values, 0);
    allWeights.fill(1 / n, 0, k);
    allNodes.set(nodes, k);
    allWeights.set(weights, k);
    rules.push({ nodes: allNodes, weights: allWeights });
    o.onProbe?.(l + 1);
  }
  return { rules, products, maxRitz, minRitz, ritzMagnitudes, deflated: k, steps: stepsTaken, converged };
}
