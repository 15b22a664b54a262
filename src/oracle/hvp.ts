// The Hessian-vector product by finite differences of the gradient: the core picks ε and writes θ ± εv in float32
// (fdStep, fdPerturb), onnxruntime gives the two gradients (GradientOracle), the core divides by the realised
// displacement (fdCombine). The forward scheme reuses ∇L(θ), computed once. It is a LinearOperator
// (src/estimators/linear-operator.ts) by its shape; per-layer blocks wrap it in a RestrictedOperator.
import type { Core, FdScheme } from '../core/types.js';
import { firstNonFinite, type GradientOracle } from './gradient-oracle.js';

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

  constructor(
    private readonly core: Core,
    private readonly oracle: GradientOracle,
    private readonly theta: Float32Array,
    private readonly options: { scheme: FdScheme; relStep?: number } = { scheme: 'central' },
  ) {
    const P = theta.length;
    this.n = P;
    this.plus = new Float32Array(P);
    this.minus = new Float32Array(P);
    this.gPlus = new Float64Array(P);
    this.gMinus = new Float64Array(P);
    this.prod = new Float64Array(P);
  }


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
    const central = this.options.scheme !== 'forward';
    const eps = this.core.fdStep(this.theta, dir, this.options.scheme, this.options.relStep);
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
    this.stats.products++;
    this.stats.seconds += (performance.now() - t0) / 1000;
    this.onProduct?.();
    return target;
  }
}
