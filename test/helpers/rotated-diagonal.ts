// diag(spec) rotated by Givens pairs (i, i + n/2) at the given angles: a known spectrum at large n with O(n)
// products, which Rademacher probes see as a dense matrix (on a diagonal one they would give the exact trace).
import type { LinearOperator } from '../../src/estimators/linear-operator.js';

export function rotatedDiagonal(spec: ArrayLike<number>, angles: ArrayLike<number>): LinearOperator {
  const n = spec.length;
  const half = n / 2;
  const cos = Float64Array.from(angles, Math.cos);
  const sin = Float64Array.from(angles, Math.sin);
  return {
    n,
    async apply(v: Float64Array): Promise<Float64Array> {
      const out = new Float64Array(n);
      for (let i = 0; i < half; i++) {
        // R D Rᵀ v on the pair: Rᵀ, then the eigenvalues, then R.
        const a = cos[i] * v[i] + sin[i] * v[i + half];
        const b = -sin[i] * v[i] + cos[i] * v[i + half];
        const da = spec[i] * a;
        const db = spec[i + half] * b;
        out[i] = cos[i] * da - sin[i] * db;
        out[i + half] = sin[i] * da + cos[i] * db;
      }
      return out;
    },
  };
}
