// What the estimators need of a matrix: its dimension and products with it. The Hessian-vector product
// (src/oracle/hvp.ts) is one; RestrictedOperator wraps one.
import type { FdPoints, FdPointsTarget } from '../core/types.js';

/** A symmetric operator as the estimators see it. */
export interface LinearOperator {
  readonly n: number;
  /** The product; callers consume it before the next apply() (implementations may reuse the array). v is float32
   *  only from runs with float32 vectors, which only finite-difference operators get. */
  apply(v: Float64Array | Float32Array): Promise<Float64Array>;
  /** Frees work memory the operator can allocate again (optional; the HVP's buffers). */
  release?(): void;
  /** Products by finite differences (the HVP): their error (~1e-5 relative) dwarfs float32 rounding, so runs without
   *  a stored basis may keep q_{j-1} and q_j in float32 (estimate(), NO_BASIS_F32_VECTORS). Absent: an exact operator. */
  readonly finiteDifference?: boolean;
  /** Where a Lanczos session should write the finite-difference points of its vectors, or null (optional; the
   *  HVP's sessionPointsTarget). With a target, runLanczos multiplies by applyAtPoints instead of apply. */
  sessionPointsTarget?(): FdPointsTarget | null;
  /** The product with the vector whose points the session wrote into `target` (LanczosSession.fdPoints()). */
  applyAtPoints?(target: FdPointsTarget, points: FdPoints): Promise<Float64Array>;
}
