// The exact estimator: the Hessian assembled column by column from P products with the unit vectors, then the full
// spectrum from LAPACK (dsyev on the symmetric part, which also averages out the finite-difference asymmetry).
import type { Core } from '../core/types.js';
import type { LinearOperator } from './linear-operator.js';
import { SaneError, opt } from '../errors.js';
import { fromCoreError } from '../core/errors.js';

export const DEFAULT_EXACT_LIMIT = 4096;
const SYNC_EIGENSOLVE_MAX_N = 512;

export interface DenseHessian {
  n: number;
  /** Row-major n x n; row i holds H e_i (= column i of a symmetric H). */
  matrix: Float64Array;
}

export function checkExactLimit(n: number, limit: number): void {
  if (n > limit) {
    throw new SaneError(
      'TOO_LARGE',
      `the exact estimator needs ${n} Hessian-vector products and a ${n}x${n} matrix, above the limit of ${limit} parameters`,
      { hint: `use ${opt('estimator', 'slq')} (or lanczos for the top eigenvalues), narrow the parameters with ${opt('params', 'REGEX')}, or raise ${opt('exactLimit')}` },
    );
  }
}

/** Assembles H from n products with the unit vectors. */
export async function assembleHessian(op: LinearOperator, limit = DEFAULT_EXACT_LIMIT): Promise<DenseHessian> {
  const n = op.n;
  checkExactLimit(n, limit);
  const matrix = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    e[i] = 1;
    matrix.set(await op.apply(e), i * n);
    e[i] = 0;
  }
  return { n, matrix };
}

/** Eigenvalues, ascending, of the symmetric part of H. */
export async function denseEigenvalues(core: Core, h: DenseHessian): Promise<Float64Array> {
  try {
    // dsyev overwrites its input in some builds: hand it a copy so the matrix stays usable (per-layer blocks).
    // Small solves (≤ 25 ms at n = 512) run in place of a hop to a pool thread and back, which is a measurable part
    // of a small batch job; large ones keep the event loop free.
    if (h.n <= SYNC_EIGENSOLVE_MAX_N) return core.symmetricEigenvalues(h.matrix.slice(), h.n);
    return await core.symmetricEigenvaluesAsync(h.matrix.slice(), h.n);
  } catch (e) {
    throw fromCoreError(e);
  }
}

/** The principal sub-block of H on the given coordinates (for per-layer scores without more products). */
export function subBlock(h: DenseHessian, coords: number[]): DenseHessian {
  const m = coords.length;
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const row = coords[a] * h.n;
    for (let b = 0; b < m; b++) out[a * m + b] = h.matrix[row + coords[b]];
  }
  return { n: m, matrix: out };
}

export async function exactSpectrum(core: Core, op: LinearOperator, limit = DEFAULT_EXACT_LIMIT): Promise<{ eigenvalues: Float64Array; hessian: DenseHessian }> {
  const hessian = await assembleHessian(op, limit);
  return { eigenvalues: await denseEigenvalues(core, hessian), hessian };
}
