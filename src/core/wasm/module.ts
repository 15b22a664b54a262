// The exports of wasm/bindings.cpp and the emscripten runtime pieces we use. Pointers are i32: read them >>> 0.
export interface SaneWasmModule {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _sane_error_pending(): number;
  _sane_error_message(): number;
  _sane_error_code(): number;
  _sane_out_ptr(): number;
  _sane_out_len(): number;
  _sane_out_release(): void;
  _sane_version(): number;
  _sane_pooled_bytes(): number;
  /** flags: bit 0 reorthogonalize, bit 1 partial, bit 2 float32Basis, bit 3 float32Vectors. */
  _sane_lanczos_create(
    n: number, steps: number, flags: number, seed: number, ritzVectors: number, budget: number, start: number,
    deflation: number, deflationCount: number,
  ): number;
  _sane_lanczos_destroy(s: number): void;
  _sane_lanczos_done(s: number): number;
  _sane_lanczos_vector(s: number): number;
  /** q_j with float32 vectors, else 0. */
  _sane_lanczos_vector32(s: number): number;
  _sane_lanczos_product(s: number): number;
  _sane_lanczos_step(s: number): number;
  /** 1, or -1 with the error pending. forward: 1 for the forward scheme (no minus point). */
  _sane_lanczos_attach_fd(s: number, theta: number, thetaScale: number, forward: number, relStep: number): number;
  _sane_lanczos_fd_plus(s: number): number;
  /** 0 for the forward scheme. */
  _sane_lanczos_fd_minus(s: number): number;
  _sane_lanczos_fd_eps(s: number): number;
  /** NaN with the error pending when a point is not finite. */
  _sane_lanczos_fd_denominator(s: number): number;
  _sane_lanczos_result(s: number, withVectors: number): number;
  _sane_result_steps(s: number): number;
  _sane_result_invariant(s: number): number;
  _sane_result_reorthogonalizations(s: number): number;
  _sane_result_ptr(s: number, field: number): number;
  _sane_result_len(s: number, field: number): number;
  _sane_result_release(s: number): void;
  _sane_result_ptr32(s: number, t: number): number;
  _sane_result_count32(s: number): number;
  _sane_tridiagonal_eigen(alpha: number, beta: number, m: number): number;
  _sane_symmetric_eigenvalues(a: number, n: number): number;
  _sane_effective_parameters(eig: number, n: number, z: number, policy: number): number;
  _sane_sharpness_adjusted(eig: number, n: number, c: number, policy: number, k: number): number;
  _sane_kth_largest_magnitude(eig: number, n: number, k: number): number;
  _sane_top_eigenvalues(eig: number, n: number, k: number, byMagnitude: number): number;
  _sane_slq_estimate(
    probes: number, counts: number, nodes: number, weights: number, n: number, f: number, alpha: number, policy: number,
  ): number;
  _sane_spectral_density(
    probes: number, counts: number, nodes: number, weights: number, grid: number, points: number, sigma: number,
  ): number;
  /** vF32: the direction v is float32 (else float64); likewise in _sane_fd_perturb and _sane_fd_points. */
  _sane_fd_step(theta: number, v: number, vF32: number, n: number, forward: number, relStep: number): number;
  _sane_fd_perturb(theta: number, v: number, vF32: number, n: number, eps: number, plus: number, minus: number): number;
  _sane_fd_combine(gPlus: number, gMinus: number, n: number, denominator: number, out: number): number;
  _sane_accumulate(acc: number, g: number, n: number, weight: number): number;
  _sane_fd_theta_scale(theta: number, n: number): number;
  _sane_fd_points(
    theta: number, v: number, vF32: number, n: number, thetaScale: number, forward: number, relStep: number,
    plus: number, minus: number, plus2: number, minus2: number,
  ): number;
  _sane_fd_combine_checked(gPlus: number, plusF32: number, gMinus: number, minusF32: number, n: number, denominator: number, out: number): number;
  _sane_fd_richardson(
    g1Plus: number, g1Minus: number, g2Plus: number, g2Minus: number, isF32: number, n: number, den1: number, den2: number, out: number,
  ): number;
  _sane_fd_richardson_onto(g2Plus: number, g2Minus: number, isF32: number, n: number, den1: number, den2: number, inout: number): number;
  _sane_lanczos_bytes(n: number, steps: number, reorth: number, float32Basis: number): number;
  _sane_default_memory_budget(): number;
}
