// The Hessian-vector product by finite differences of the gradient: the core picks ε and writes θ ± εv in float32,
// onnxruntime gives the two gradients (GradientOracle), the core divides by the realised displacement (the fused
// calls below). The forward scheme reuses ∇L(θ), computed once. It is a LinearOperator
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
//
// Per product the work outside onnxruntime is two passes of the core over P values (native/core/fd_hvp.cpp): fdPoints
// before the gradients (step and every perturbed point, with ‖θ‖∞ computed once per operator) and fdCombineChecked or
// fdRichardson after (difference, extrapolation, error norm and the finiteness check together; fdRichardsonOnto for
// Richardson's pairs in turn). With one batch the core reads onnxruntime's float32 output tensors in place, one call
// per parameter tensor (GradientOracle.outputs), widening them exactly as it reads them: no copy of the gradients at
// all, and no gradient buffers in the operator; the points are written into the product's own buffer (Buffers).
// In a Lanczos run at up to SESSION_POINTS_BYTES of points, the first of those passes is the session's: it writes
// each vector's points as it forms the vector (sessionPointsTarget, applyAtPoints).
import type { Core, DirectionVector, FdPoints, FdPointsTarget, FdRichardsonResult, FdScheme, GradientVector } from '../core/types.js';
import type { GradientOracle } from './gradient-oracle.js';
import { releaseGarbage } from '../util/release-garbage.js';
import { SaneError, opt } from '../errors.js';

/** How a product is formed: the core's two difference schemes, or central differences extrapolated. */
export type HvpScheme = FdScheme | 'richardson';

/** The short step of the Richardson pair, relative to the parameters' size: 1.5·u^{1/3} (u = 2^-23; see above). */
export const RICHARDSON_REL_STEP = 1.5 * Math.cbrt(2 ** -23);

/** The core's own relative steps when none is given (fd_hvp.cpp, stepFrom: u = FLT_EPSILON = 2^-23). */
const CORE_REL_STEP: Record<FdScheme, number> = { central: Math.cbrt(2 ** -23), forward: Math.sqrt(2 ** -23) };

/**
 * Thrown by a Richardson product whose error estimate ‖R − D1‖/‖R‖ passed the operator's fdErrorLimit, once the
 * product is counted: the step is too long for this model (src/api/step-shortening.ts shortens it and starts the
 * estimate again). A SaneError, so that the estimators' error handling passes it through unchanged.
 */
export class FdStepTooLarge extends SaneError {
  constructor(readonly fdError: number, readonly relStep: number) {
    super('NON_FINITE', `a finite-difference product's error estimate reached ${fdError.toPrecision(2)} at the relative step ${relStep.toPrecision(2)}`, {
      hint: `give a smaller ${opt('fdStep')}`,
    });
  }
}

/**
 * Above this many bytes held for the long step, Richardson evaluates its two pairs one after the other instead of
 * all four gradients in one oracle pass: the short pair in the product's own buffer (as every product's points, see
 * Buffers), then the long pair's two points in turn in one float32 buffer, the minus point's gradient held while
 * the plus point's is computed. What the one-pass form holds for the long pair: with one batch, its two float32
 * points and the two gradients onnxruntime returns for them (16·P bytes; P > 8.4M), with several the points and two
 * float64 gradient sums (24·P; P > 5.6M); in turn, one point and the same gradients. The same products to the bit
 * (the core writes the same points, R is formed from the same differences with the same weights; only ‖R − D1‖'s
 * summation order differs). It saves 2.5 GB at GPT-2 small's 124M, where a product takes seconds. Below it the
 * one-pass form stays: one gate lookup per batch and product instead of three, and one fused pass of the core,
 * which is what small models (products of milliseconds) need.
 */
export const LEAN_RICHARDSON_BYTES = 128 * 2 ** 20;

/**
 * Up to this many bytes of point buffers (8·P central, 4·P forward; P ≤ 4.2M central), a Lanczos run has its
 * session write each vector's points as the step forms the vector (sessionPointsTarget), instead of the core's
 * fdPoints pass reading it back and, with a double basis, a copy of it for JavaScript. At mlp784's P = 536k that
 * was ~1.5 ms of a ~36 ms product. Beyond it products take hundreds of milliseconds and the buffers would be
 * tens of MB: the product's own buffer keeps holding the points (Buffers).
 */
export const SESSION_POINTS_BYTES = 32 * 2 ** 20;

export interface HvpStats {
  products: number;
  /** Wall seconds spent in products. */
  seconds: number;
}

/**
 * An operator's work memory: the float64 product, whose 8·P bytes first hold the product's float32 points (the
 * plus point in the first half, the minus point in the second: `plus` and `minus` are views of it), which the
 * core's combination then overwrites with the product (the points are not read after onnxruntime has run; a
 * product that turns out non-finite writes them again to explain itself). That saves the two point buffers, 8·P
 * bytes (222 MB at convnext_tiny's P = 27.8M), at no cost. With several batches, float64 gradient sums; for
 * Richardson in one pass the long pair's points (and sums); in turn (lean), one point buffer for the long pair.
 */
interface Buffers {
  prod: Float64Array;
  /** prod as one view per parameter tensor (one batch only). */
  prodParts: Float64Array[];
  plus: Float32Array;
  minus: Float32Array | undefined;
  gPlus: Float64Array | undefined;
  gMinus: Float64Array | undefined;
  far: { plus: Float32Array; minus: Float32Array; gPlus?: Float64Array; gMinus?: Float64Array } | null;
  long: Float32Array | null;
}

export class HvpOperator {
  readonly n: number;
  /** Products by finite differences (LinearOperator.finiteDifference). */
  readonly finiteDifference = true;
  readonly stats: HvpStats = { products: 0, seconds: 0 };
  /** Called after every product. */
  onProduct?: () => void;
  /**
   * With one batch (GradientOracle.singleBatch) the core reads onnxruntime's float32 outputs where they are, tensor by
   * tensor, and the operator holds no gradient buffers; otherwise the gradients are float64 sums over the batches.
   */
  private readonly direct: boolean;
  /** The work buffers, allocated at the first product and dropped by release() (see Buffers). */
  private buf: Buffers | null = null;
  /** max(1, ‖θ‖∞): the unit of the step, the same for every product (θ is fixed). */
  private thetaScale: number | null = null;
  /** The points Lanczos sessions write for this operator (sessionPointsTarget), allocated at the first request. */
  private sessionPoints: { plus: Float32Array; minus: Float32Array | undefined } | null = null;
  private gradAtTheta: Float32Array | null = null;
  lossAtTheta: number | null = null;
  /** Richardson with its two pairs evaluated in turn (see LEAN_RICHARDSON_BYTES). */
  readonly lean: boolean;
  /** Richardson only: per product, ‖R − D1‖/‖R‖ (the plain central difference's relative error estimate). */
  readonly fdErrors: number[] = [];
  /** Multiplies the relative step (given or default): step-shortening.ts shortens it where products are inexact. */
  stepScale = 1;
  /** Richardson only: a product whose error estimate, relative to the largest ‖Hv‖/‖v‖ so far, passes this throws
   *  FdStepTooLarge (none by default). Relative to the operator's scale rather than to its own ‖R‖, which is tiny for
   *  directions of little curvature (the exact estimator's unit vectors on a flat parameter: 0.05 on the spirals
   *  example, where every eigenvalue is right), and what the eigenvalues' error is measured against. */
  fdErrorLimit: number | undefined;
  private lastError: number | undefined;
  private largestProduct = 0;
  /** The largest of those scaled estimates since the last resetErrors(). */
  worstScaledError = 0;

  /** Forgets the error estimates of the products so far (a run whose result is discarded). */
  resetErrors(): void {
    this.fdErrors.length = 0;
    this.worstScaledError = 0;
  }

  get scheme(): HvpScheme {
    return this.options.scheme;
  }

  /** The relative step of the products: the given or default one times stepScale (unscaled, the core's own default
   *  is left to the core, so default runs keep its exact value). */
  get relStep(): number | undefined {
    const scheme = this.options.scheme;
    const base = this.options.relStep ?? (scheme === 'richardson' ? RICHARDSON_REL_STEP : undefined);
    if (this.stepScale === 1) return base;
    return (base ?? CORE_REL_STEP[scheme as FdScheme]) * this.stepScale;
  }

  /** Records a Richardson product's error estimate from ‖R − D1‖², ‖R‖² and the step eps along dir (whose norm it
   *  gives: eps = relStep·thetaScale/‖v‖); finish() enforces fdErrorLimit once the product is counted. */
  private recordError(corr: number, norm: number, eps: number, thetaScale: number): void {
    this.fdErrors.push(norm > 0 ? Math.sqrt(corr / norm) : 0);
    const vNorm = ((this.relStep as number) * thetaScale) / eps;
    this.largestProduct = Math.max(this.largestProduct, Math.sqrt(norm) / vNorm);
    this.lastError = this.largestProduct > 0 ? Math.sqrt(corr) / vNorm / this.largestProduct : 0;
    this.worstScaledError = Math.max(this.worstScaledError, this.lastError);
  }

  constructor(
    private readonly core: Core,
    private readonly oracle: GradientOracle,
    private readonly theta: Float32Array,
    private readonly options: { scheme: HvpScheme; relStep?: number; lean?: boolean } = { scheme: 'central' },
  ) {
    const P = theta.length;
    this.n = P;
    this.direct = oracle.singleBatch;
    this.lean = options.scheme === 'richardson' && (options.lean ?? (this.direct ? 16 : 24) * P > LEAN_RICHARDSON_BYTES);
  }

  private get b(): Buffers {
    if (!this.buf) {
      const P = this.n;
      const sums = () => (this.direct ? undefined : new Float64Array(P));
      const central = this.options.scheme !== 'forward';
      const richardson = this.options.scheme === 'richardson';
      const prod = new Float64Array(P);
      this.buf = {
        prod,
        prodParts: this.direct ? this.oracle.params.map((p) => prod.subarray(p.offset, p.offset + p.size)) : [],
        plus: new Float32Array(prod.buffer, 0, P),
        minus: central ? new Float32Array(prod.buffer, 4 * P, P) : undefined,
        gPlus: sums(),
        gMinus: central ? sums() : undefined,
        far: richardson && !this.lean ? { plus: new Float32Array(P), minus: new Float32Array(P), gPlus: sums(), gMinus: sums() } : null,
        long: richardson && this.lean ? new Float32Array(P) : null,
      };
    }
    return this.buf;
  }
  /** Frees the work buffers (the next product allocates them again): an estimator done with this operator while
   *  another runs (the Lanczos run's Richardson operator during the SLQ probes, a restart's old cycle) gives their
   *  memory back. The last product returned stays valid for whoever holds it. */
  release(): void {
    this.buf = null;
    this.sessionPoints = null;
  }

  /** The loss at θ (GradientOracle.loss: no gradient is formed for it; the forward scheme's gradient gives it). */
  async loss(): Promise<number> {
    if (this.options.scheme === 'forward') return (await this.gradient()).loss;
    this.lossAtTheta ??= await this.oracle.loss(this.theta);
    return this.lossAtTheta;
  }

  /** Loss and gradient at θ (kept for the forward scheme, which needs the gradient for every product). */
  async gradient(): Promise<{ loss: number; grad: GradientVector }> {
    if (this.gradAtTheta) return { loss: this.lossAtTheta as number, grad: this.gradAtTheta };
    const g = new Float64Array(this.theta.length);
    const [loss] = await this.oracle.evaluate([this.theta], [g]);
    this.lossAtTheta = loss;
    // The central schemes never read it again. The forward one keeps it in float32, as onnxruntime gave it for one
    // batch (over several, their float64 sum rounded once more: an error the size of the products' own float32
    // gradients'), so the SLQ probes of the defaults hold 4P bytes for it, not 8P (170 MB at resnet101's size).
    if (this.options.scheme === 'forward') this.gradAtTheta = Float32Array.from(g);
    return { loss, grad: g };
  }

  /**
   * H·v. The array returned is the operator's own buffer (no allocation of P doubles per product): it is valid until
   * the next apply(), which is how every estimator consumes it.
   */
  async apply(direction: DirectionVector): Promise<Float64Array> {
    if (direction.length !== this.n) throw new Error(`HVP direction has length ${direction.length}, operator dimension is ${this.n}`);
    const t0 = performance.now();
    // Throws on a NaN/Inf in θ at the first product, as fdStep did.
    this.thetaScale ??= this.core.fdThetaScale(this.theta);
    const b = this.b;
    // The points are written into the product's buffer: a direction that is the last product itself is copied first.
    const dir = direction.buffer === b.prod.buffer ? direction.slice() : direction;
    if (b.far) return this.finish(t0, await this.richardson(dir, this.thetaScale));
    if (this.lean) return this.finish(t0, await this.richardsonLean(dir, this.thetaScale));
    const scheme = this.options.scheme as FdScheme;
    const writePoints = () => this.core.fdPoints(this.theta, dir, this.thetaScale!, scheme, this.relStep, b.plus, b.minus);
    const { denominator } = writePoints();
    return this.finish(t0, await this.productAt(b.minus ? [b.plus, b.minus] : [b.plus], denominator, writePoints));
  }

  /**
   * Where a Lanczos session may write the points of its vectors for this operator (LanczosSession.attachFdPoints),
   * or null: Richardson forms its own pairs, and above SESSION_POINTS_BYTES the two point buffers this needs besides
   * the product (the product's own buffer cannot hold them: the step reads the product while it writes them) would
   * cost more memory than the passes they save are worth. The same buffers for every session (allocated once).
   */
  sessionPointsTarget(): FdPointsTarget | null {
    const scheme = this.options.scheme;
    if (scheme === 'richardson' || (scheme === 'central' ? 8 : 4) * this.n > SESSION_POINTS_BYTES) return null;
    this.thetaScale ??= this.core.fdThetaScale(this.theta);
    this.sessionPoints ??= { plus: new Float32Array(this.n), minus: scheme === 'central' ? new Float32Array(this.n) : undefined };
    return { theta: this.theta, thetaScale: this.thetaScale, scheme, relStep: this.relStep, ...this.sessionPoints };
  }

  /** H·q_j from the points a session wrote into `target`'s buffers (one sessionPointsTarget() gave), with their step
   *  and denominator (LanczosSession.fdPoints()): the same product as apply(q_j) at that step. */
  async applyAtPoints(target: FdPointsTarget, points: FdPoints): Promise<Float64Array> {
    const t0 = performance.now();
    // The points stay intact in their own buffers: nothing to write again to explain a non-finite product.
    const at = target.minus ? [target.plus, target.minus] : [target.plus];
    return this.finish(t0, await this.productAt(at, points.denominator, () => {}));
  }

  /** The central or forward product from points already written: the gradients there, combined into the product's
   *  buffer. rewrite() puts the points back where a non-finite product's explanation reads them. */
  private async productAt(points: Float32Array[], denominator: number, rewrite: () => void): Promise<Float64Array> {
    const b = this.b;
    const atTheta = points.length === 2 ? null : (await this.gradient()).grad;
    const target = b.prod;
    if (this.direct) {
      const { grads } = await this.oracle.outputs(points);
      let bad = -1;
      this.oracle.params.forEach((p, k) => {
        const gMinus = grads[1]?.[k] ?? atTheta!.subarray(p.offset, p.offset + p.size);
        if (this.core.fdCombineChecked(grads[0][k], gMinus, denominator, b.prodParts[k]) >= 0) bad = k;
      });
      if (bad >= 0) {
        rewrite();
        await this.oracle.explainNonFinite(points, grads.map((g) => this.flat(g)));
      }
      return target;
    }
    const grads = b.gMinus ? [b.gPlus!, b.gMinus] : [b.gPlus!];
    await this.oracle.evaluate(points, grads, { checkGradient: false });
    if (this.core.fdCombineChecked(b.gPlus!, b.gMinus ?? atTheta!, denominator, target) >= 0) {
      rewrite();
      await this.oracle.explainNonFinite(points, grads);
    }
    return target;
  }

  private async finish(t0: number, product: Float64Array): Promise<Float64Array> {
    // onnxruntime's output tensors (4P bytes a gradient) are garbage once the product is formed; V8 left 200-300 MB
    // of them resident at ResNet-18 size. Collected here when that is large (src/util/release-garbage.ts).
    await releaseGarbage(4 * this.n * (this.options.scheme === 'richardson' ? 4 : this.options.scheme === 'forward' ? 1 : 2));
    this.stats.products++;
    this.stats.seconds += (performance.now() - t0) / 1000;
    this.onProduct?.();
    const e = this.lastError;
    this.lastError = undefined;
    if (e !== undefined && this.fdErrorLimit !== undefined && e > this.fdErrorLimit) throw new FdStepTooLarge(e, this.relStep as number);
    return product;
  }

  /** Per-parameter gradient tensors as one flat vector (only to explain a non-finite product: the rare path). */
  private flat(tensors: Float32Array[]): Float32Array {
    const g = new Float32Array(this.n);
    this.oracle.params.forEach((p, k) => g.set(tensors[k], p.offset));
    return g;
  }

  /** Central differences at two steps, extrapolated (see the header). Four gradients in one oracle pass. */
  private async richardson(dir: DirectionVector, thetaScale: number): Promise<Float64Array> {
    const b = this.b;
    const far = b.far!;
    const minus = b.minus!;
    // Both pairs in one pass: eps and 2·eps (the long step is exactly twice the short one before rounding).
    const writePoints = () => this.core.fdPoints(
      this.theta, dir, thetaScale, 'central', this.relStep, b.plus, minus, far.plus, far.minus,
    );
    const pts = writePoints();
    const points = [b.plus, minus, far.plus, far.minus];
    // D1, D2, R and the squared norms of R − D1 and R in one pass; the gradients stay intact for explaining a
    // non-finite product.
    if (this.direct) {
      const { grads: g } = await this.oracle.outputs(points);
      const r = summed(this.oracle.params.map((_p, k) =>
        this.core.fdRichardson(g[0][k], g[1][k], g[2][k], g[3][k], pts.denominator, pts.denominator2, b.prodParts[k])));
      if (r.bad) {
        writePoints();
        await this.oracle.explainNonFinite(points, g.map((x) => this.flat(x)));
      }
      this.recordError(r.corr, r.norm, pts.eps, thetaScale);
      return b.prod;
    }
    const grads = [b.gPlus!, b.gMinus!, far.gPlus!, far.gMinus!];
    await this.oracle.evaluate(points, grads, { checkGradient: false });
    const r = summed([this.core.fdRichardson(grads[0], grads[1], grads[2], grads[3], pts.denominator, pts.denominator2, b.prod)]);
    if (r.bad) {
      writePoints();
      await this.oracle.explainNonFinite(points, grads);
    }
    this.recordError(r.corr, r.norm, pts.eps, thetaScale);
    return b.prod;
  }
  /**
   * Richardson with its pairs in turn (lean): the short pair's difference D1 into the product (its points in the
   * product's buffer, as any central product's), then the long pair at exactly 2·eps, minus point first, in one
   * point buffer (fdPerturb given that buffer as both plus and minus writes each entry's plus value, then its mirror,
   * so the buffer ends holding the minus point; then the plus point alone, rounded as fdPoints rounds it), and
   * R = w1·D1 − w2·D2 formed in place by the core's fdRichardsonOnto, the one-pass kernel's weights and operations,
   * so the products are the same to the bit. The long pair's two gradients are held together: D2 needs both.
   */
  private async richardsonLean(dir: DirectionVector, thetaScale: number): Promise<Float64Array> {
    const buf = this.b;
    const minus = buf.minus!;
    const pair = [buf.plus, minus];
    const prod = buf.prod;
    const { eps, denominator: den1 } = this.core.fdPoints(
      this.theta, dir, thetaScale, 'central', this.relStep, buf.plus, minus,
    );
    let bad = false;
    if (this.direct) {
      const { grads } = await this.oracle.outputs(pair);
      this.oracle.params.forEach((_p, k) => {
        if (this.core.fdCombineChecked(grads[0][k], grads[1][k], den1, buf.prodParts[k]) >= 0) bad = true;
      });
    } else {
      await this.oracle.evaluate(pair, [buf.gPlus!, buf.gMinus!], { checkGradient: false });
      bad = this.core.fdCombineChecked(buf.gPlus!, buf.gMinus!, den1, prod) >= 0;
    }
    if (bad) await this.explainAt(dir, eps);
    // The short pair's gradients are garbage now: collected before the long pair's arrive (src/util/release-garbage.ts).
    await releaseGarbage(8 * this.n);
    const point = buf.long!;
    const den2 = this.core.fdPerturb(this.theta, dir, 2 * eps, point, point);
    let gMinus2: Float32Array[] | undefined;
    if (this.direct) gMinus2 = (await this.oracle.outputs([point])).grads[0];
    else await this.oracle.evaluate([point], [buf.gMinus!], { checkGradient: false });
    this.core.fdPerturb(this.theta, dir, 2 * eps, point);
    let r: ReturnType<typeof summed>;
    if (this.direct) {
      const { grads } = await this.oracle.outputs([point]);
      r = summed(this.oracle.params.map((_p, k) => this.core.fdRichardsonOnto(grads[0][k], gMinus2![k], den1, den2, buf.prodParts[k])));
    } else {
      await this.oracle.evaluate([point], [buf.gPlus!], { checkGradient: false });
      r = summed([this.core.fdRichardsonOnto(buf.gPlus!, buf.gMinus!, den1, den2, prod)]);
    }
    if (r.bad) await this.explainAt(dir, 2 * eps);
    this.recordError(r.corr, r.norm, eps, thetaScale);
    return prod;
  }

  /** After a non-finite lean product (rare): the pair at this step again, with float64 gradients, to name the
   *  parameter and batch at fault. */
  private async explainAt(dir: DirectionVector, eps: number): Promise<never> {
    const plus = new Float32Array(this.n);
    const minus = new Float32Array(this.n);
    this.core.fdPerturb(this.theta, dir, eps, plus, minus);
    const grads = [new Float64Array(this.n), new Float64Array(this.n)];
    await this.oracle.evaluate([plus, minus], grads, { checkGradient: false });
    return this.oracle.explainNonFinite([plus, minus], grads);
  }
}

/** Richardson's per-tensor results (one per parameter tensor, or one for the whole vector) as one product's: whether
 *  any entry was not finite, and ‖R − D1‖² and ‖R‖² over all of them. */
function summed(parts: FdRichardsonResult[]): { bad: boolean; corr: number; norm: number } {
  let bad = false;
  let corr = 0;
  let norm = 0;
  for (const r of parts) {
    if (r.firstNonFinite >= 0) bad = true;
    corr += r.correctionSquares;
    norm += r.productSquares;
  }
  return { bad, corr, norm };
}
