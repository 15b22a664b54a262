// Lanczos on the HVP operator through the core's reverse-communication solver: the extreme eigenvalues at both
// ends with residual bounds, and the converged Ritz pairs that SLQ deflates.
import type { Core, FdPointsTarget, LanczosResult, LanczosSession } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { coreErrorCode, fromCoreError } from '../core/errors.js';
import { opt } from '../errors.js';

/** What to change when the core's memory guard refuses a run: the options that shrink it. */
export function lanczosMemoryHint(reorthogonalize: boolean): string {
  return reorthogonalize
    ? `use fewer steps (${opt('steps')}), narrow the parameters (${opt('params')}), raise ${opt('memoryBudget')}, or ` +
        `for the sums use ${opt('estimator', 'slq')}, which needs no stored basis when memory is short`
    : `narrow the parameters (${opt('params')}) or raise ${opt('memoryBudget')}`;
}

/** A core error as a SaneError, with the memory hint when the guard refused. */
export function lanczosError(e: unknown, reorthogonalize: boolean): Error {
  return fromCoreError(e, coreErrorCode(e) === 'SANE_CORE_MEMORY' ? lanczosMemoryHint(reorthogonalize) : undefined);
}

/** Default cap on the steps for top-k at both ends: enough for the extremes of a Hessian's outliers to converge.
 *  Runs stop earlier when what they are for has converged (extremesConverged), so the cap is rarely reached. */
export function defaultLanczosSteps(n: number, top: number): number {
  return Math.min(n, Math.max(3 * top + 20, 60));
}

/** Relative residual (|β_m s_mi| / max|θ|) to which the lanczos estimator converges what it reports: a residual r
 *  bounds the eigenvalue error by r, and by r²/gap for an isolated one, so 1e-8 makes the Ritz values eigenvalues
 *  of the operator far below the finite-difference error of its products (the fixtures' test asks for this). */
export const LANCZOS_TOL = 1e-8;
/** The looser tolerance of the Lanczos run ahead of SLQ (auto): it needs λ_max for the SANE scale to well below the
 *  stochastic error of the sums, and the outliers to deflate (DEFLATION_TOL 1e-5); nothing to 1e-8. */
export const PRE_SLQ_TOL = 1e-6;

/** The tolerance of runs without a stored basis: their residual bounds level off near the relative noise of the
 *  finite-difference products (~1e-5: float32 gradients over a step of ~7e-3; 1.4e-5 on the tiny transformer of
 *  test/transformer.test.ts after 60 steps), so 1e-8 would never stop them; 1e-4 is reached and is far below what
 *  λ_max is used for (the SANE scale) and below the products' own error. */
export const NO_BASIS_TOL = 1e-4;

/** A double basis larger than this is stored in float32 rows instead (see planBasis). */
export const DOUBLE_BASIS_LIMIT = 512 * 2 ** 20;

export interface LanczosRun {
  result: LanczosResult;
  products: number;
  /** The stopping test held before the step cap (or the Krylov space became invariant). */
  converged: boolean;
}

export interface RunLanczosOptions {
  /** Cap on the steps. */
  steps: number;
  seed: number;
  reorthogonalize?: boolean;
  /** Partial reorthogonalisation (default true with a basis): as accurate as full, a fraction of the sweeps. */
  partial?: boolean;
  float32Basis?: boolean;
  /** Without a basis: q_{j-1} and q_j in float32 (the core's createLanczos `float32Vectors`; 8 bytes a parameter
   *  less). */
  float32Vectors?: boolean;
  /** The start vector (default: Rademacher from `seed`). A function is called once, as the session opens, so that no
   *  frame of the run keeps the vector (the probes). */
  start?: Float64Array | (() => Float64Array);
  /** Orthonormal vectors to deflate (the core's createLanczos `deflation`). */
  deflation?: Float32Array[];
  ritzVectors?: number;
  memoryBudget?: number;
  /** Stop as soon as this holds for the Ritz values and residuals of the steps so far (checked after each step). */
  stopWhen?: (r: LanczosResult) => boolean;
  /** Sees each Lanczos vector q_j (j = 0, 1, …) before its product, in place: read it, do not keep it (the replay
   *  that sums Ritz vectors without a basis, src/estimators/replay-ritz-vectors.ts). */
  onVector?: (q: Float64Array | Float32Array, j: number) => void;
}

/** Runs whose basis and work vectors fit in this many bytes step synchronously (see runLanczos). */
export const SYNC_STEP_BYTES = 128 * 2 ** 20;

export async function runLanczos(core: Core, op: LinearOperator, o: RunLanczosOptions): Promise<LanczosRun> {
  const reorthogonalize = o.reorthogonalize ?? true;
  // stepAsync hands each step to the libuv pool and back: two thread wake-ups, which on a loaded machine cost as much
  // as the step (mlp784, P = 536k, load 5-6 on 2 cores: ~5 ms a step, 100-150 ms of a 20-step run's 2.5 s). A step
  // over a basis this small blocks the event loop at most ~40 ms even when it sweeps (three reads of 128 MiB), less
  // than a product takes at that size; larger runs keep the loop free.
  const sync = core.lanczosBytes(op.n, Math.min(o.steps, op.n), reorthogonalize, o.float32Basis ?? false) <= SYNC_STEP_BYTES;
  // The session writes each vector's finite-difference points as it forms the vector where the operator asks for it
  // (src/oracle/hvp.ts, sessionPointsTarget). Also when the caller reads the vectors (onVector): the replay of a run
  // must multiply exactly as the run did.
  let target = op.sessionPointsTarget?.() ?? null;
  let session;
  try {
    session = openSession(core, op.n, o, reorthogonalize);
  } catch (e) {
    throw lanczosError(e, reorthogonalize);
  }
  try {
    if (target) session.attachFdPoints(target);
  } catch (e) {
    // The WASM build copies θ and keeps the points in its heap (12 bytes a parameter): where that memory is not to
    // be had, the run multiplies the plain way, as it would without a target.
    if (coreErrorCode(e) !== 'SANE_CORE_MEMORY') {
      session.dispose();
      throw lanczosError(e, reorthogonalize);
    }
    target = null;
  }
  let products = 0;
  try {
    let more = true;
    let converged = false;
    while (more) {
      // In a helper: the product (the operator's buffer, 8n bytes) must not stay in this frame, which lives on while
      // result() forms the Ritz vectors.
      more = await productStep(session, op, sync, o.onVector, products, target);
      products++;
      if (more && o.stopWhen?.(session.ritz())) {
        converged = true;
        more = false;
      }
    }
    const result = session.result();
    return { result, products, converged: converged || result.invariant };
  } catch (e) {
    throw lanczosError(e, reorthogonalize);
  } finally {
    session.dispose();
  }
}

/** The core's session for a run. Synchronous, so that a start vector made by o.start() (8n bytes) is garbage as soon
 *  as the core has copied it, not kept in the frame of the async run (see productStep). */
function openSession(core: Core, n: number, o: RunLanczosOptions, reorthogonalize: boolean): LanczosSession {
  const start = typeof o.start === 'function' ? o.start() : o.start;
  return core.createLanczos({
    n,
    steps: Math.min(o.steps, n),
    reorthogonalize,
    partial: o.partial ?? true,
    float32Basis: o.float32Basis ?? false,
    float32Vectors: o.float32Vectors ?? false,
    seed: o.seed,
    start,
    deflation: o.deflation,
    ritzVectors: o.ritzVectors ?? 0,
    memoryBudget: o.memoryBudget ?? 0,
  });
}

/** One Lanczos step: the product with the session's current vector (read in place where the core lends it: no
 *  direction buffer, which was 8n bytes for the whole run; or, with a target, at the points the session wrote there),
 *  handed to the session. */
async function productStep(
  session: LanczosSession, op: LinearOperator, sync: boolean, onVector: RunLanczosOptions['onVector'], j: number,
  target: FdPointsTarget | null,
): Promise<boolean> {
  if (onVector) onVector(session.vectorView(), j);
  const hv = target ? await op.applyAtPoints!(target, session.fdPoints()) : await op.apply(session.vectorView());
  return sync ? session.step(hv) : session.stepAsync(hv);
}

/**
 * The stopping test of a run for the top-k at both ends: λ_max, the top-k by magnitude (which lie at either end)
 * and, with `lambdaMin`, λ_min have relative residuals (to max|θ|) below tol. The run ahead of SLQ does not wait for
 * λ_min: on a Hessian it usually sits in the dense bulk near zero, where no Ritz value converges in a few dozen
 * steps, and SLQ does not need it. At least minSteps steps first, so that an outlier the start vector barely touches
 * has had the chance to appear (Lanczos finds isolated extremes within a few steps).
 */
export function extremesConverged(
  k: number, tol = LANCZOS_TOL, minSteps = 10, lambdaMin = true, ghosts = false,
): (r: LanczosResult) => boolean {
  return (r) => {
    const m = r.steps;
    if (m < Math.max(minSteps, k + 1)) return false;
    const scale = Math.max(Math.abs(r.ritzValues[0]), Math.abs(r.ritzValues[m - 1]));
    if (!isConverged(r.residuals[m - 1], scale, tol)) return false;
    if (lambdaMin && !isConverged(r.residuals[0], scale, tol)) return false;
    const byMag = ghosts ? withoutGhosts(ritzByMagnitude(r), scale, tol) : ritzByMagnitude(r);
    return byMag.slice(0, k).every((x) => isConverged(x.residual, scale, tol));
  };
}

/**
 * Ritz values (by magnitude) with the ghost copies removed, for runs without a stored basis. Without
 * reorthogonalisation the Lanczos vectors lose orthogonality as Ritz pairs converge (Paige), and a converged
 * eigenvalue reappears as further copies converging to the same value; with finite-difference products the noise of
 * the products (~1e-5 relative) plays the part of rounding, so this starts early and the residual bounds level off
 * near that noise instead of reaching 1e-8. Each Ritz value is still within its residual bound of an eigenvalue, and
 * all lie inside the spectrum up to that noise (Paige), so the extremes stay right; only the multiplicity is
 * spurious, and two values whose bound intervals overlap cannot be told apart as two eigenvalues. So: in order of
 * magnitude, a value is kept unless its interval [θ − r, θ + r] (widened by tol·scale) meets that of a value
 * already kept. Of overlapping copies the outer one stays, since Ritz values lie inside the spectrum: at either end
 * it is the better estimate of the extreme eigenvalue, and λ_max / λ_min (the outermost Ritz values) stay in the list;
 * its bound becomes the tightest one its copies give.
 */
export function withoutGhosts(
  byMag: { value: number; residual: number }[], scale: number, tol = LANCZOS_TOL,
): { value: number; residual: number }[] {
  const kept: { value: number; residual: number }[] = [];
  for (const x of byMag) {
    const y = kept.find((k) => Math.abs(x.value - k.value) <= x.residual + k.residual + tol * scale);
    // A merged copy can tighten the kept value's bound: an eigenvalue lies within x.residual of x.value, so within
    // |x.value - y.value| + x.residual of y.value (triangle inequality).
    if (y) y.residual = Math.min(y.residual, Math.abs(x.value - y.value) + x.residual);
    else kept.push({ value: x.value, residual: x.residual });
  }
  return kept;
}

export interface BasisPlan {
  /** Step cap actually used (lowered to fit memory when the caller allows it). */
  steps: number;
  reorthogonalize: boolean;
  float32Basis: boolean;
}

/**
 * How to keep the basis of a run with `steps` steps over n parameters and `extraBytes` more (Ritz vectors) within
 * the budget: double rows if they fit and stay under DOUBLE_BASIS_LIMIT (beyond it the memory matters more than
 * digits below the finite-difference error of the products: float32 rows perturb Ritz values by ~1e-8 relative),
 * else float32 rows; if even those do not fit, fewer steps when `mayShrink` (down to `minSteps`), else the plan
 * the memory guard will refuse with its message (float32, the smallest request).
 */
export function planBasis(
  core: Core, n: number, steps: number, budget: number, o: { mayShrink: boolean; minSteps: number; extraBytes?: number },
): BasisPlan {
  const extra = o.extraBytes ?? 0;
  const fits = (m: number, f32: boolean) => core.lanczosBytes(n, m, true, f32) + extra <= budget;
  const double = core.lanczosBytes(n, steps, true, false);
  if (double <= DOUBLE_BASIS_LIMIT && fits(steps, false)) return { steps, reorthogonalize: true, float32Basis: false };
  if (fits(steps, true) || !o.mayShrink) return { steps, reorthogonalize: true, float32Basis: true };
  let m = steps;
  while (m > o.minSteps && !fits(m, true)) m = Math.max(o.minSteps, Math.floor(m * 0.8));
  return { steps: m, reorthogonalize: true, float32Basis: true };
}

/** Ritz values sorted by |value| descending (ties: positive first), with their residual bounds. */
export function ritzByMagnitude(r: LanczosResult): { value: number; residual: number }[] {
  const items = Array.from(r.ritzValues, (value, i) => ({ value, residual: r.residuals[i] }));
  items.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || b.value - a.value);
  return items;
}

/** Whether a Ritz value counts as converged: residual bound below tol relative to the spectral scale. */
export function isConverged(residual: number, scale: number, tol = 1e-6): boolean {
  return residual <= tol * Math.max(scale, Number.MIN_VALUE);
}

/**
 * Stored-basis size (bytes of float32 rows at the default step cap) above which the lanczos estimator keeps no basis
 * unless the user gave --steps: 1 GiB, P above 4.5M at the 60-step cap. A basis buys residual bounds of 1e-8 instead
 * of NO_BASIS_TOL (1e-4), below what finite-difference products resolve at that size anyway (ResNet-18, --top 1: λ_max
 * 1.0e-6 from PyTorch's float64 one with 44 float32 rows, 2.69 GB; 2.3e-6 without them, 27 products, 0.76 GB), and
 * costs 4 bytes a parameter a step, where issue 9 asks for under 2 GB.
 */
export const LANCZOS_BASIS_BYTES = 2 ** 30;

/**
 * Stored-basis size (bytes of float32 rows) above which the run ahead of SLQ keeps no basis (and the outliers it
 * deflates are summed up by replaying it: src/estimators/replay-ritz-vectors.ts): 512 MiB, the size above which a
 * basis is already kept in float32 (DOUBLE_BASIS_LIMIT); P above 2.2M at the default cap of 60 steps. At ResNet-18
 * size a basis grown to the cap was 2.2 GB and kept the process at 4.2 GB (issue 9 asks for under 2 GB).
 */
export const PRE_SLQ_BASIS_BYTES = 512 * 2 ** 20;
