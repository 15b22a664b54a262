// Frozen gates: the selection state (ReLU masks, MaxPool argmax, ...) of every non-smooth op at θ, per batch. The
// gated gradient model takes them as inputs so that θ ± εv never flips a selection (see SANE.md: with live
// selections the finite difference crosses kinks and the spectrum is wrong). The state depends only on θ and the
// batch, so it is computed once per batch and kept while it fits the memory budget; batches beyond the budget are
// recomputed each time they are needed (one extra forward pass per batch per product). The gate model may also
// output tensors that depend on the batch alone (the first Conv's im2col patches, hoisted by the builder within
// setup's allowance, see hoistAllowance): they are kept and fed the same way.
import type { Batch } from '../data/dataset.js';
import type { RuntimeSession, OrtTensor } from './runtime.js';

export interface ParamInfo {
  name: string;
  dims: number[];
  size: number;
  offset: number;
}

/** Default budget for kept gate tensors: 1 GiB or a quarter of free memory, whichever is smaller. */
export async function defaultGateBudget(): Promise<number> {
  const os = await import('node:os');
  return Math.min(1024 ** 3, Math.floor(os.freemem() / 4));
}

/** Tensors of the parameters, shaped per ParamInfo, as views of one flat float32 vector. */
export function paramFeeds(session: RuntimeSession, params: ParamInfo[], theta: Float32Array): Record<string, OrtTensor> {
  const feeds: Record<string, OrtTensor> = {};
  for (const p of params) feeds[p.name] = session.floatTensor(theta.subarray(p.offset, p.offset + p.size), p.dims);
  return feeds;
}

export class GateStore {
  private kept: (Record<string, OrtTensor> | null)[];
  /** Bytes of the gate tensors kept. */
  bytes = 0;
  /** Gate evaluations done (initial ones plus recomputations). */
  evaluations = 0;
  keptBatches = 0;

  constructor(
    private readonly session: RuntimeSession,
    private readonly gateNames: string[],
    private readonly batches: Batch[],
    private readonly params: ParamInfo[],
    private readonly theta: Float32Array,
    private readonly budgetBytes: number,
  ) {
    this.kept = batches.map(() => null);
  }

  /** Computes the gates of every batch at θ, keeping them while they fit the budget. */
  async init(): Promise<void> {
    for (const b of this.batches) {
      const gates = await this.compute(b);
      const size = Object.values(gates).reduce((s, t) => s + byteLength(t), 0);
      if (this.bytes + size <= this.budgetBytes) {
        this.kept[b.index] = gates;
        this.bytes += size;
        this.keptBatches++;
      }
    }
  }

  get recomputing(): boolean {
    return this.keptBatches < this.batches.length;
  }

  /** The gate tensors of batch b at θ. */
  async forBatch(b: Batch): Promise<Record<string, OrtTensor>> {
    return this.kept[b.index] ?? this.compute(b);
  }

  private async compute(b: Batch): Promise<Record<string, OrtTensor>> {
    const names = this.session.inputNames;
    const feeds: Record<string, OrtTensor> = {};
    for (const [k, t] of Object.entries(b.feeds)) if (names.includes(k)) feeds[k] = this.session.tensor(t);
    const pf = paramFeeds(this.session, this.params, this.theta);
    for (const [k, t] of Object.entries(pf)) if (names.includes(k)) feeds[k] = t;
    const out = await this.session.run(feeds, this.gateNames);
    this.evaluations++;
    return out;
  }
}

function byteLength(t: OrtTensor): number {
  const d = t.data as { byteLength?: number } | undefined;
  return d?.byteLength ?? 0;
}
