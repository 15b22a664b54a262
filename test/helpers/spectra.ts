// Test operators with spectra chosen by the test: diagonal matrices and Q diag(d) Q^T with Q a product of random
// Householder reflections, applied implicitly in O(k n) so sizes of a few thousand stay cheap. The eigenvalues are
// known by construction, which makes them independent references for the core.
import type { Core, LanczosOptions, LanczosResult } from '../../src/core/types.js';
import { mulberry32 } from '../../src/util/random.js';

/** Deterministic uniform [0, 1) stream; the tests' own data, unrelated to the core's PRNG. */
export const uniformStream = mulberry32;

export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SymmetricOperator {
  n: number;
  /** out = A x (x may be a Ritz vector of a float32 basis: LanczosResult['ritzVectors']) */
  apply(x: LanczosResult['ritzVectors'][number], out: Float64Array): void;
  /** Eigenvalues, ascending. */
  eigenvalues: Float64Array;
}

function sortedCopy(d: ArrayLike<number>): Float64Array {
  return Float64Array.from(d).sort();
}

export function diagonalOperator(d: ArrayLike<number>): SymmetricOperator {
  const diag = Float64Array.from(d);
  return {
    n: diag.length,
    eigenvalues: sortedCopy(diag),
    apply(x, out) {
      for (let i = 0; i < diag.length; i++) out[i] = diag[i] * x[i];
    },
  };
}

/** A = Q diag(d) Q^T, Q = H_1 ... H_k with H_i = I - 2 u_i u_i^T for random unit u_i. */
export function similarityOperator(d: ArrayLike<number>, reflections: number, seed: number): SymmetricOperator {
  const n = d.length;
  const diag = Float64Array.from(d);
  const rnd = normalStream(seed);
  const us: Float64Array[] = [];
  for (let r = 0; r < reflections; r++) {
    const u = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      u[i] = rnd();
      s += u[i] * u[i];
    }
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) u[i] *= inv;
    us.push(u);
  }
  const reflect = (u: Float64Array, x: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * x[i];
    s *= 2;
    for (let i = 0; i < n; i++) x[i] -= s * u[i];
  };
  return {
    n,
    eigenvalues: sortedCopy(diag),
    apply(x, out) {
      out.set(x);
      for (let r = 0; r < us.length; r++) reflect(us[r], out); // Q^T x = H_k ... H_1 x (H_i symmetric)
      for (let i = 0; i < n; i++) out[i] *= diag[i];
      for (let r = us.length - 1; r >= 0; r--) reflect(us[r], out); // Q y = H_1 ... H_k y
    },
  };
}

/** Row-major dense matrix of an operator (n products with unit vectors). */
export function denseMatrix(op: SymmetricOperator): Float64Array {
  const n = op.n;
  const a = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    op.apply(e, col);
    for (let i = 0; i < n; i++) a[i * n + j] = col[i];
  }
  return a;
}

export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return out;
}

export function runLanczos(core: Core, op: SymmetricOperator, options: Omit<LanczosOptions, 'n'>): LanczosResult {
  const session = core.createLanczos({ n: op.n, ...options });
  try {
    const product = new Float64Array(op.n);
    let more = true;
    while (more) {
      op.apply(session.vector(), product);
      more = session.step(product);
    }
    return session.result();
  } finally {
    session.dispose();
  }
}

export async function runLanczosAsync(
  core: Core,
  op: SymmetricOperator,
  options: Omit<LanczosOptions, 'n'>,
): Promise<LanczosResult> {
  const session = core.createLanczos({ n: op.n, ...options });
  try {
    const product = new Float64Array(op.n);
    let more = true;
    while (more) {
      op.apply(session.vector(), product);
      more = await session.stepAsync(product);
    }
    return session.result();
  } finally {
    session.dispose();
  }
}

/** Distance from x to the nearest value of an ascending array. */
export function distanceToNearest(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid;
  }
  return Math.min(Math.abs(sorted[lo] - x), Math.abs(sorted[hi] - x));
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
