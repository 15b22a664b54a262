// The one interface over the two builds of the C++ core (native N-API addon, WebAssembly). Everything above
// src/core talks to a `Core`, never to a build directly.

export type CoreKind = 'native' | 'wasm';
export type NegativePolicy = 'abs' | 'clip';
export type FdScheme = 'central' | 'forward';

/** A gradient as the HVP driver holds it: float32 from one batch, float64 summed over batches. */
export type GradientVector = Float32Array | Float64Array;
/** A direction of the finite-difference calls: float64, or float32 from a Lanczos run with float32 vectors (widened
 *  exactly: the same numbers as its float64 copy). */
export type DirectionVector = Float32Array | Float64Array;

export interface FdPoints {
  eps: number;
  denominator: number;
  /** The long step's denominator (plus2/minus2 given), else 0. */
  denominator2: number;
}

/** Where and how a Lanczos session writes the points of its vectors (LanczosSession.attachFdPoints). */
export interface FdPointsTarget {
  theta: Float32Array;
  /** fdThetaScale(theta). */
  thetaScale: number;
  scheme: FdScheme;
  /** Relative step (default: the core's rule, u^(1/3) central, u^(1/2) forward). */
  relStep?: number;
  plus: Float32Array;
  /** Central only. */
  minus?: Float32Array;
}

export interface FdRichardsonResult {
  /** First index where D1, D2 or R is not finite, or -1. */
  firstNonFinite: number;
  /** ‖R − D1‖/‖R‖ (0 when R = 0). */
  fdError: number;
  /** ‖R − D1‖² and ‖R‖². */
  correctionSquares: number;
  productSquares: number;
}

export interface LanczosOptions {
  /** Operator dimension P. */
  n: number;
  /** Maximum number of steps m (clamped to n): a cap, the caller may stop earlier and read result(). */
  steps: number;
  /** Keep the basis and reorthogonalise against it (default true); false keeps three vectors, for quadrature on
   *  huge models. */
  reorthogonalize?: boolean;
  /** With reorthogonalize: sweep the basis only where Simon's orthogonality estimate needs it (partial
   *  reorthogonalisation) instead of at every step (default false). */
  partial?: boolean;
  /** With reorthogonalize: store the basis in float32, half the memory (default false); the recurrence stays in
   *  double. */
  float32Basis?: boolean;
  /** Without reorthogonalize: keep q_{j-1} and q_j in float32, 8 bytes a parameter less (default false): vectorView()
   *  is then a Float32Array. Their rounding (6e-8 relative) enters the three-term recurrence once a step; the product
   *  and T stay in double. For operators whose products are noisier than that (finite-difference HVPs); ignored with
   *  a stored basis. */
  float32Vectors?: boolean;
  /** Seed of the Rademacher start vector, used when `start` is absent. */
  seed?: number;
  /** Start vector of length n (normalised by the solver). */
  start?: Float64Array;
  /** Number of Ritz vectors to return, largest |value| first (needs reorthogonalize). */
  ritzVectors?: number;
  /** Memory budget in bytes for the basis; 0 or absent = default (share of free memory / WASM heap). */
  memoryBudget?: number;
  /** Orthonormal vectors (length n, float32) to deflate: the run is Lanczos on P H P, P = I − Y Yᵀ (the start vector
   *  and every product are projected in the core). The caller must not modify them during the run; the native
   *  build reads them in place, the WASM build copies them into its heap for the session. */
  deflation?: Float32Array[];
}

export interface LanczosResult {
  steps: number;
  invariant: boolean;
  /** Steps that swept the stored basis (every step with full reorthogonalisation). */
  reorthogonalizations: number;
  alpha: Float64Array;
  beta: Float64Array;
  /** Ascending. */
  ritzValues: Float64Array;
  /** Squared first components of the eigenvectors of T: quadrature weights (sum 1). */
  weights: Float64Array;
  /** Residual bound |beta_m s_{m,i}| of each Ritz value. */
  residuals: Float64Array;
  /** Ritz vectors, largest |value| first: Float64Array, or Float32Array when the run kept a float32 basis (they are
   *  accurate to its rounding, and half the memory at large P). */
  ritzVectors: (Float64Array | Float32Array)[];
  ritzVectorValues: Float64Array;
}

/** A reverse-communication Lanczos run: read vector(), compute H·vector(), pass it to step(). */
export interface LanczosSession {
  readonly n: number;
  /** A copy of q_j, the next vector to multiply: a new array, or `out` (length n) filled and returned. */
  vector(out?: Float64Array): Float64Array;
  /** q_j without a copy where the core can lend it (native, unless the run keeps a double basis), else a copy into
   *  an array the session keeps (the same array at every call): valid until the next step, and only to be read. A run that only multiplies q_j
   *  needs no direction buffer of its own (8n bytes: 188 MB at P = 23.5M). A Float32Array with float32Vectors. */
  vectorView(): Float64Array | Float32Array;
  /** Feed H q_j; returns true when another product is needed. The step may work in `product` (the native core does,
   *  instead of copying it): its content is unspecified afterwards. */
  step(product: Float64Array): boolean;
  /** Same as step, off the event loop where the build can (native: worker thread, working in `product`, which the
   *  caller must not touch until the promise settles). */
  stepAsync(product: Float64Array): Promise<boolean>;
  /**
   * Has the session write the finite-difference points θ ± ε·q_j of every vector into `plus` (and `minus`, central)
   * as it forms q_j, q_j's own at once (native/core/fd_points_sink.hpp): a run on an HVP then needs neither the
   * core's fdPoints pass, which read q_j back from memory, nor a copy of q_j. ε is fdStep's rule for a unit vector
   * (the vectors are normalised to rounding): relStep·thetaScale. The arrays are the caller's: they must stay alive,
   * apart and untouched while a step runs. Call again to replace them.
   */
  attachFdPoints(o: FdPointsTarget): void;
  /** The step and denominator of q_j's points (as fdPoints returns them, denominator2 0); once it returns, `plus`
   *  and `minus` hold them (the WASM build copies them out of its heap here). Throws NUMERICAL naming the first
   *  non-finite point. */
  fdPoints(): FdPoints;
  /** Ritz values, weights and residual bounds of the steps taken so far (no Ritz vectors): cheap, for deciding
   *  when to stop. */
  ritz(): LanczosResult;
  /** The result of the steps taken so far, with the requested Ritz vectors. */
  result(): LanczosResult;
  /** Frees the basis; the session cannot be used afterwards. */
  dispose(): void;
}

export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

export interface Estimate {
  value: number;
  stdErr: number;
}

export type SpectralFunction = 'neff' | 'trace' | 'count';

export interface Core {
  readonly kind: CoreKind;
  /** Version string of the core sources and the LAPACK it links. */
  version(): string;
  /** Bytes of Lanczos work buffers the core keeps between sessions for the next session of the same size
   *  (native/core/vector_pool.hpp: buffers of at most 8 MiB, 128 MiB in all, freed when a session of another size
   *  starts; none in WASM, whose heap reuses freed memory anyway). */
  pooledBytes(): number;

  createLanczos(options: LanczosOptions): LanczosSession;

  /** Eigen-decomposition of a symmetric tridiagonal matrix (LAPACK dstev). */
  tridiagonalEigen(alpha: Float64Array, beta: Float64Array): {
    values: Float64Array;
    firstComponents: Float64Array;
    lastComponents: Float64Array;
  };
  /** Eigenvalues, ascending, of the symmetric part of an n x n row-major matrix (LAPACK dsyev). */
  symmetricEigenvalues(a: Float64Array, n: number): Float64Array;
  symmetricEigenvaluesAsync(a: Float64Array, n: number): Promise<Float64Array>;

  // Metrics from a full spectrum (SANE.md).
  effectiveParameters(eig: Float64Array, z: number, policy: NegativePolicy): number;
  sharpnessAdjusted(eig: Float64Array, c: number, policy: NegativePolicy, k: number): number;
  kthLargestMagnitude(eig: Float64Array, k: number): number;
  /** The k eigenvalues (signed) first by |value| descending ('magnitude') or by value descending ('algebraic'). */
  topEigenvalues(eig: Float64Array, k: number, order: 'magnitude' | 'algebraic'): Float64Array;

  // Stochastic Lanczos quadrature: tr f(H) over probes; alpha is z (N_eff) or c*scale (SANE) for 'neff'.
  slqEstimate(probes: QuadratureRule[], n: number, f: SpectralFunction, alpha: number, policy: NegativePolicy): Estimate;
  spectralDensity(probes: QuadratureRule[], grid: Float64Array, sigma: number): Float64Array;

  // Finite-difference HVP arithmetic.
  fdStep(theta: Float32Array, v: DirectionVector, scheme: FdScheme, relStep?: number): number;
  /** Fills plus (and minus if given) with theta ± eps v in float32; returns the denominator for fdCombine. minus may
   *  be plus itself: the array then ends holding the minus point (each entry's plus value is written, then its
   *  mirror), with the pair's denominator: Richardson's lean product (src/oracle/hvp.ts) evaluates its long pair one
   *  point at a time. */
  fdPerturb(theta: Float32Array, v: DirectionVector, eps: number, plus: Float32Array, minus?: Float32Array): number;
  fdCombine(gPlus: Float64Array, gMinus: Float64Array, denominator: number, out: Float64Array): void;
  /** acc += weight * g */
  accumulate(acc: Float64Array, g: Float32Array, weight: number): void;

  // The fused calls of the HVP driver (src/oracle/hvp.ts): per product one pass before onnxruntime and one after.
  /** max(1, ‖θ‖∞), the unit of fdStep's rule: θ does not change between products, so it is computed once. Throws
   *  (SANE_CORE_NUMERICAL) naming the first NaN/Inf entry of θ. */
  fdThetaScale(theta: Float32Array): number;
  /** fdStep + fdPerturb in one call (the same eps, points and denominator); with plus2/minus2 (central only) also
   *  the pair at 2·eps, Richardson's long step, and its denominator (else denominator2 = 0). thetaScale must be
   *  fdThetaScale(theta). */
  fdPoints(
    theta: Float32Array,
    v: DirectionVector,
    thetaScale: number,
    scheme: FdScheme,
    relStep: number | undefined,
    plus: Float32Array,
    minus?: Float32Array,
    plus2?: Float32Array,
    minus2?: Float32Array,
  ): FdPoints;
  /** fdCombine from float32 (one batch, onnxruntime's own output) or float64 (batch sums) gradients, widened exactly,
   *  with the product's finiteness check in the same pass: the index of the first non-finite entry of out, or -1. */
  fdCombineChecked(gPlus: GradientVector, gMinus: GradientVector, denominator: number, out: Float64Array): number;
  /** Richardson's extrapolation of the central differences at den1 (short) and den2 (long) into out, in one pass,
   *  with its error estimate ‖R − D1‖/‖R‖ (and the two squared norms, for callers that go tensor by tensor) and the
   *  first index where D1, D2 or R is not finite (or -1). The four gradients are all float32 or all float64, and are
   *  left as they were. */
  fdRichardson(
    g1Plus: GradientVector,
    g1Minus: GradientVector,
    g2Plus: GradientVector,
    g2Minus: GradientVector,
    den1: number,
    den2: number,
    out: Float64Array,
  ): FdRichardsonResult;
  /** fdRichardson with D1 already in inout (the short pair's fdCombineChecked result), which becomes R: the same
   *  result to the bit, for a caller that evaluates the pairs in turn (src/oracle/hvp.ts, lean Richardson). The two
   *  gradients are both float32 or both float64; firstNonFinite flags D2 and R (a non-finite D1 makes R so). */
  fdRichardsonOnto(g2Plus: GradientVector, g2Minus: GradientVector, den1: number, den2: number, inout: Float64Array): FdRichardsonResult;

  /** Bytes a Lanczos run needs at most, and the default budget it is checked against. */
  lanczosBytes(n: number, steps: number, reorthogonalize: boolean, float32Basis?: boolean): number;
  defaultMemoryBudget(): number;
}

export interface LoadedCore {
  core: Core;
  /** Why this build was chosen (e.g. "native addon loaded from build/Release/sane_core.node",
   *  or "native addon failed to load: <reason>; using WASM"). */
  reason: string;
}
