// Loss and gradient of the mean loss over all samples at given float32 parameter vectors: the gradient model is run
// per batch and each batch's mean gradient is accumulated in float64 with weight batchSize / N (the core's
// accumulate). Several points can be evaluated in one sweep over the batches, so a batch's frozen gates are fetched
// (or recomputed) once for both θ+εv and θ−εv.
import type { Core } from '../core/types.js';
import type { Batch } from '../data/dataset.js';
import { SaneError, opt } from '../errors.js';
import type { RuntimeSession, OrtTensor } from './runtime.js';
import { type GateStore, type ParamInfo, paramFeeds } from './gates.js';

export class GradientOracle {
  /** Gradient evaluations (one per point per sweep, all batches). */
  evaluations = 0;
  private readonly fetches: string[];
  private readonly dataFeeds: Record<string, OrtTensor>[];

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
   * Fills accs[i] with the mean gradient at points[i] and returns the mean losses. Throws NON_FINITE naming the
   * parameter and batch when a loss or gradient is not finite.
   */
  async evaluate(points: Float32Array[], accs: Float64Array[], options: { checkGradient?: boolean } = {}): Promise<number[]> {
    const losses = points.map(() => 0);
    for (const b of this.batches) {
      const gates = this.gates ? await this.gates.forBatch(b) : null;
      for (let i = 0; i < points.length; i++) {
        const out = await this.runBatch(b, points[i], gates);
        const loss = Number((out.loss.data as ArrayLike<number>)[0]);
        if (!Number.isFinite(loss)) {
          throw new SaneError('NON_FINITE', `non-finite loss (${loss}) at batch ${b.index}${i > 0 || points.length > 1 ? ' at a perturbed parameter vector' : ''}`, {
            hint: `check the data for NaN/Inf values and the model for overflow; a smaller ${opt('fdStep')} can help when only perturbed points fail`,
          });
        }
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
   * Differences of mean gradients without a float64 accumulator per point: for each pair (a, b) of points (written
   * by `pairs[i]()` into buffers it may share with the other pairs: it is called again before each use) and each
   * batch, the two gradients are computed one after the other and handed, parameter tensor by parameter tensor, to
   * `sink(pair, ga, gb, offset, weight, first)` (ga, gb: that tensor's float32 gradients at a and b; offset: its
   * place in the flat vector; weight: the batch's share of the mean; first: the first batch). The HVP forms
   * (ga − gb)/denominator from them straight into its output: at ResNet-18 size (11.2M parameters) each float64
   * accumulator is 89 MB, and Richardson needed five of them. Pairs are evaluated in order within a batch, so a sink
   * may combine pair 1 with what pair 0 wrote for the same batch. Losses are checked as in evaluate(); the gradients
   * are not (the caller checks its product, which a NaN or Inf in any gradient reaches).
   */
  async evaluateDifferences(
    pairs: (() => [Float32Array, Float32Array])[],
    sink: (pair: number, ga: ArrayLike<number>, gb: ArrayLike<number>, offset: number, weight: number, first: boolean) => void,
  ): Promise<void> {
    for (const b of this.batches) {
      const gates = this.gates ? await this.gates.forBatch(b) : null;
      for (let i = 0; i < pairs.length; i++) {
        const [pa, pb] = pairs[i]();
        const outA = await this.runBatch(b, pa, gates);
        this.checkLoss(outA, b, true);
        const outB = await this.runBatch(b, pb, gates);
        this.checkLoss(outB, b, true);
        for (const p of this.params) {
          const ga = outA[`grad:${p.name}`].data as ArrayLike<number>;
          const gb = outB[`grad:${p.name}`].data as ArrayLike<number>;
          if (ga.length !== p.size || gb.length !== p.size) {
            throw new SaneError('MODEL', `the gradient model returned ${ga.length !== p.size ? ga.length : gb.length} values for grad:${p.name}, expected ${p.size}`);
          }
          sink(i, ga, gb, p.offset, b.weight, b.index === 0);
        }
      }
    }
    this.evaluations += 2 * pairs.length;
  }

  private checkLoss(out: Record<string, OrtTensor>, b: Batch, perturbed: boolean): void {
    const loss = Number((out.loss.data as ArrayLike<number>)[0]);
    if (!Number.isFinite(loss)) {
      throw new SaneError('NON_FINITE', `non-finite loss (${loss}) at batch ${b.index}${perturbed ? ' at a perturbed parameter vector' : ''}`, {
        hint: `check the data for NaN/Inf values and the model for overflow; a smaller ${opt('fdStep')} can help when only perturbed points fail`,
      });
    }
  }

  /** After a non-finite product: finds the point, parameter and batch at fault and throws NON_FINITE. */
  async explainNonFinite(points: Float32Array[], accs: Float64Array[]): Promise<never> {
    for (let i = 0; i < points.length; i++) {
      const bad = firstNonFinite(accs[i]);
      if (bad >= 0) await this.reportNonFinite(points[i], bad);
    }
    throw new SaneError('NON_FINITE', 'the Hessian-vector product overflowed (finite gradients, non-finite difference)', {
      hint: `the gradients are finite but their difference is not: try a larger ${opt('fdStep')} or check the parameter scale`,
    });
  }

  private async runBatch(b: Batch, point: Float32Array, gates: Record<string, OrtTensor> | null): Promise<Record<string, OrtTensor>> {
    const feeds: Record<string, OrtTensor> = { ...this.dataFeeds[b.index], ...paramFeeds(this.session, this.params, point) };
    if (gates) Object.assign(feeds, gates);
    return this.session.run(feeds, this.fetches);
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

export function firstNonFinite(a: Float64Array): number {
  // Summing is faster than testing every element; only a non-finite sum needs the element search.
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  if (Number.isFinite(s)) return -1;
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1; // the sum overflowed on finite values
}
