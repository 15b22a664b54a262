// Lanczos on the HVP operator through the core's reverse-communication solver: the extreme eigenvalues at both
// ends with residual bounds, and the converged Ritz pairs that SLQ deflates.
import type { Core, LanczosResult, LanczosSession } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { coreErrorCode, fromCoreError } from '../core/errors.js';
import { opt } from '../errors.js';
import { releaseGarbage } from '../util/release-garbage.js';

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
  /** The start vector (default: Rademacher from `seed`). A float32 one is widened, exactly, only while the session
   *  is opened: the caller keeps 4n bytes instead of 8n (the locking run's restart vectors, between cycles). A
   *  function is called once, as the session opens, so that no frame of the run keeps the vector (the probes). */
  start?: Float64Array | Float32Array | (() => Float64Array | Float32Array);
  /** Orthonormal vectors to deflate (the core's createLanczos `deflation`). */
  deflation?: Float32Array[];
  ritzVectors?: number;
  memoryBudget?: number;
  /** Free the operator's work buffers (LinearOperator.release) before the Ritz vectors are formed: a caller that
   *  runs again re-allocates them, and the peak of the run (basis + Ritz vectors) does not carry them. */
  releaseOperator?: boolean;
  /** Stop as soon as this holds for the Ritz values and residuals of the steps so far (checked after each step). */
  stopWhen?: (r: LanczosResult) => boolean;
  /** Sees each Lanczos vector q_j (j = 0, 1, …) before its product, in place: read it, do not keep it (the replay
   *  that sums Ritz vectors without a basis, src/estimators/replay-ritz-vectors.ts). */
  onVector?: (q: Float64Array, j: number) => void;
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
  let session;
  try {
    session = openSession(core, op.n, o, reorthogonalize);
  } catch (e) {
    throw lanczosError(e, reorthogonalize);
  }
  let products = 0;
  try {
    let more = true;
    let converged = false;
    while (more) {
      // In a helper: the product (the operator's buffer, 8n bytes) must not stay in this frame, which lives on while
      // result() forms the Ritz vectors after a release (see releaseOperator).
      more = await productStep(session, op, sync, o.onVector, products);
      products++;
      if (more && o.stopWhen?.(session.ritz())) {
        converged = true;
        more = false;
      }
    }
    if (o.releaseOperator) {
      op.release?.();
      // Collected before result() forms the Ritz vectors next to the basis (the peak of a cycle): the operator's work
      // buffers (two float32 points and the float64 product: 16n bytes at least) and its last outputs are garbage now.
      await releaseGarbage(16 * op.n);
    }
    const result = session.result();
    return { result, products, converged: converged || result.invariant };
  } catch (e) {
    throw lanczosError(e, reorthogonalize);
  } finally {
    session.dispose();
  }
}

/** The core's session for a run. Synchronous, so that a widened float32 start (8n bytes) is garbage as soon as the
 *  core has copied it, not kept in the frame of the async run (see productStep). */
function openSession(core: Core, n: number, o: RunLanczosOptions, reorthogonalize: boolean): LanczosSession {
  const start = typeof o.start === 'function' ? o.start() : o.start;
  return core.createLanczos({
    n,
    steps: Math.min(o.steps, n),
    reorthogonalize,
    partial: o.partial ?? true,
    float32Basis: o.float32Basis ?? false,
    seed: o.seed,
    start: start instanceof Float32Array ? Float64Array.from(start) : start,
    deflation: o.deflation,
    ritzVectors: o.ritzVectors ?? 0,
    memoryBudget: o.memoryBudget ?? 0,
  });
}

/** One Lanczos step: the product with the session's current vector (read in place where the core lends it: no
 *  direction buffer, which was 8n bytes for the whole run), handed to the session. */
async function productStep(
  session: LanczosSession, op: LinearOperator, sync: boolean, onVector: RunLanczosOptions['onVector'], j: number,
): Promise<boolean> {
  const q = session.vectorView();
  onVector?.(q, j);
  const hv = await op.apply(q);
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
 * Stored-basis size (bytes of float32 rows) above which the run ahead of SLQ keeps no basis (and the outliers it
 * deflates are summed up by replaying it: src/estimators/replay-ritz-vectors.ts): 512 MiB, the size above which a
 * basis is already kept in float32 (DOUBLE_BASIS_LIMIT); P above 2.2M at the default cap of 60 steps. At ResNet-18
 * size a basis grown to the cap was 2.2 GB and kept the process at 4.2 GB (issue 9 asks for under 2 GB).
 */
export const PRE_SLQ_BASIS_BYTES = 512 * 2 ** 20;

export interface LockedPair {
  value: number;
  /** Residual bound of the run that converged it (on the operator deflated by the pairs locked before it). */
  residual: number;
  vector: Float32Array;
}

export interface LockingRun {
  /** Ritz pairs converged to `tol` and locked, in the order found. */
  locked: LockedPair[];
  /** The last cycle's run (on the operator deflated by the pairs locked before it). */
  last: LanczosResult;
  /** Indices into last.ritzValues of the pairs that cycle locked (in `locked` too: not to be counted twice). */
  lockedFromLast: number[];
  products: number;
  cycles: number;
  converged: boolean;
}

/**
 * Lanczos with locking and explicit restarts in a basis of at most `rows` rows (float32): each cycle runs on the
 * operator deflated by the pairs locked so far (the core's `deflation`), locks the Ritz pairs of the top `need` by
 * magnitude that converged to `tol` (relative to the largest |value| seen), and restarts, with exact shifts, from
 * the largest ones that have not (see the restart below). Memory: `rows` float32 rows plus the locked vectors, whatever
 * the step count (the locked vectors do not take rows away: on ResNet-18, 11 rows next to 1 locked vector instead of
 * 12 locked no second pair in 8 cycles, where 12 rows had locked 4 by then). The
 * locked pairs are eigenpairs of H to their residual (Ritz pairs of the deflated operator are, when what is
 * deflated is an invariant subspace to that accuracy), so they are reported and deflated as the pairs of one long
 * run would be; what the restarts cost is products (a cycle rebuilds the span of what it keeps from one vector:
 * measured 36 products against one run's 24 on a clustered top-5 with 12 rows, 40 with 10).
 */
export async function runLanczosLocking(
  core: Core, op: LinearOperator,
  o: {
    rows: number; maxProducts: number; seed: number; need: number; tol: number; minSteps: number; memoryBudget?: number;
    /** Most pairs to lock (at least need): pairs beyond the top `need` are locked too, up to this, when converged to
     *  `deflateTol` (SLQ's deflation tolerance), so that SLQ deflates as many outliers as after one long run. */
    lockMax: number;
    deflateTol: number;
    /** Garbage from which a collection is forced at a restart (default COLLECT_MIN_BYTES; tests lower it). */
    collectMinBytes?: number;
  },
): Promise<LockingRun> {
  const locked: LockedPair[] = [];
  let products = 0;
  let cycles = 0;
  // Each cycle's start vector is made here (Rademacher, then the restart vectors), in float32 (45 MB instead of 89 at
  // ResNet-18 size): the core starts from exactly this vector (widened), and where the rounding moves the restart
  // vector (6e-8 relative) is far below the products' own noise (~1e-5). It lives only between cycles: the restart
  // reads the start's components on the Ritz vectors from T (the core's sign convention: q_1 . y = sqrt(weight)).
  let start: Float32Array | undefined = rademacherStart32(o.seed, op.n);
  let seed = o.seed;
  let scale = 0;
  for (;;) {
    const want = Math.max(0, o.need - locked.length);
    const lockMax = Math.max(o.need, o.lockMax);
    const steps = Math.max(1, Math.min(o.rows, o.maxProducts - products, op.n - locked.length));
    // Handed over and dropped from this frame, which would otherwise hold it (4n bytes) through the cycle.
    const handed = handOver(start as Float32Array);
    start = undefined;
    const run = await runLanczos(core, op, {
      steps, seed, start: handed, float32Basis: true, memoryBudget: o.memoryBudget, releaseOperator: true,
      deflation: locked.length ? locked.map((p) => p.vector) : undefined,
      ritzVectors: Math.min(steps, Math.max(want + 1, lockMax - locked.length)),
      stopWhen: extremesConverged(Math.max(want, 1), o.tol, Math.min(o.minSteps, steps), false),
    });
    products += run.products;
    cycles++;
    const r = run.result;
    const m = r.ritzValues.length;
    if (m) scale = Math.max(scale, Math.abs(r.ritzValues[0]), Math.abs(r.ritzValues[m - 1]));
    // The restart keeps the `keep` largest unconverged (the wanted ones and two more, at most half the rows: the rest
    // of each cycle explores new directions).
    const keep = Math.max(1, Math.min(want + 2, Math.floor(steps / 2)));
    // The Ritz vectors are only touched inside the two synchronous helpers below, never in this async function's own
    // variables: a suspended async function keeps the values its frame last held, and measured here that kept some
    // of a cycle's vectors alive through the next cycle (test/estimators.memory.test.ts).
    const cycle = lockConverged(r, locked, { want, lockMax, keep, scale, tol: o.tol, deflateTol: o.deflateTol });
    const lockedHere = cycle.lockedHere;
    const dropped = r.ritzVectors.length - lockedHere.length;
    r.ritzVectors = [];
    const enough = locked.length >= o.need;
    const done = run.converged || enough || products >= o.maxProducts || locked.length >= op.n - 1;
    if (done) return { locked, last: r, lockedFromLast: lockedHere, products, cycles, converged: run.converged || enough };
    if (cycle.unconverged.length) {
      start = restartVector(r, cycle.unconverged);
    } else {
      // None kept (all locked): a fresh start vector.
      seed += 1;
      start = rademacherStart32(seed, op.n);
    }
    // This cycle's Ritz vectors that were not locked are garbage from here on, with the old start vector and the
    // operator's released buffers: without a collection they stayed resident through the whole next cycle and were still
    // there when it formed its own Ritz vectors (ResNet-18: 270 MB of the 2.2 GB peak).
    cycle.unconverged.length = 0;
    await releaseGarbage(4 * op.n * dropped + 16 * op.n, o.collectMinBytes);
  }
}

type RitzVector = Float64Array | Float32Array;

/** Locks the converged pairs of a cycle (appended to `locked`) and picks the `keep` largest unconverged ones for the
 *  restart. Returns the indices (into r.ritzValues) locked and the vectors kept. */
function lockConverged(
  r: LanczosResult, locked: LockedPair[],
  o: { want: number; lockMax: number; keep: number; scale: number; tol: number; deflateTol: number },
): { lockedHere: number[]; unconverged: { at: number; v: RitzVector }[] } {
  const unconverged: { at: number; v: RitzVector }[] = [];
  const lockedHere: number[] = [];
  for (let t = 0; t < r.ritzVectors.length; t++) {
    const value = r.ritzVectorValues[t];
    const at = nearestRitz(r.ritzValues, value);
    const residual = r.residuals[at];
    const v = r.ritzVectors[t];
    if (locked.length < o.lockMax && isConverged(residual, o.scale, t < o.want ? o.tol : Math.max(o.tol, o.deflateTol))) {
      locked.push({ value, residual, vector: v instanceof Float32Array ? v : Float32Array.from(v) });
      lockedHere.push(at);
    } else if (unconverged.length < o.keep) {
      unconverged.push({ at, v });
    }
  }
  return { lockedHere, unconverged };
}

/**
 * The next cycle's start vector. Explicit restart with exact shifts (Sorensen 1992; Morgan 1996): u = ψ(H) q1 with ψ
 * vanishing at the Ritz values not kept, which is Q ψ(T) e1 = Σ_kept ψ(θ_i) (q1·y_i) y_i. The Krylov space of u then
 * begins with the span of the kept Ritz vectors (what implicit restarting keeps), instead of the space of one vector
 * that a plain sum of them would give (measured: that needed 3× the products of one long run on a clustered top, and
 * did not converge λ_max on ResNet-18 in 10 cycles of 12 rows).
 */
function restartVector(r: LanczosResult, unconverged: { at: number; v: RitzVector }[]): Float32Array {
  const keptAt = new Set(unconverged.map((u) => u.at));
  const logs = unconverged.map(({ at }) => {
    let log = 0;
    let sign = 1;
    for (let j = 0; j < r.ritzValues.length; j++) {
      if (keptAt.has(j)) continue;
      const d = r.ritzValues[at] - r.ritzValues[j];
      log += Math.log(Math.max(Math.abs(d), Number.MIN_VALUE));
      if (d < 0) sign = -sign;
    }
    // q1 . y_i = s_1i >= 0 (the core signs its Ritz vectors so), whose square is the weight of θ_i.
    return { log, sign, mag: Math.sqrt(r.weights[at]) };
  });
  const top = Math.max(...logs.map((l) => l.log + Math.log(Math.max(l.mag, Number.MIN_VALUE))));
  const next = new Float64Array(unconverged[0].v.length);
  unconverged.forEach(({ v }, t) => {
    // (next accumulates in double from the float32 vectors)
    const l = logs[t];
    const c = l.sign * Math.exp(l.log + Math.log(Math.max(l.mag, Number.MIN_VALUE)) - top);
    if (c !== 0 && Number.isFinite(c)) for (let i = 0; i < next.length; i++) next[i] += c * v[i];
  });
  return Float32Array.from(next);
}

/** A function that returns `v` once and then holds nothing: a start vector for runLanczos that no frame keeps. */
function handOver<T>(v: T): () => T {
  let held: T | undefined = v;
  return () => {
    const out = held as T;
    held = undefined;
    return out;
  };
}

/** rademacherStart in float32 (exact: ±1), made in a synchronous helper so that no async frame keeps the double. */
function rademacherStart32(seed: number, n: number): Float32Array {
  return Float32Array.from(rademacherStart(seed, n));
}

/** A Rademacher vector from `seed` (JavaScript's stream: the core's own is not exposed). */
function rademacherStart(seed: number, n: number): Float64Array {
  let a = (seed * 2654435761 + 0x9e3779b9) >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 32) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const bits = (t ^ (t >>> 14)) >>> 0;
    for (let b = 0; b < 32 && i + b < n; b++) out[i + b] = (bits >>> b) & 1 ? 1 : -1;
  }
  return out;
}

function nearestRitz(sorted: Float64Array, value: number): number {
  let best = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - value) < Math.abs(sorted[best] - value)) best = i;
  return best;
}
