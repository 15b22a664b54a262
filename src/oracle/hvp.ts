// The Hessian-vector product by finite differences of the gradient: the core picks ε and writes θ ± εv in float32
// (fdStep, fdPerturb), onnxruntime gives the two gradients (GradientOracle.evaluateDifferences), and their
// difference is divided by the realised displacement as they arrive, with no float64 copy of either gradient (the
// core's fdCombine does the same division on stored gradients, for the forward scheme). The forward scheme reuses ∇L(θ), computed once. It is a LinearOperator
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
  /** The work buffers, allocated at the first product and dropped by release(): two float32 points and one
   *  float64 output (16P bytes at P parameters; Richardson re-uses the two points for its second pair and, with
   *  several batches, adds D1: 24P); the gradients are consumed as onnxruntime returns them (evaluateDifferences),
   *  never stored in float64. At ResNet-18 size (P = 11.2M) that is 179 MB, against 357 MB (central) and 625 MB
   *  (Richardson) with a float64 accumulator per gradient as before. */
  private buf: { plus: Float32Array; minus: Float32Array; prod: Float64Array; d1?: Float64Array; gPlus?: Float64Array } | null = null;
  private gradAtTheta: Float64Array | null = null;
  lossAtTheta: number | null = null;
  /** Richardson only: per product, ‖R − D1‖/‖R‖ (the plain central difference's relative error estimate). */
  readonly fdErrors: number[] = [];

  get scheme(): HvpScheme {
    return this.options.scheme;
  }

  constructor(
    private readonly core: Core,
    private readonly oracle: GradientOracle,
    private readonly theta: Float32Array,
    private readonly options: { scheme: HvpScheme; relStep?: number } = { scheme: 'central' },
  ) {
    this.n = theta.length;
  }

  private buffers(): NonNullable<HvpOperator['buf']> {
    if (!this.buf) {
      const P = this.n;
      const forward = this.options.scheme === 'forward';
      this.buf = {
        plus: new Float32Array(P),
        minus: new Float32Array(forward ? 0 : P),
        prod: new Float64Array(P),
        gPlus: forward ? new Float64Array(P) : undefined,
      };
    }
    return this.buf;
  }

  /** Frees the work buffers (the next product allocates them again): an estimator that is done with this operator
   *  while another one runs (the Lanczos run's Richardson operator during the SLQ probes) gives their memory back. */
  release(): void {
    this.buf = null;
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
    if (this.options.scheme === 'richardson') return this.finish(t0, await this.richardson(dir));
    const b = this.buffers();
    const eps = this.core.fdStep(this.theta, dir, this.options.scheme as FdScheme, this.options.relStep);
    const target = b.prod;
    if (this.options.scheme !== 'forward') {
      const den = this.core.fdPerturb(this.theta, dir, eps, b.plus, b.minus);
      // (g+ − g−)/den per element, as fdCombine computes it from accumulated gradients (the same numbers for one
      // batch; with several, the batches' differences are summed instead of their gradients).
      await this.oracle.evaluateDifferences([() => [b.plus, b.minus]], (_pair, ga, gb, off, w, first) => {
        differenceInto(target, ga, gb, off, w / den, w === 1 ? den : 0, first);
      });
      if (firstNonFinite(target) >= 0) await this.explain(dir, eps);
      return this.finish(t0, target);
    }
    const g0 = (await this.gradient()).grad;
    const denominator = this.core.fdPerturb(this.theta, dir, eps, b.plus);
    await this.oracle.evaluate([b.plus], [b.gPlus!], { checkGradient: false });
    this.core.fdCombine(b.gPlus!, g0, denominator, target);
    if (firstNonFinite(target) >= 0) await this.oracle.explainNonFinite([b.plus], [b.gPlus!]);
    return this.finish(t0, target);
  }

  /** After a non-finite product (rare): the points again, in fresh buffers, and the gradient at each in float64,
   *  to name the parameter and batch at fault (Richardson: both pairs). */
  private async explain(dir: Float64Array, eps: number): Promise<never> {
    const steps = this.options.scheme === 'richardson' ? [eps, 2 * eps] : [eps];
    const points: Float32Array[] = [];
    for (const e of steps) {
      const plus = new Float32Array(this.n);
      const minus = new Float32Array(this.n);
      this.core.fdPerturb(this.theta, dir, e, plus, minus);
      points.push(plus, minus);
    }
    const accs = points.map(() => new Float64Array(this.n));
    await this.oracle.evaluate(points, accs, { checkGradient: true });
    return this.oracle.explainNonFinite(points, accs);
  }

  private finish(t0: number, product: Float64Array): Float64Array {
    this.stats.products++;
    this.stats.seconds += (performance.now() - t0) / 1000;
    this.onProduct?.();
    return product;
  }

  /** Central differences at two steps, extrapolated (see the header). Four gradients in one oracle pass; the two
   *  pairs of points are written in turn into the same two buffers. */
  private async richardson(dir: Float64Array): Promise<Float64Array> {
    const b = this.buffers();
    const eps = this.core.fdStep(this.theta, dir, 'central', this.options.relStep ?? RICHARDSON_REL_STEP);
    // fdPerturb is deterministic: the denominators of the pairs are fixed, whichever batch writes the points again.
    let den1 = 0;
    let den2 = 0;
    const near = (): [Float32Array, Float32Array] => {
      den1 = this.core.fdPerturb(this.theta, dir, eps, b.plus, b.minus);
      return [b.plus, b.minus];
    };
    const far = (): [Float32Array, Float32Array] => {
      den2 = this.core.fdPerturb(this.theta, dir, 2 * eps, b.plus, b.minus);
      return [b.plus, b.minus];
    };
    // den = 2s: the weights only need the ratio of the squared realised steps.
    const weights = () => {
      const a = den2 * den2;
      const c = den1 * den1;
      return [a / (a - c), c / (a - c)];
    };
    const r = b.prod;
    let corr = 0;
    let norm = 0;
    if (this.oracle.batches.length === 1) {
      // One batch: pair 0 writes D1 into r, pair 1 turns each entry into R = w1·D1 − w2·D2 (the numbers of the
      // formula on stored D1 and D2) and sums ‖R − D1‖² on the way; no third vector.
      await this.oracle.evaluateDifferences([near, far], (pair, ga, gb, off) => {
        const m = ga.length;
        if (pair === 0) {
          for (let i = 0; i < m; i++) r[off + i] = (ga[i] - gb[i]) / den1;
          return;
        }
        const [w1, w2] = weights();
        for (let i = 0; i < m; i++) {
          const d1 = r[off + i];
          const x = w1 * d1 - w2 * ((ga[i] - gb[i]) / den2);
          corr += (x - d1) * (x - d1);
          norm += x * x;
          r[off + i] = x;
        }
      });
      if (firstNonFinite(r) >= 0) await this.explain(dir, eps);
    } else {
      // Several batches: D1 is complete only after the last batch, so it gets its own vector, and R (linear in the
      // batches' gradients) accumulates beside it.
      const d1 = (b.d1 ??= new Float64Array(this.n));
      // The weights are needed from the first batch's pair 0 on: both denominators first.
      far();
      near();
      const [w1, w2] = weights();
      await this.oracle.evaluateDifferences([near, far], (pair, ga, gb, off, w, first) => {
        const m = ga.length;
        if (pair === 0) {
          differenceInto(d1, ga, gb, off, w / den1, 0, first);
          if (first) for (let i = 0; i < m; i++) r[off + i] = w1 * d1[off + i];
          else for (let i = 0; i < m; i++) r[off + i] += w1 * ((w * (ga[i] - gb[i])) / den1);
        } else {
          for (let i = 0; i < m; i++) r[off + i] -= w2 * ((w * (ga[i] - gb[i])) / den2);
        }
      });
      if (firstNonFinite(d1) >= 0 || firstNonFinite(r) >= 0) await this.explain(dir, eps);
      for (let i = 0; i < r.length; i++) {
        const e = r[i] - d1[i];
        corr += e * e;
        norm += r[i] * r[i];
      }
    }
    this.fdErrors.push(norm > 0 ? Math.sqrt(corr / norm) : 0);
    return r;
  }
}

/** out[off + i] = (ga[i] − gb[i]) / den (one batch: `den` given, the numbers fdCombine gives), or
 *  out[off + i] (+)= scale·(ga[i] − gb[i]) (several batches: `den` 0, scale = weight/den; the first batch writes). */
function differenceInto(
  out: Float64Array, ga: ArrayLike<number>, gb: ArrayLike<number>, off: number, scale: number, den: number, first: boolean,
): void {
  const m = ga.length;
  if (den > 0) {
    for (let i = 0; i < m; i++) out[off + i] = (ga[i] - gb[i]) / den;
  } else if (first) {
    for (let i = 0; i < m; i++) out[off + i] = scale * (ga[i] - gb[i]);
  } else {
    for (let i = 0; i < m; i++) out[off + i] += scale * (ga[i] - gb[i]);
  }
}
