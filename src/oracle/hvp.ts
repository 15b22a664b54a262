// The Hessian-vector product by finite differences of the gradient: the core picks ε and writes θ ± εv in float32
// (fdStep, fdPerturb), onnxruntime gives the two gradients (GradientOracle), the core divides by the realised
// displacement (fdCombine). The forward scheme reuses ∇L(θ), computed once. It is a LinearOperator
// (src/estimators/linear-operator.ts) by its shape; per-layer blocks wrap it in a RestrictedOperator.
//
// Richardson extrapolation (scheme 'richardson'): the central difference at realised half-steps s1 and s2 ≈ 2·s1 has
// error c·s² + O(s⁴), so R = (s2²·D1 − s1²·D2) / (s2² − s1²) cancels the s² term exactly for the steps actually
// taken. Four gradients per product instead of two. The short step is 1.5·u^{1/3} ≈ 7.4e-3 of the parameters' size:
// measured on the three fixtures (exact and lanczos against PyTorch's float64 Hessian), λ_max is within 2.3e-5 at
// 7e-3, within 6e-5 anywhere in 4e-3…1e-2, and worse at the textbook u^{1/5}/2 ≈ 2e-2 (up to 1.1e-3), because the
// step unit max(1, ‖θ‖∞) overstates the scale over which the curvature of tanh/softmax nets changes. Central
// differences at their default step are 1.7e-3 off on mlp_tanh (lanczos). ‖R − D1‖/‖R‖ is the error the plain
// central difference at s1 would have had; it is reported (fdError) as an upper estimate of the extrapolated
// product's error.
import type { Core, FdScheme } from '../core/types.js';
import { firstNonFinite, type GradientOracle } from './gradient-oracle.js';

/** How a product is formed: the core's two difference schemes, or central differences extrapolated. */
export type HvpScheme = FdScheme | 'richardson';

/** The short step of the Richardson pair, relative to the parameters' size: 1.5·u^{1/3} (u = 2^-23; see above). */
export const RICHARDSON_REL_STEP = 1.5 * Math.cbrt(2 ** -23);

/**
 * Above this many bytes of long-step buffers (two float32 points and two float64 gradients: 24·P bytes, P > 44.7M),
 * Richardson evaluates its two pairs one after the other in the short pair's buffers instead of all four gradients
 * in one oracle pass. Same arithmetic, same result; at GPT-2 small's P = 124M it saves 2.8 GiB of the ~16 GiB a run
 * needs. Below it the one-pass form stays: one gate lookup per batch and product instead of two.
 */
export const LEAN_RICHARDSON_BYTES = 2 ** 30;

export interface HvpStats {
  products: number;
  /** Wall seconds spent in products. */
  seconds: number;
}

export class HvpOperator {
  readonly n: number;
  readonly stats: HvpStats = { products: 0, seconds: 0 };
  /** Called after every product. */
  onProduct?: () => void;
  private readonly plus: Float32Array;
  private readonly minus: Float32Array;
  private readonly gPlus: Float64Array;
  private readonly gMinus: Float64Array;
  private readonly prod: Float64Array;
  private gradAtTheta: Float64Array | null = null;
  lossAtTheta: number | null = null;
  /** Richardson only: the long-step pair and its central difference. */
  private readonly far: { plus: Float32Array; minus: Float32Array; gPlus: Float64Array; gMinus: Float64Array } | null;
  /** Richardson only: per product, ‖R − D1‖/‖R‖ (the plain central difference's relative error estimate). */
  readonly fdErrors: number[] = [];

  get scheme(): HvpScheme {
    return this.options.scheme;
  }

  constructor(
    private readonly core: Core,
    private readonly oracle: GradientOracle,
    private readonly theta: Float32Array,
    private readonly options: { scheme: HvpScheme; relStep?: number; lean?: boolean } = { scheme: 'central' },
  ) {
    const P = theta.length;
    this.n = P;
    this.plus = new Float32Array(P);
    this.minus = new Float32Array(P);
    this.gPlus = new Float64Array(P);
    this.gMinus = new Float64Array(P);
    this.prod = new Float64Array(P);
    this.lean = options.scheme === 'richardson' && (options.lean ?? 24 * P > LEAN_RICHARDSON_BYTES);
    this.far = options.scheme === 'richardson' && !this.lean
      ? { plus: new Float32Array(P), minus: new Float32Array(P), gPlus: new Float64Array(P), gMinus: new Float64Array(P) }
      : null;
  }

  /** Richardson with its two pairs evaluated in turn in one pair of buffers (see LEAN_RICHARDSON_BYTES). */
  readonly lean: boolean;

  /** Loss and gradient at θ (computed once; the forward scheme needs the gradient for every product). */
  async gradient(): Promise<{ loss: number; grad: Float64Array }> {
    if (!this.gradAtTheta) {
      const g = new Float64Array(this.theta.length);
      const [loss] = await this.oracle.evaluate([this.theta], [g]);
      this.gradAtTheta = g;
      this.lossAtTheta = loss;
    }
    return { loss: this.lossAtTheta as number, grad: this.gradAtTheta };
  }

  /**
   * H·v. The array returned is the operator's own buffer (no allocation of P doubles per product): it is valid until
   * the next apply(), which is how every estimator consumes it.
   */
  async apply(dir: Float64Array): Promise<Float64Array> {
    if (dir.length !== this.n) throw new Error(`HVP direction has length ${dir.length}, operator dimension is ${this.n}`);
    const t0 = performance.now();
    if (this.options.scheme === 'richardson') return this.finish(t0, await this.richardson(dir));
    const central = this.options.scheme !== 'forward';
    const eps = this.core.fdStep(this.theta, dir, this.options.scheme as FdScheme, this.options.relStep);
    let gMinus: Float64Array;
    let denominator: number;
    if (central) {
      denominator = this.core.fdPerturb(this.theta, dir, eps, this.plus, this.minus);
      await this.oracle.evaluate([this.plus, this.minus], [this.gPlus, this.gMinus], { checkGradient: false });
      gMinus = this.gMinus;
    } else {
      gMinus = (await this.gradient()).grad;
      denominator = this.core.fdPerturb(this.theta, dir, eps, this.plus);
      await this.oracle.evaluate([this.plus], [this.gPlus], { checkGradient: false });
    }
    const target = this.prod;
    this.core.fdCombine(this.gPlus, gMinus, denominator, target);
    if (firstNonFinite(target) >= 0) {
      await this.oracle.explainNonFinite(central ? [this.plus, this.minus] : [this.plus], central ? [this.gPlus, this.gMinus] : [this.gPlus]);
    }
    return this.finish(t0, target);
  }

  private finish(t0: number, product: Float64Array): Float64Array {
    this.stats.products++;
    this.stats.seconds += (performance.now() - t0) / 1000;
    this.onProduct?.();
    return product;
  }

  /** Central differences at two steps, extrapolated (see the header). Four gradients in one oracle pass. */
  private async richardson(dir: Float64Array): Promise<Float64Array> {
    const eps = this.core.fdStep(this.theta, dir, 'central', this.options.relStep ?? RICHARDSON_REL_STEP);
    const d1 = this.prod;
    let den1: number;
    let den2: number;
    let d2: Float64Array;
    if (this.far) {
      const far = this.far;
      den1 = this.core.fdPerturb(this.theta, dir, eps, this.plus, this.minus);
      den2 = this.core.fdPerturb(this.theta, dir, 2 * eps, far.plus, far.minus);
      const points = [this.plus, this.minus, far.plus, far.minus];
      const grads = [this.gPlus, this.gMinus, far.gPlus, far.gMinus];
      await this.oracle.evaluate(points, grads, { checkGradient: false });
      this.core.fdCombine(this.gPlus, this.gMinus, den1, d1);
      // D2 in place of the long step's g+ (no third P-vector: ResNet-sized models count every buffer).
      d2 = far.gPlus;
      this.core.fdCombine(far.gPlus, far.gMinus, den2, d2);
      if (firstNonFinite(d1) >= 0 || firstNonFinite(d2) >= 0) {
        // Rare path: the long step's g+ was overwritten by D2, so evaluate it again before looking for the culprit.
        await this.oracle.evaluate([far.plus], [far.gPlus], { checkGradient: false });
        await this.oracle.explainNonFinite(points, grads);
      }
    } else {
      // Lean: the short pair, D1 into prod; then the long pair in the same buffers, D2 in place of its g+.
      const points = [this.plus, this.minus];
      const grads = [this.gPlus, this.gMinus];
      den1 = this.core.fdPerturb(this.theta, dir, eps, this.plus, this.minus);
      await this.oracle.evaluate(points, grads, { checkGradient: false });
      this.core.fdCombine(this.gPlus, this.gMinus, den1, d1);
      if (firstNonFinite(d1) >= 0) await this.oracle.explainNonFinite(points, grads);
      den2 = this.core.fdPerturb(this.theta, dir, 2 * eps, this.plus, this.minus);
      await this.oracle.evaluate(points, grads, { checkGradient: false });
      d2 = this.gPlus;
      this.core.fdCombine(this.gPlus, this.gMinus, den2, d2);
      if (firstNonFinite(d2) >= 0) {
        await this.oracle.evaluate([this.plus], [this.gPlus], { checkGradient: false });
        await this.oracle.explainNonFinite(points, grads);
      }
    }
    // den = 2s: the weights only need the ratio of the squared realised steps.
    const a = den2 * den2;
    const b = den1 * den1;
    const w1 = a / (a - b);
    const w2 = b / (a - b);
    let corr = 0;
    let norm = 0;
    for (let i = 0; i < d1.length; i++) {
      const r = w1 * d1[i] - w2 * d2[i];
      corr += (r - d1[i]) * (r - d1[i]);
      norm += r * r;
      d1[i] = r;
    }
    this.fdErrors.push(norm > 0 ? Math.sqrt(corr / norm) : 0);
    return d1;
  }
}
