// What the estimators need of a matrix: its dimension and products with it. The Hessian-vector product
// (src/oracle/hvp.ts) is one; RestrictedOperator wraps one.

/** A symmetric operator as the estimators see it. */
export interface LinearOperator {
  readonly n: number;
  /** The product; callers consume it before the next apply() (implementations may reuse the array). */
  apply(v: Float64Array): Promise<Float64Array>;
  /** Frees work memory the operator can allocate again (optional; the HVP's buffers). */
  release?(): void;
  /** Products by finite differences (the HVP): their error (~1e-5 relative) dwarfs float32 rounding, so runs without
   *  a stored basis may keep q_{j-1} in float32 (estimate(), NO_BASIS_PREVIOUS_F32). Absent: an exact operator. */
  readonly finiteDifference?: boolean;
}
