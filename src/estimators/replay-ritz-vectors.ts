// The converged outliers of a Lanczos run that kept no basis, as vectors SLQ can deflate: the run is replayed from
// the same start with the same products, and each wanted Ritz vector y = Q_m s (s from T_m) is summed up as the
// Lanczos vectors go by, in float32, then checked by one product of its own.
//
// Why a replay and not a basis: past 2.2M parameters (src/estimators/auto.ts) the run ahead of SLQ stores no basis,
// since its rows would pass 512 MiB; the replay needs only the k float32 sums (4·k·P bytes) and as many products as
// the run took again, about what a restarted run with locking spent over its extra cycles, in a fraction of its
// memory. Without reorthogonalisation Q_m is not orthonormal, but Q_m s is still close to an eigenvector for a
// converged Ritz value (Paige 1976: the loss of orthogonality is along the converged Ritz vectors, which stay
// accurate to their residual bounds); ghost copies of one eigenvalue give nearly parallel vectors of norm below 1,
// which the normalisation and the check below handle. The replay reproduces the run only if the products are
// deterministic (onnxruntime on the CPU is, for the same inputs and threads): the replay's α and β are compared with
// the run's, and a vector is deflated only if its own residual ‖Hy − ρy‖, from a fresh product, passes the tolerance.
import type { Core, LanczosResult } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { runLanczos } from './lanczos.js';
import { tridiagonalEigenvector } from './tridiagonal-eigenvector.js';

export interface ReplayedPairs {
  /** Rayleigh quotients y·Hy of the vectors kept. */
  values: number[];
  /** Orthonormal float32 vectors, largest |value| first. */
  vectors: Float32Array[];
  /** ‖Hy − ρy‖ of each vector kept. */
  residuals: number[];
  /** Products spent: the replay's and the checks'. */
  products: number;
  /** Why nothing or fewer than asked were kept (a warning for the user), or null. */
  shortfall: string | null;
}

export interface ReplayOptions {
  /** The run to replay: its seed (Rademacher start) and its result (alpha, beta, steps). */
  seed: number;
  run: LanczosResult;
  /** Ritz values of the run to turn into vectors (each a Ritz value of T_m), largest |value| first. */
  values: number[];
  /** The run's `float32Vectors` (a replay must round the vectors as the run did to reproduce it). */
  float32Vectors?: boolean;
  /** Spectral scale (max |θ|) and the relative residual a vector must reach to be kept. */
  scale: number;
  tol: number;
  memoryBudget?: number;
}

/** Relative agreement of the replay's α and β with the run's below which the replay counts as the same run:
 *  deterministic products give equality; a drift past this means the vectors would belong to another Krylov
 *  sequence (the per-vector check would then drop them anyway, at the cost of a product each). */
const REPLAY_AGREEMENT = 1e-8;

export async function replayRitzVectors(core: Core, op: LinearOperator, o: ReplayOptions): Promise<ReplayedPairs> {
  const n = op.n;
  const m = o.run.steps;
  const none = (products: number, why: string): ReplayedPairs => ({ values: [], vectors: [], residuals: [], products, shortfall: why });
  if (o.values.length === 0 || m < 2) return none(0, 'no converged outlier to deflate');
  const alpha = o.run.alpha.subarray(0, m);
  const beta = o.run.beta.subarray(0, m - 1);
  const coeffs = o.values.map((v) => tridiagonalEigenvector(alpha, beta, v));
  const sums = o.values.map(() => new Float32Array(n));
  // The same session as the run's (runLanczos, no basis, the same seed and cap), stopped at the same step: its last
  // product is spent only on α_m, which is compared below.
  const again = await runLanczos(core, op, {
    steps: m, seed: o.seed, reorthogonalize: false, float32Vectors: o.float32Vectors, memoryBudget: o.memoryBudget,
    onVector: (q, j) => {
      for (let k = 0; k < sums.length; k++) addScaled(sums[k], coeffs[k][j], q);
    },
  });
  const products = again.products;
  let drift = 0;
  const a2 = again.result.alpha;
  const b2 = again.result.beta;
  if (a2.length !== alpha.length) drift = Infinity;
  for (let j = 0; j < Math.min(a2.length, alpha.length); j++) drift = Math.max(drift, Math.abs(a2[j] - alpha[j]));
  for (let j = 0; j < Math.min(b2.length, beta.length); j++) drift = Math.max(drift, Math.abs(b2[j] - beta[j]));
  if (!(drift <= REPLAY_AGREEMENT * o.scale)) {
    return none(products, `the replay of the Lanczos run did not reproduce it (α, β apart by ${(drift / o.scale).toExponential(1)} of the scale: the products are not deterministic)`);
  }
  // Orthonormal in order (largest |value| first), then each checked by its own product.
  const kept: ReplayedPairs = { values: [], vectors: [], residuals: [], products, shortfall: null };
  // A finite-difference operator takes the float32 sum itself (the same numbers as its float64 copy: widening is
  // exact), so the check needs no 8n-byte direction; an exact operator gets the float64 copy its contract promises.
  const direction = op.finiteDifference ? null : new Float64Array(n);
  let dropped = 0;
  for (const y of sums) {
    for (const u of kept.vectors) addScaled(y, -dot(y, u), u);
    const norm = Math.sqrt(dot(y, y));
    // A sum that cancelled to nothing (a ghost copy's vector, parallel to one already kept) carries no direction.
    if (!(norm > 1e-3)) {
      dropped++;
      continue;
    }
    for (let i = 0; i < n; i++) y[i] /= norm;
    if (direction) for (let i = 0; i < n; i++) direction[i] = y[i];
    const h = await op.apply(direction ?? y);
    kept.products++;
    let rho = 0;
    for (let i = 0; i < n; i++) rho += y[i] * h[i];
    let rr = 0;
    for (let i = 0; i < n; i++) {
      const r = h[i] - rho * y[i];
      rr += r * r;
    }
    const residual = Math.sqrt(rr);
    if (!(residual <= o.tol * o.scale)) {
      dropped++;
      continue;
    }
    kept.values.push(rho);
    kept.vectors.push(y);
    kept.residuals.push(residual);
  }
  if (dropped > 0) {
    kept.shortfall = `${dropped} of ${sums.length} replayed Ritz vectors did not reach a relative residual of ${o.tol} (checked by a product each) and were not deflated`;
  }
  return kept;
}

/** y += c·x over float32 y (the sums) and a float32 or float64 x. */
function addScaled(y: Float32Array, c: number, x: Float64Array | Float32Array): void {
  if (c === 0) return;
  for (let i = 0; i < y.length; i++) y[i] += c * x[i];
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
