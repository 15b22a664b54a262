// Runs the gradient models of src/onnx/gradient.ts with onnxruntime-node or onnxruntime-web (both in Node), the way
// the scorer will: gates computed once at theta by the gate model, then fed to the gated gradient model.
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import type { GradientModels } from '../../src/onnx/gradient.js';
import { readNpz } from '../../src/data/npz.js';

export type Runtime = 'node' | 'web';
type Ort = typeof ortNode;
type Session = ortNode.InferenceSession;
type Tensor = ortNode.Tensor;

export function ortOf(runtime: Runtime): Ort {
  if (runtime === 'web') {
    ortWeb.env.wasm.numThreads = 1;
    return ortWeb as unknown as Ort;
  }
  return ortNode;
}

export interface FeedArray {
  type: 'float32' | 'float64' | 'int64';
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array;
}

export class GradientRunner {
  private constructor(
    readonly g: GradientModels,
    private readonly ort: Ort,
    private readonly grad: Session,
    private readonly gates: Session | null,
  ) {}

  /** `which`: 'gated' uses g.gradient (+ gates), 'live' the plain model. */
  static async create(g: GradientModels, runtime: Runtime, which: 'gated' | 'live' = 'gated'): Promise<GradientRunner> {
    const ort = ortOf(runtime);
    const opts = { graphOptimizationLevel: 'all' as const, intraOpNumThreads: 1 };
    const grad = await ort.InferenceSession.create(which === 'gated' ? g.gradient : g.live, opts);
    const gates = which === 'gated' && g.gates ? await ort.InferenceSession.create(g.gates, opts) : null;
    return new GradientRunner(g, ort, grad, gates);
  }

  private paramFeeds(theta: Float32Array | Float64Array): Record<string, Tensor> {
    const feeds: Record<string, Tensor> = {};
    for (const p of this.g.params) {
      const slice = theta.subarray(p.offset, p.offset + p.size);
      feeds[p.name] = p.type === 'float64'
        ? new this.ort.Tensor('float64', Float64Array.from(slice), p.dims)
        : new this.ort.Tensor('float32', Float32Array.from(slice), p.dims);
    }
    return feeds;
  }

  private dataFeeds(data: Record<string, FeedArray>): Record<string, Tensor> {
    const feeds: Record<string, Tensor> = {};
    for (const [k, a] of Object.entries(data)) feeds[k] = new this.ort.Tensor(a.type, a.data, a.dims);
    return feeds;
  }

  gateValues: Record<string, Tensor> = {};

  /** Computes (and holds) the gates at theta; a no-op for models without gates or for the live model. */
  async freezeAt(theta: Float32Array | Float64Array, data: Record<string, FeedArray>): Promise<void> {
    if (!this.gates) return;
    const out = await this.gates.run({ ...this.dataFeeds(data), ...this.paramFeeds(theta) });
    this.gateValues = {};
    for (const n of this.g.gateNames) this.gateValues[n] = out[n];
  }

  /** Loss and flat gradient (float64 copy) at theta. */
  async run(theta: Float32Array | Float64Array, data: Record<string, FeedArray>): Promise<{ loss: number; grad: Float64Array }> {
    const feeds = { ...this.dataFeeds(data), ...this.paramFeeds(theta), ...this.gateValues };
    const out = await this.grad.run(feeds);
    const grad = new Float64Array(this.g.numParams);
    for (const p of this.g.params) {
      const t = out[`grad:${p.name}`];
      if (!t) throw new Error(`gradient model has no output grad:${p.name}`);
      grad.set(Array.from(t.data as Float32Array, Number), p.offset);
    }
    return { loss: Number((out.loss.data as Float32Array)[0]), grad };
  }

  async release(): Promise<void> {
    await this.grad.release();
    await this.gates?.release();
  }
}

/** Loss and flat gradient at the model's own θ, gates (when `which` is 'gated') frozen there: the check every
 *  gradient test makes against its reference. */
export async function gradientAtTheta(
  g: GradientModels, runtime: Runtime, data: Record<string, FeedArray>, which: 'gated' | 'live' = 'gated',
): Promise<{ loss: number; grad: Float64Array }> {
  const r = await GradientRunner.create(g, runtime, which);
  try {
    await r.freezeAt(g.theta, data);
    return await r.run(g.theta, data);
  } finally {
    await r.release();
  }
}

export function relErrNorm(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num += (a[i] - ref[i]) ** 2;
    den += ref[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/** A fixture .npz as feeds: x, and y as `labels`. */
export function fixtureData(npzPath: string): Record<string, FeedArray> {
  const npz = readNpz(npzPath);
  const feed = (a: (typeof npz)[string]): FeedArray => {
    if (a.dtype === 'int64') return { type: 'int64', dims: a.shape, data: a.data as BigInt64Array };
    if (a.dtype === 'float32') return { type: 'float32', dims: a.shape, data: a.data as Float32Array };
    if (a.dtype === 'float64') return { type: 'float64', dims: a.shape, data: a.data as Float64Array };
    throw new Error(`${npzPath}: test feeds support float32, float64 and int64, not ${a.dtype}`);
  };
  return { x: feed(npz.x), labels: feed(npz.y) };
}


/**
 * Checks a float64 gradient model against central differences of its own `loss` output (a forward computation
 * independent of the backward nodes): returns the relative error in norm over every coordinate.
 */
export async function fdCheckFloat64(g: GradientModels, data: Record<string, FeedArray>, h = 1e-6): Promise<{ err: number; grad: Float64Array; loss: number }> {
  const r = await GradientRunner.create(g, 'node', 'live');
  const theta = Float64Array.from(g.theta);
  const { grad, loss } = await r.run(theta, data);
  const fd = new Float64Array(theta.length);
  for (let j = 0; j < theta.length; j++) {
    const t = Float64Array.from(theta);
    t[j] = theta[j] + h;
    const lp = (await r.run(t, data)).loss;
    t[j] = theta[j] - h;
    const lm = (await r.run(t, data)).loss;
    fd[j] = (lp - lm) / (2 * h);
  }
  await r.release();
  return { err: relErrNorm(grad, fd), grad, loss };
}
