// One SLQ probe's quadrature rule for tr f(H), f(λ) = |λ|/(|λ|+α), and how far it still is from settled.
//
// On Hessians the plain Gauss rule of a probe does not converge at any affordable step count: most of the weight
// (99.3–99.8% on squeezenet1_1, 50–57% on mlp784) sits in one node near 0, inside the bulk, and that node changes
// side and distance from 0 from one step to the next, where |λ| has its kink. A probe's SANE moved 58 → 77 → 64 at
// 50, 51 and 60 steps, and the mean over ten probes with it (63, 153, 66): the probes of a large matrix see nearly
// the same spectral measure and swing together, so their spread does not show it (issue 9). From the same
// tridiagonal T_k, two rules that approach the sum from either side on every spectrum measured (known ones with a
// bulk through zero, squeezenet1_1, mlp784):
// - from below, the Gauss–Radau rule with a node fixed at 0: the atom of eigenvalues at or near 0 (ReLU networks
//   have many exact zeros) gets its weight at f(0) = 0;
// - from above, Laurie's averaged Gauss–anti-Gauss rule (G_{k−1} + H_k)/2, H_k being T_k with its last β times √2:
//   the atom's weight sits on nodes beside 0.
// The probe's rule pools both over a window of the last max(8, m/4) steps (the swings average out): the midpoint
// of the two families' means, and half the gap between those means is what the rule is still unsure of. It goes
// into the sums' error bars (metricsFromQuadrature) and into the probes' stopping test. Measured with the first m steps of long runs (SANE
// without the deflated outliers): squeezenet1_1 73.7 ± 33.7 at m = 50 and 71.5 ± 9.6 at 125, where the Gauss rule
// gave 63.4 and 74.5 with spreads of 2.1 and 1.8; mlp784 5820 ± 574 at 50 and 5877 ± 95 at 199 (Gauss 6604 ± 6 and
// 5929 ± 6). A probe whose Krylov space became invariant has an exact Gauss rule: no window, no quadrature error.
import type { Core, LanczosResult, NegativePolicy, QuadratureRule } from '../core/types.js';

/** The rules of a probe's last steps: from below (Radau at 0) and from above (averaged), one of each per step. */
export interface QuadratureWindow {
  below: QuadratureRule[];
  above: QuadratureRule[];
}

/** The probe's rule (all the window's rules pooled with equal shares: the midpoint of the two families' means),
 *  and the window. */
export interface ProbeQuadrature {
  rule: QuadratureRule;
  window: QuadratureWindow;
}

/** Steps the window spans at step m: at least one swing of the node at the kink (5–8 steps measured on known
 *  spectra; a window of 4 let a probe of a bulk through zero stop at step 8, mid-swing), and a quarter of the run
 *  later, when the swings slow down. */
export function windowLength(m: number): number {
  return Math.max(8, Math.round(m / 4));
}

function gaussRule(core: Core, alpha: Float64Array, beta: Float64Array): QuadratureRule {
  const t = core.tridiagonalEigen(alpha, beta);
  return { nodes: t.values, weights: t.firstComponents.map((c) => c * c) };
}

/** (G_{k−1} + H_k)/2 from the first k ≥ 2 steps: 2k − 1 nodes, weights summing to 1. `previous` is G_{k−1} where
 *  the caller has it (a run's previous step). */
export function averagedRule(
  core: Core, alpha: Float64Array, beta: Float64Array, k: number,
  previous: QuadratureRule = gaussRule(core, alpha.subarray(0, k - 1), beta.subarray(0, k - 2)),
): QuadratureRule {
  const b = Float64Array.from(beta.subarray(0, k - 1));
  b[k - 2] *= Math.SQRT2;
  const h = gaussRule(core, alpha.subarray(0, k), b);
  return pool([previous, h]);
}

/** T_k's eigenvalues with the squares of the first and last rows of its eigenvectors. */
export interface TridiagonalRows {
  values: Float64Array;
  weights: Float64Array;
  lastSquared: Float64Array;
}

function rowsOf(core: Core, alpha: Float64Array, beta: Float64Array, k: number): TridiagonalRows {
  const t = core.tridiagonalEigen(alpha.subarray(0, k), beta.subarray(0, k - 1));
  return { values: t.values, weights: t.firstComponents.map((c) => c * c), lastSquared: t.lastComponents.map((c) => c * c) };
}

/**
 * The Gauss–Radau rule with a node fixed at 0, the kink, from the first k steps and β_k (beta[k − 1]): T_k bordered
 * by β_k and the diagonal entry that makes 0 an eigenvalue, β_k² e_kᵀ T_k⁻¹ e_k (Golub & Meurant 2010, §6.2),
 * taken from T_k's eigenpairs (`t`, where the caller has them: a run's Ritz values, weights and residual bounds).
 * The weight of an atom at 0 (ReLU networks' exact zeros) lands on 0 instead of on a Gauss node beside it; where
 * T_k already has 0 as an eigenvalue the Gauss rule is that rule.
 */
export function radauRuleAtZero(
  core: Core, alpha: Float64Array, beta: Float64Array, k: number, t: TridiagonalRows = rowsOf(core, alpha, beta, k),
): QuadratureRule {
  let scale = 0;
  for (const v of t.values) scale = Math.max(scale, Math.abs(v));
  let inverse = 0;
  for (let i = 0; i < k; i++) {
    if (Math.abs(t.values[i]) <= 1e-14 * scale) return { nodes: t.values, weights: t.weights };
    inverse += t.lastSquared[i] / t.values[i];
  }
  const a = new Float64Array(k + 1);
  a.set(alpha.subarray(0, k));
  a[k] = beta[k - 1] * beta[k - 1] * inverse;
  return gaussRule(core, a, beta.subarray(0, k));
}

/** Rules pooled with equal shares: one rule whose sums are the mean of theirs. */
export function pool(rules: QuadratureRule[]): QuadratureRule {
  const size = rules.reduce((s, r) => s + r.nodes.length, 0);
  const nodes = new Float64Array(size);
  const weights = new Float64Array(size);
  let at = 0;
  for (const r of rules) {
    nodes.set(r.nodes, at);
    for (let i = 0; i < r.weights.length; i++) weights[at + i] = r.weights[i] / rules.length;
    at += r.nodes.length;
  }
  return { nodes, weights };
}

/** α_1..α_m and β_1..β_m of a run: the result holds β up to m − 1, and β_m in its residual bounds |β_m s_mi| (the
 *  last components s_mi of T_m's eigenvectors have unit norm). */
function recurrence(r: LanczosResult): { alpha: Float64Array; beta: Float64Array } {
  const m = r.alpha.length;
  const beta = new Float64Array(m);
  beta.set(r.beta.subarray(0, m - 1));
  let bm = 0;
  for (const x of r.residuals) bm += x * x;
  beta[m - 1] = Math.sqrt(bm);
  return { alpha: r.alpha, beta };
}

/** The probe's rule and window at the end of its run (the run's T, any length). */
export function probeQuadrature(core: Core, r: LanczosResult): ProbeQuadrature {
  const m = r.alpha.length;
  // One step (a cap of 1) has no anti-Gauss rule: its Gauss rule stands alone, unbracketed.
  if (r.invariant || m < 2) {
    const exact = { nodes: r.ritzValues, weights: r.weights };
    return { rule: exact, window: { below: [exact], above: [exact] } };
  }
  const { alpha, beta } = recurrence(r);
  const window: QuadratureWindow = { below: [], above: [] };
  for (let k = Math.max(2, m - windowLength(m) + 1); k <= m; k++) {
    window.below.push(radauRuleAtZero(core, alpha, beta, k));
    window.above.push(averagedRule(core, alpha, beta, k));
  }
  return { rule: pool([...window.below, ...window.above]), window };
}

/** A sum over the window's two families: the midpoint of their means (the probe's estimate) and half their gap
 *  (its quadrature error). Where the two bracket the sum, as measured, the midpoint is within the half-gap of it. */
export function bracket(below: number[], above: number[]): { mid: number; halfGap: number } {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const lo = mean(below);
  const hi = mean(above);
  return { mid: (lo + hi) / 2, halfGap: Math.abs(hi - lo) / 2 };
}

/** Half-gap of the window (bracket) below which a probe's sum counts as settled, relative to the sum: below
 *  the spread between probes of real Hessians (SANE's standard error is 0.2–3% of it with ten probes), and whatever
 *  is left goes into the error bar anyway. */
export const QUADRATURE_TOL = 5e-3;

/**
 * A stopping test per probe: for every sum the estimator reports (f(λ) = |λ|/(|λ|+alpha) for each alpha: SANE's
 * c·scale, N_eff's z; evaluated by the core, so with the final estimate's definitions), the window's half-gap
 * between the rules from below and from above is at most tol of its midpoint. The trace needs nothing: its rules
 * are exact from the second step. Returns a factory: one fresh test per probe.
 */
export function quadratureSettled(
  core: Core, alphas: number[], policy: NegativePolicy, tol = QUADRATURE_TOL, minSteps = 8,
): () => (r: LanczosResult) => boolean {
  const valid = alphas.filter((a) => a > 0 && Number.isFinite(a));
  return () => {
    // Per sum, per step: the values of the step's rule from below and from above.
    const below: number[][] = valid.map(() => []);
    const above: number[][] = valid.map(() => []);
    // The previous step's Gauss rule, G_{m−1} of the averaged rule (the run calls the test at every step).
    let previous: { steps: number; rule: QuadratureRule } | undefined;
    return (r) => {
      const m = r.alpha.length;
      const gauss = { nodes: r.ritzValues, weights: r.weights };
      const last = previous;
      previous = { steps: m, rule: gauss };
      if (m < 2) return false;
      const { alpha, beta } = recurrence(r);
      // T_m's eigenpairs are the step's Ritz values and weights, and its last row |s_mi| = residual_i / β_m.
      const rows = beta[m - 1] > 0
        ? { values: r.ritzValues, weights: r.weights, lastSquared: r.residuals.map((x) => (x / beta[m - 1]) ** 2) }
        : undefined;
      const radau = radauRuleAtZero(core, alpha, beta, m, rows);
      const averaged = averagedRule(core, alpha, beta, m, last?.steps === m - 1 ? last.rule : undefined);
      valid.forEach((a, i) => {
        below[i][m] = core.slqEstimate([radau], 1, 'neff', a, policy).value;
        above[i][m] = core.slqEstimate([averaged], 1, 'neff', a, policy).value;
      });
      const w = windowLength(m);
      if (m < Math.max(minSteps, w + 1)) return false;
      return valid.every((_, i) => {
        const { mid, halfGap } = bracket(below[i].slice(m - w + 1, m + 1), above[i].slice(m - w + 1, m + 1));
        return halfGap <= tol * Math.abs(mid);
      });
    };
  };
}
