// Subsets and batches of a matched dataset: a seeded random subset of samples (sorted, so batches keep file order),
// the default batch size, and the cut into batches (views, no copy) whose weights make the batch means add up to
// the mean over all samples.
import { SaneError, opt } from '../errors.js';
import { mulberry32 } from '../util/random.js';
import { product, staticDim } from './shapes.js';
import type { Batch, Dataset, InputSpec, TensorData } from './types.js';

/** The sorted indices of a random subset of `count` of `total` samples (partial Fisher-Yates). */
export function subsetIndices(total: number, count: number, seed: number): number[] {
  if (!Number.isInteger(count) || count <= 0) throw new SaneError('BAD_OPTION', `${opt('samples')} must be a positive integer, got ${count}`);
  if (count > total) throw new SaneError('BAD_OPTION', `${opt('samples', count)} exceeds the ${total} samples in the data`);
  const idx = Array.from({ length: total }, (_, i) => i);
  const rand = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (total - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, count).sort((a, b) => a - b);
}

function takeRows(t: TensorData, rows: number[]): TensorData {
  const per = product(t.dims.slice(1));
  const Ctor = t.data.constructor as new (n: number) => TensorData['data'];
  const out = new Ctor(rows.length * per);
  rows.forEach((r, i) => (out as { set(a: ArrayLike<unknown>, o: number): void }).set(t.data.subarray(r * per, (r + 1) * per) as ArrayLike<unknown>, i * per));
  return { type: t.type, dims: [rows.length, ...t.dims.slice(1)], data: out };
}

/** A random subset of N samples (sorted, so the batches keep file order). */
export function subsetDataset(ds: Dataset, count: number, seed: number): Dataset {
  const rows = subsetIndices(ds.numSamples, count, seed);
  const inputs: Record<string, TensorData> = {};
  for (const [k, t] of Object.entries(ds.inputs)) inputs[k] = takeRows(t, rows);
  return { numSamples: count, inputs, labels: ds.labels ? takeRows(ds.labels, rows) : null, keys: ds.keys };
}

function sliceRows(t: TensorData, start: number, end: number): TensorData {
  const per = product(t.dims.slice(1));
  return { type: t.type, dims: [end - start, ...t.dims.slice(1)], data: t.data.subarray(start * per, end * per) as TensorData['data'] };
}

/** Bytes per sample over all inputs and labels. */
export function bytesPerSample(ds: Dataset): number {
  let b = 0;
  for (const t of Object.values(ds.inputs)) b += t.data.byteLength / ds.numSamples;
  if (ds.labels) b += ds.labels.data.byteLength / ds.numSamples;
  return b;
}

/**
 * Default batch size: everything in one batch while that stays small (fewer, larger runs are what onnxruntime does
 * best), else batches of at most 32 MiB of input or 1024 samples.
 */
export function defaultBatchSize(ds: Dataset): number {
  return defaultBatchRows(ds.numSamples, bytesPerSample(ds));
}

/** defaultBatchSize from the sample count and the input bytes a sample (also the build's estimate of it, before the
 *  data is matched to the model: setup.ts, batchRowsFor). */
export function defaultBatchRows(numSamples: number, bytesPerSample: number): number {
  const byBytes = Math.max(1, Math.floor((32 * 1024 * 1024) / Math.max(1, bytesPerSample)));
  return Math.min(numSamples, 1024, byBytes);
}

/**
 * Cuts the data into batches of `batchSize` (views, no copy). The last batch may be smaller; its weight is its
 * share of the samples, so the weighted sum of batch means is the mean over all samples.
 * `fixedBatch`: a batch size the model pins on its first axis, which every batch must then have.
 */
export function makeBatches(ds: Dataset, batchSize: number, fixedBatch?: number, ignoreIndex?: number): Batch[] {
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new SaneError('BAD_OPTION', `${opt('batchSize')} must be a positive integer, got ${batchSize}`);
  }
  const n = ds.numSamples;
  const size = Math.min(batchSize, n);
  if (fixedBatch !== undefined && (size !== fixedBatch || n % fixedBatch !== 0)) {
    throw new SaneError(
      'DATA_SHAPE',
      `the model was exported with a fixed batch size of ${fixedBatch}, which does not fit ${n} samples in batches of ${size}`,
      { hint: `use ${opt('batchSize', fixedBatch)} with a number of samples divisible by ${fixedBatch} (${opt('samples')}), or export the model with a dynamic batch axis (dynamic_axes in torch.onnx.export)` },
    );
  }
  const batches: Batch[] = [];
  for (let start = 0, index = 0; start < n; start += size, index++) {
    const end = Math.min(n, start + size);
    const feeds: Record<string, TensorData> = {};
    for (const [k, t] of Object.entries(ds.inputs)) feeds[k] = sliceRows(t, start, end);
    if (ds.labels) feeds.labels = sliceRows(ds.labels, start, end);
    batches.push({ index, size: end - start, weight: (end - start) / n, feeds });
  }
  if (ignoreIndex !== undefined && ds.labels) weighByCountedLabels(batches, ignoreIndex);
  return batches;
}

/**
 * Cross-entropy leaves positions labelled ignoreIndex out of each batch's mean (src/onnx/loss.ts), so a batch weighs
 * by the positions it counts, not by its samples: then the weighted sum of the batches' means is the mean over all
 * counted positions, as PyTorch's F.cross_entropy over the whole set. Without ignored labels nothing changes.
 */
function weighByCountedLabels(batches: Batch[], ignoreIndex: number): void {
  const ignore = BigInt(ignoreIndex);
  const counts = batches.map((b) => {
    const labels = b.feeds.labels.data as BigInt64Array;
    let c = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] !== ignore) c++;
    return { c, all: labels.length };
  });
  const total = counts.reduce((s, x) => s + x.c, 0);
  if (total === counts.reduce((s, x) => s + x.all, 0)) return;
  if (total === 0) {
    throw new SaneError('LABELS', `every label is ${ignoreIndex}, the ignore index: cross-entropy has no position to average over`, {
      hint: `${opt('ignoreIndex')} sets the label left out (PyTorch's ignore_index, default -100)`,
    });
  }
  batches.forEach((b, i) => (b.weight = counts[i].c / total));
}

/** The fixed first-axis size of the data inputs, if the model pins one (e.g. exported with batch 1). */
export function fixedBatchSize(dataInputs: InputSpec[]): number | undefined {
  for (const inp of dataInputs) {
    const d = inp.shape && inp.shape.length > 0 ? staticDim(inp.shape[0]) : undefined;
    if (d !== undefined) return d;
  }
  return undefined;
}

