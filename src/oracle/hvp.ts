// The Hessian-vector product by finite differences of the gradient: the core picks ε and writes θ ± εv in float32
// (fdStep, fdPerturb), onnxruntime gives the two gradients (GradientOracle), the core divides by the realised
// displacement (fdCombine). The forward scheme reuses ∇L(θ), computed once. An operator can be restricted to a
// subset of the coordinates (a parameter group): v is embedded with zeros elsewhere and the product is cut back to
// the subset, which is the principal sub-block H_gg of the Hessian.
import type { Core, FdScheme } from '../core/types.js';
import { firstNonFinite, type GradientOracle } from './gradient-oracle.js';

/** A symmetric operator as the estimators see it. */
export interface LinearOperator {
  readonly n: number;
  /** The product; callers consume it before the next apply() (implementations may reuse the array). */
  apply(v: Float64Array): Promise<Float64Array>;
}

export interface HvpStats {
  products: number;
  /** Wall seconds spent in products. */
  seconds: number;
}

/** Contiguous ranges [offset, offset+size) of the flat parameter vector. */
export type CoordinateRanges = { offset: number; size: number }[];

export class HvpOperator implements LinearOperator {
  readonly n: number;
  readonly stats: HvpStats = { products: 0, seconds: 0 };
  /** Called after every product. */
  onProduct?: () => void;
  private readonly plus: Float32Array;
  private readonly minus: Float32Array;
  private readonly gPlus: Float64Array;
  private readonly gMinus: Float64Array;
  private readonly full: Float64Array;
  private readonly prod: Float64Array;
  private gradAtTheta: Float64Array | null = null;
  lossAtTheta: number | null = null;

  constructor(
    private readonly core: Core,
    private readonly oracle: GradientOracle,
    private readonly theta: Float32Array,
    private readonly options: { scheme: FdScheme; relStep?: number; restrict?: CoordinateRanges } = { scheme: 'central' },
  ) {
    const P = theta.length;
    this.n = options.restrict ? options.restrict.reduce((s, r) => s + r.size, 0) : P;
    this.plus = new Float32Array(P);
    this.minus = new Float32Array(P);
    this.gPlus = new Float64Array(P);
    this.gMinus = new Float64Array(P);
    this.full = options.restrict ? new Float64Array(P) : new Float64Array(0);
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
  async apply(v: Float64Array): Promise<Float64Array> {
    if (v.length !== this.n) throw new Error(`HVP direction has length ${v.length}, operator dimension is ${this.n}`);
    const t0 = performance.now();
    const restrict = this.options.restrict;
    let dir = v;
    if (restrict) {
      let k = 0;
      for (const r of restrict) {
        this.full.set(v.subarray(k, k + r.size), r.offset);
        k += r.size;
      }
      dir = this.full;
    }
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
    let out: Float64Array;
    if (restrict) {
      out = new Float64Array(this.n);
      let k = 0;
      for (const r of restrict) {
        out.set(this.prod.subarray(r.offset, r.offset + r.size), k);
        // Leave the embedding buffer zero for the next product.
        this.full.fill(0, r.offset, r.offset + r.size);
        k += r.size;
      }
    } else {
      out = target;
    }
    this.stats.products++;
    this.stats.seconds += (performance.now() - t0) / 1000;
    this.onProduct?.();
    return out;
  }
}
