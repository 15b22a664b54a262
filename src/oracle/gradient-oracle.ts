// Loss and gradient of the mean loss over all samples at given float32 parameter vectors: the gradient model is run
// per batch and each batch's mean gradient is accumulated in float64 with weight batchSize / N (the core's
// accumulate). Several points can be evaluated in one sweep over the batches, so a batch's frozen gates are fetched
// (or recomputed) once for both θ+εv and θ−εv.
import type { Core, GradientVector } from '../core/types.js';
import type { Batch } from '../data/dataset.js';
import { SaneError, opt } from '../errors.js';
import type { RuntimeSession, OrtTensor } from './runtime.js';
import { type GateStore, type ParamInfo, paramFeeds } from './gates.js';

export class GradientOracle {
  /** Gradient evaluations (one per point per sweep, all batches). */
  evaluations = 0;
  private readonly fetches: string[];
  private readonly dataFeeds: Record<string, OrtTensor>[];
  /** Parameter tensors per point buffer: the HVP writes its points into the same buffers at every product, and a
   *  tensor only wraps its array, so the tensors are made once (on small models that saves 5-10% of a run). */
  private readonly paramFeedsByPoint = new WeakMap<Float32Array, Record<string, OrtTensor>>();

  constructor(
    private readonly core: Core,
    readonly session: RuntimeSession,
    readonly batches: Batch[],
    readonly params: ParamInfo[],
    readonly numParams: number,
    private readonly gates: GateStore | null,
  ) {
    this.fetches = ['loss', ...params.map((p) => `grad:${p.name}`)];
    const names = session.inputNames;
    // Data tensors are made once; only the parameter tensors change between runs.
    this.dataFeeds = batches.map((b) => {
      const f: Record<string, OrtTensor> = {};
      for (const [k, t] of Object.entries(b.feeds)) if (names.includes(k)) f[k] = session.tensor(t);
      return f;
    });
  }

  /**
   * One batch of weight 1 (all samples in one batch, the default when they fit): a point's mean gradient is then
   * onnxruntime's float32 output itself, which outputs() hands over where it is; widening it to float64 would only
   * copy it (exactly).
   */
  get singleBatch(): boolean {
    return this.batches.length === 1 && this.batches[0].weight === 1;
  }

  /**
   * Fills accs[i] with the mean gradient at points[i] and returns the mean losses. Throws NON_FINITE naming the
   * parameter and batch when a loss or gradient is not finite.
   */
  async evaluate(points: Float32Array[], accs: Float64Array[], options: { checkGradient?: boolean } = {}): Promise<number[]> {
    const losses = points.map(() => 0);
    for (const b of this.batches) {
      const gates = this.gates ? await this.gates.forBatch(b) : null;
      for (let i = 0; i < points.length; i++) {
        const out = await this.runBatch(b, points[i], gates);
        const loss = this.lossOf(out, b, i > 0 || points.length > 1);
        losses[i] += b.weight * loss;
        this.addGradient(accs[i], out, b.weight, b.index === 0);
      }
    }
    this.evaluations += points.length;
    // One finiteness pass over the float64 sums (NaN and Inf survive summation); the culprit batch is found after.
    // The HVP driver skips it and checks its product instead, which NaN/Inf in either gradient reach as well.
    if (options.checkGradient !== false) {
      for (let i = 0; i < points.length; i++) {
        const bad = firstNonFinite(accs[i]);
        if (bad >= 0) await this.reportNonFinite(points[i], bad);
      }
    }
    return losses;
  }

  /**
   * The mean loss at a point, fetching only the loss: no gradient is handed over, so nothing P-sized is copied out of
   * onnxruntime or summed. What score() reports as the loss at θ; before, it came from a full gradient summed in
   * float64 (8·P bytes, 340 MB at resnet101's 42.5M, on top of the run's own working memory), which made the loss the
   * peak of a whole run at that size. Throws NON_FINITE naming the batch when a loss is not finite.
   */
  async loss(point: Float32Array): Promise<number> {
    let loss = 0;
    for (const b of this.batches) {
      const gates = this.gates ? await this.gates.forBatch(b) : null;
      const out = await this.runBatch(b, point, gates, LOSS_ONLY);
      loss += b.weight * this.lossOf(out, b, false);
    }
    return loss;
  }

  /**
   * One batch of weight 1 only (singleBatch): the gradients at points as onnxruntime returned them, one float32 array
   * per parameter in `params` order, without copying them into a flat vector: the HVP's core calls read them where
   * they are (per parameter), which saves a pass over 4P bytes per gradient and the buffers themselves. Checks the
   * losses like evaluate(); the gradients' finiteness is left to the product's check. Returns the losses too.
   */
  async outputs(points: Float32Array[]): Promise<{ losses: number[]; grads: Float32Array[][] }> {
    if (!this.singleBatch) throw new Error('internal: GradientOracle.outputs() needs one batch of weight 1 (singleBatch)');
    const b = this.batches[0];
    const gates = this.gates ? await this.gates.forBatch(b) : null;
    const losses: number[] = [];
    const grads: Float32Array[][] = [];
    for (let i = 0; i < points.length; i++) {
      const out = await this.runBatch(b, points[i], gates);
      losses.push(this.lossOf(out, b, i > 0 || points.length > 1));
      grads.push(
        this.params.map((p) => {
          const g = out[`grad:${p.name}`].data as ArrayLike<number>;
          if (g.length !== p.size) {
            throw new SaneError('MODEL', `the gradient model returned ${g.length} values for grad:${p.name}, expected ${p.size}`);
          }
          // The gradient model's outputs are float32; anything else is converted (not expected: a copy).
          return g instanceof Float32Array ? g : Float32Array.from(g);
        }),
      );
    }
    this.evaluations += points.length;
    return { losses, grads };
  }

  /** The loss of one batch run; NON_FINITE naming the batch when it is NaN/Inf. */
  private lossOf(out: Record<string, OrtTensor>, b: Batch, perturbed: boolean): number {
    const loss = Number((out.loss.data as ArrayLike<number>)[0]);
    if (!Number.isFinite(loss)) {
      throw new SaneError('NON_FINITE', `non-finite loss (${loss}) at batch ${b.index}${perturbed ? ' at a perturbed parameter vector' : ''}`, {
        hint: `check the data for NaN/Inf values and the model for overflow; a smaller ${opt('fdStep')} can help when only perturbed points fail`,
      });
    }
    return loss;
  }

  /** After a non-finite product: finds the point, parameter and batch at fault and throws NON_FINITE. */
  async explainNonFinite(points: Float32Array[], accs: GradientVector[]): Promise<never> {
    for (let i = 0; i < points.length; i++) {
      const bad = firstNonFinite(accs[i]);
      if (bad >= 0) await this.reportNonFinite(points[i], bad);
    }
    throw new SaneError('NON_FINITE', 'the Hessian-vector product overflowed (finite gradients, non-finite difference)', {
      hint: `the gradients are finite but their difference is not: try a larger ${opt('fdStep')} or check the parameter scale`,
    });
  }

  private async runBatch(
    b: Batch, point: Float32Array, gates: Record<string, OrtTensor> | null, fetches: readonly string[] = this.fetches,
  ): Promise<Record<string, OrtTensor>> {
    let pf = this.paramFeedsByPoint.get(point);
    if (!pf) this.paramFeedsByPoint.set(point, (pf = paramFeeds(this.session, this.params, point)));
    const feeds: Record<string, OrtTensor> = { ...this.dataFeeds[b.index], ...pf };
    if (gates) Object.assign(feeds, gates);
    return this.session.run(feeds, fetches);
  }

  /** acc += weight·g per parameter; the first batch overwrites instead (saves a zeroing pass over P doubles). */
  private addGradient(acc: Float64Array, out: Record<string, OrtTensor>, weight: number, first: boolean): void {
    for (const p of this.params) {
      const g = out[`grad:${p.name}`].data;
      const dst = acc.subarray(p.offset, p.offset + p.size);
      if ((g as ArrayLike<number>).length !== p.size) {
        throw new SaneError('MODEL', `the gradient model returned ${(g as ArrayLike<number>).length} values for grad:${p.name}, expected ${p.size}`);
      }
      if (first && weight === 1) {
        // One batch: the mean gradient is the batch gradient, widened to float64.
        dst.set(g as ArrayLike<number>);
      } else if (g instanceof Float32Array) {
        if (first) dst.fill(0);
        this.core.accumulate(dst, g, weight);
      } else {
        const arr = g as ArrayLike<number>;
        if (first) dst.fill(0);
        for (let j = 0; j < p.size; j++) dst[j] += weight * arr[j];
      }
    }
  }

  private async reportNonFinite(point: Float32Array, flatIndex: number): Promise<never> {
    const p = this.params.find((q) => flatIndex >= q.offset && flatIndex < q.offset + q.size) ?? this.params[0];
    let batch = -1;
    for (const b of this.batches) {
      const gates = this.gates ? await this.gates.forBatch(b) : null;
      const out = await this.runBatch(b, point, gates);
      const g = out[`grad:${p.name}`].data as ArrayLike<number>;
      let bad = false;
      for (let j = 0; j < g.length && !bad; j++) bad = !Number.isFinite(g[j]);
      if (bad) {
        batch = b.index;
        break;
      }
    }
    throw new SaneError('NON_FINITE', `non-finite gradient in parameter ${p.name}${batch >= 0 ? ` at batch ${batch}` : ''}`, {
      hint: `check the data for NaN/Inf values and the parameters for overflow; a smaller ${opt('fdStep')} can help when only perturbed points fail`,
    });
  }
}

export function firstNonFinite(a: GradientVector): number {
  // Summing is faster than testing every element; only a non-finite sum needs the element search.
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  if (Number.isFinite(s)) return -1;
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1; // the sum overflowed on finite values
}

/** The fetch list of a loss-only run. */
const LOSS_ONLY: readonly string[] = ['loss'];
