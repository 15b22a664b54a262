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
// over probes) and spectralDensity apply unchanged and the error bar covers the stochastic part honestly; the
// quadrature's own error, which the probes share, is each probe's window (probe-quadrature.ts, metrics.ts).
import type { Core, LanczosResult, NegativePolicy, QuadratureRule } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { runLanczos } from './lanczos.js';
import { probeQuadrature, type ProbeQuadrature, type QuadratureWindow } from './probe-quadrature.js';
import { quadratureError } from './metrics.js';

/** Most probes by default; fewer (down to MIN_PROBES) once their spread is small next to the quadrature's error,
 *  which more probes do not shrink (spreadNegligible). A user's --probes is run in full. */
export const DEFAULT_PROBES = 10;
export const MIN_PROBES = 4;
/** Cap on a probe's steps. The probes' quadrature of |λ|/(|λ|+α) converges slowly where Hessians have most of their
 *  eigenvalues, around 0 (probe-quadrature.ts): squeezenet1_1's SANE ± its error bar was 73.7 ± 16.3 at 50 steps,
 *  72.3 ± 7.7 at 100 and 71.5 ± 4.6 at 125; mlp784's 5820 ± 455, 5901 ± 197 and 5909 ± 120 at 50, 100 and 150
 *  (reorthogonalised probes, the deflated part left out).
 *  Settled probes stop earlier. See README "The SLQ sums and the probes' step cap". */
export const DEFAULT_SLQ_STEPS = 150;
/** Cap on the steps per probe; a probe stops earlier when its quadrature has settled (quadratureSettled). */
export function defaultSlqSteps(n: number): number {
  return Math.min(n, DEFAULT_SLQ_STEPS);
}

export interface Deflation {
  values: number[];
  /** Orthonormal Ritz vectors, float32: they are only accurate to the Lanczos run's residuals (1e-5 relative is
   *  what deflation asks), and what a float32 rounding leaves of an outlier in a probe weighs ~1e-14 of it. */
  vectors: Float32Array[];
}

export interface SlqRun {
  /** Per probe, its rule (see probe-quadrature.ts) with the deflated values as extra nodes. */
  rules: QuadratureRule[];
  /** Per probe, the rules of its window (the same deflated nodes added): their gap is its quadrature error. */
  windows: QuadratureWindow[];
  products: number;
  /** Largest and smallest Ritz value seen over the probes and the deflated set (bounds from inside). */
  maxRitz: number;
  minRitz: number;
  /** k-th largest |Ritz value| per probe (index k-1), for SANE_k scales. */
  ritzMagnitudes: number[][];
  deflated: number;
  /** Steps each probe took (below the cap when its quadrature converged). */
  steps: number[];
  /** Probes whose stopping test held before the step cap (or whose Krylov space became invariant): their
   *  windows are settled (quadratureSettled); the others' may still be wide. */
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
  /** Probes without a basis keep q_{j-1} and q_j in float32 (runLanczos's float32Vectors). */
  float32Vectors?: boolean;
  memoryBudget?: number;
  deflation?: Deflation;
  /** A fresh stopping test per probe (quadratureSettled); without it every probe runs `steps` steps. */
  stopWhen?: () => (r: LanczosResult) => boolean;
  /** Probes always run (default: all of them); after these, `enough` may end the run early. */
  minProbes?: number;
  enough?: (rules: QuadratureRule[], windows: QuadratureWindow[]) => boolean;
  onProbe?: (done: number) => void;
}

export async function runSlq(core: Core, op: LinearOperator, o: RunSlqOptions): Promise<SlqRun> {
  const n = op.n;
  const defl = o.deflation && o.deflation.values.length > 0 ? o.deflation : { values: [], vectors: [] };
  const k = defl.values.length;
  const rules: QuadratureRule[] = [];
  const windows: QuadratureWindow[] = [];
  let products = 0;
  let maxRitz = k ? Math.max(...defl.values) : -Infinity;
  let minRitz = k ? Math.min(...defl.values) : Infinity;
  const ritzMagnitudes: number[][] = [];
  const stepsTaken: number[] = [];
  let converged = 0;
  const remaining = n - k;
  for (let l = 0; l < o.probes; l++) {
    // Probe seeds are offset from the Lanczos run's seed so the two never share a start vector.
    const probeSeed = o.seed * 1000003 + 7919 * (l + 1);
    const zz = projectedNormSquared(rademacherVector(probeSeed, n), defl.vectors);
    let own: ProbeQuadrature;
    if (remaining <= 0 || zz <= 1e-20 * n) {
      const none = { nodes: new Float64Array(0), weights: new Float64Array(0) };
      own = { rule: none, window: { below: [none], above: [none] } };
      ritzMagnitudes.push(defl.values.map(Math.abs).sort((a, b) => b - a));
    } else {
      // Lanczos on P⊥ H P⊥ (P⊥ = I − Y Yᵀ): the core projects the start vector and every product against the
      // deflated vectors, so the Krylov space stays in range P⊥.
      const run = await runLanczos(core, op, {
        steps: Math.min(o.steps, remaining),
        seed: o.seed,
        // Drawn again as the session opens instead of kept in this frame, which holds what it last referenced for
        // the whole probe (8n bytes: 188 MB at resnet50's P).
        start: () => rademacherVector(probeSeed, n),
        deflation: k ? defl.vectors : undefined,
        reorthogonalize: o.reorthogonalize ?? true,
        float32Basis: o.float32Basis,
        float32Vectors: o.float32Vectors,
        memoryBudget: o.memoryBudget,
        stopWhen: o.stopWhen?.(),
      });
      products += run.products;
      stepsTaken.push(run.result.steps);
      if (run.converged) converged++;
      for (const v of run.result.ritzValues) {
        if (v > maxRitz) maxRitz = v;
        if (v < minRitz) minRitz = v;
      }
      ritzMagnitudes.push([...Array.from(run.result.ritzValues, Math.abs), ...defl.values.map(Math.abs)].sort((a, b) => b - a));
      own = probeQuadrature(core, run.result);
    }
    const withDeflated = (r: QuadratureRule): QuadratureRule => {
      const nodes = new Float64Array(k + r.nodes.length);
      const weights = new Float64Array(k + r.nodes.length);
      nodes.set(defl.values, 0);
      weights.fill(1 / n, 0, k);
      nodes.set(r.nodes, k);
      // The probe's rule has weights summing to 1 over the measure of P⊥ z / ‖z‖, whose mass is ‖P⊥z‖²/n of H's.
      weights.set(r.weights.map((w) => (w * zz) / n), k);
      return { nodes, weights };
    };
    rules.push(withDeflated(own.rule));
    windows.push({ below: own.window.below.map(withDeflated), above: own.window.above.map(withDeflated) });
    o.onProbe?.(l + 1);
    if (l + 1 >= (o.minProbes ?? o.probes) && l + 1 < o.probes && o.enough?.(rules, windows)) break;
  }
  return { rules, windows, products, maxRitz, minRitz, ritzMagnitudes, deflated: k, steps: stepsTaken, converged };
}

/** Spread between probes below `ratio` of the quadrature's error for every sum: more probes would narrow the error
 *  bar (their root sum of squares) by 3% at most (ratio 0.25, allowing for a spread from four probes that is low by
 *  half). Never true while the quadrature error is 0 (settled or exact rules): then the spread is all there is. */
export function spreadNegligible(
  core: Core, n: number, alphas: number[], policy: NegativePolicy, ratio = 0.25,
): (rules: QuadratureRule[], windows: QuadratureWindow[]) => boolean {
  const valid = alphas.filter((a) => a > 0 && Number.isFinite(a));
  return (rules, windows) =>
    rules.length >= 2 &&
    valid.every((a) => {
      const spread = core.slqEstimate(rules, n, 'neff', a, policy).stdErr;
      return spread <= ratio * quadratureError(core, windows, n, 'neff', a, policy);
    });
}
