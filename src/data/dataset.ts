// The samples a score is computed on: arrays from an .npz/.npy file (or given in memory) matched to the gradient
// model's inputs by name, checked against the model's declared shapes and dtypes, optionally subsampled, and cut
// into batches. The loss is the mean over all samples: a batch's mean loss and gradient weigh batchSize / N.
import { SaneError, errorMessage } from '../errors.js';
import { mulberry32 } from '../util/random.js';

export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** One named array as read from a file: dtype in numpy spelling ('float32', '<f4', 'int64', ...). */
export interface ArrayData {
  dtype: string;
  shape: number[];
  data: TypedArray | ArrayLike<number> | ArrayLike<bigint>;
}

/** An array ready for onnxruntime: ort tensor type names. */
export interface TensorData {
  type: 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'uint8' | 'int8';
  dims: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array;
}

/** What the gradient model says about one of its inputs (from onnxruntime's input metadata). */
export interface InputSpec {
  name: string;
  /** ort tensor type, e.g. 'float32', 'int64'. */
  type: string;
  /** Declared dims; strings/negative/undefined are symbolic. Absent when the model declares no shape. */
  shape?: ReadonlyArray<number | string | undefined | null>;
}

export interface DatasetSpec {
  dataInputs: InputSpec[];
  /** 'int64' (class indices), 'float' (regression targets) or null (the loss needs no labels). */
  labelsType: 'int64' | 'float' | null;
  /** Declared shape of the gradient model's `labels` input, if any. */
  labelsShape?: ReadonlyArray<number | string | undefined | null>;
  /** Declared element type of `labels` for regression ('float32' unless the model computes in float64). */
  labelsElementType?: string;
  /** Cross-entropy: number of classes (size of the logits' axis 1) for the range check; undefined skips it. */
  numClasses?: number;
  inputMap?: Record<string, string>;
  labelsKey?: string;
}

export interface Dataset {
  numSamples: number;
  inputs: Record<string, TensorData>;
  labels: TensorData | null;
  /** Data key used for each model input, and for labels (for the report). */
  keys: Record<string, string>;
}

export interface Batch {
  /** Index of the batch, for error messages. */
  index: number;
  size: number;
  /** size / N: how much this batch's mean counts in the overall mean. */
  weight: number;
  feeds: Record<string, TensorData>;
}

const DTYPE_ALIASES: Record<string, TensorData['type'] | 'float16' | 'int16' | 'uint16' | 'uint32' | 'uint64'> = {
  f4: 'float32', float32: 'float32', f8: 'float64', float64: 'float64', double: 'float64', float: 'float32',
  f2: 'float16', float16: 'float16',
  i8: 'int64', int64: 'int64', i4: 'int32', int32: 'int32', i2: 'int16', int16: 'int16', i1: 'int8', int8: 'int8',
  u1: 'uint8', uint8: 'uint8', u2: 'uint16', uint16: 'uint16', u4: 'uint32', uint32: 'uint32', u8: 'uint64',
  uint64: 'uint64', b1: 'bool', bool: 'bool',
};

/** 'float32' for '<f4', '|b1', 'float32', ... */
export function normalizeDtype(dtype: string): string {
  const d = dtype.replace(/^[<>|=]/, '').toLowerCase();
  return DTYPE_ALIASES[d] ?? d;
}

const isFloatType = (t: string) => t === 'float32' || t === 'float64' || t === 'float16';
const isIntType = (t: string) => /^u?int(8|16|32|64)$/.test(t);

function shapeString(shape: ReadonlyArray<unknown>): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d ? d : '?')).join(', ')}]`;
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** A declared dim that pins a size (positive number); symbolic or unknown dims return undefined. */
function staticDim(d: number | string | undefined | null): number | undefined {
  return typeof d === 'number' && d > 0 ? d : undefined;
}

/** Converts array contents to the tensor type the model wants, refusing lossy conversions that change meaning. */
function convert(arr: ArrayData, to: TensorData['type'], what: string): TensorData['data'] {
  const from = normalizeDtype(arr.dtype);
  const src = arr.data as ArrayLike<number | bigint>;
  const n = src.length;
  switch (to) {
    case 'float32':
    case 'float64': {
      if (!isFloatType(from) && !isIntType(from) && from !== 'bool') {
        throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype}, the model expects ${to}`);
      }
      if (to === 'float32' && src instanceof Float32Array) return src;
      if (to === 'float64' && src instanceof Float64Array) return src;
      const out = to === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
    case 'int64':
    case 'int32': {
      if (isFloatType(from)) {
        // Integer data saved as floats (common for labels) is accepted when every value is integral.
        for (let i = 0; i < n; i++) {
          const v = Number(src[i]);
          if (!Number.isInteger(v)) {
            throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype} with non-integer value ${v} at flat index ${i}; the model expects ${to}`);
          }
        }
      } else if (!isIntType(from) && from !== 'bool') {
        throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype}, the model expects ${to}`);
      }
      if (to === 'int64') {
        if (src instanceof BigInt64Array) return src;
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = BigInt(Number(src[i]));
        return out;
      }
      if (src instanceof Int32Array) return src;
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
    case 'bool':
    case 'uint8': {
      if (src instanceof Uint8Array) return src;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]) ? (to === 'bool' ? 1 : Number(src[i])) : 0;
      return out;
    }
    case 'int8': {
      if (src instanceof Int8Array) return src;
      const out = new Int8Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
  }
}

function tensorType(t: string, inputName: string): TensorData['type'] {
  if (['float32', 'float64', 'int64', 'int32', 'bool', 'uint8', 'int8'].includes(t)) return t as TensorData['type'];
  throw new SaneError('DATA_SHAPE', `model input '${inputName}' has type ${t}, which the scorer cannot feed from data`);
}

function checkArray(arr: ArrayData, key: string): void {
  const n = (arr.data as ArrayLike<unknown>).length;
  if (!Array.isArray(arr.shape) || arr.shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new SaneError('CORRUPT_FILE', `data array '${key}' has an invalid shape ${JSON.stringify(arr.shape)}`);
  }
  if (product(arr.shape) !== n) {
    throw new SaneError('CORRUPT_FILE', `data array '${key}' has shape ${shapeString(arr.shape)} but ${n} values`);
  }
  if (arr.shape.length === 0) {
    throw new SaneError('DATA_SHAPE', `data array '${key}' is a scalar; expected one row per sample (first axis = samples)`);
  }
}

/**
 * Matches arrays to model inputs. Each data input takes the array of its own name unless `inputMap` says otherwise;
 * when the model has exactly one data input without a same-named array and exactly one unused non-label array is
 * left, that array is taken (PyTorch exports often name the input 'input.1' or 'onnx::Gemm_0'). Labels come from
 * `labelsKey` (default 'y').
 */
export function matchDataset(arrays: Record<string, ArrayData>, spec: DatasetSpec): Dataset {
  const keys = Object.keys(arrays);
  const inputMap = spec.inputMap ?? {};
  const labelsKey = spec.labelsKey ?? 'y';
  const inputNames = spec.dataInputs.map((i) => i.name);
  for (const [name, key] of Object.entries(inputMap)) {
    if (!inputNames.includes(name)) {
      throw new SaneError('DATA_KEY', `--input ${name}=${key}: the model has no data input named '${name}' (its inputs: ${inputNames.join(', ') || 'none'})`);
    }
    if (!(key in arrays)) {
      throw new SaneError('DATA_KEY', `--input ${name}=${key}: the data has no array '${key}' (its arrays: ${keys.join(', ') || 'none'})`);
    }
  }
  if (spec.labelsType !== null && !(labelsKey in arrays)) {
    throw new SaneError('DATA_KEY', `the data has no labels array '${labelsKey}' (its arrays: ${keys.join(', ') || 'none'}); name the labels with --labels KEY`);
  }

  const chosen: Record<string, string> = {};
  const used = new Set<string>(spec.labelsType !== null ? [labelsKey] : []);
  for (const name of inputNames) {
    if (inputMap[name] !== undefined) chosen[name] = inputMap[name];
    else if (name in arrays) chosen[name] = name;
    if (chosen[name] !== undefined) used.add(chosen[name]);
  }
  const missing = inputNames.filter((n) => chosen[n] === undefined);
  const unused = keys.filter((k) => !used.has(k));
  if (missing.length === 1 && unused.length === 1) {
    chosen[missing[0]] = unused[0];
    used.add(unused[0]);
    missing.length = 0;
  }
  if (missing.length > 0) {
    const which = missing.map((m) => `'${m}'`).join(', ');
    throw new SaneError(
      'DATA_KEY',
      `no data array matches model input ${which}: the data holds ${keys.map((k) => `'${k}'`).join(', ') || 'nothing'}` +
        (unused.length ? `, of which ${unused.map((k) => `'${k}'`).join(', ')} match no model input` : ''),
      { hint: `map an array to the input with --input ${missing[0]}=KEY (API: inputMap: { '${missing[0]}': 'KEY' })` },
    );
  }

  // Sample count: the first axis of every array must agree.
  let numSamples = -1;
  const allUsed = [...new Set(Object.values(chosen).concat(spec.labelsType !== null ? [labelsKey] : []))];
  for (const key of allUsed) {
    checkArray(arrays[key], key);
    const n = arrays[key].shape[0];
    if (numSamples < 0) numSamples = n;
    else if (n !== numSamples) {
      const first = allUsed[0];
      throw new SaneError('DATA_SHAPE', `arrays disagree on the number of samples: '${first}' has ${numSamples} (shape ${shapeString(arrays[first].shape)}), '${key}' has ${n} (shape ${shapeString(arrays[key].shape)})`);
    }
  }
  if (numSamples <= 0) throw new SaneError('DATA_SHAPE', `the data has no samples (first axis of '${allUsed[0]}' is 0)`);

  const inputs: Record<string, TensorData> = {};
  for (const inp of spec.dataInputs) {
    const key = chosen[inp.name];
    const arr = arrays[key];
    const what = `data array '${key}' (for model input '${inp.name}')`;
    const declared = inp.shape;
    if (declared && declared.length > 0) {
      if (declared.length !== arr.shape.length) {
        throw new SaneError('DATA_SHAPE', `${what} has shape ${shapeString(arr.shape)} (rank ${arr.shape.length}); the model expects ${shapeString(declared)} (rank ${declared.length}), first axis = samples`);
      }
      for (let a = 1; a < declared.length; a++) {
        const d = staticDim(declared[a]);
        if (d !== undefined && d !== arr.shape[a]) {
          throw new SaneError('DATA_SHAPE', `${what} has shape ${shapeString(arr.shape)}; the model expects ${shapeString(declared)} (axis ${a} is ${arr.shape[a]}, should be ${d})`);
        }
      }
    }
    const type = tensorType(inp.type, inp.name);
    inputs[inp.name] = { type, dims: [...arr.shape], data: convert(arr, type, what) };
  }

  let labels: TensorData | null = null;
  if (spec.labelsType !== null) {
    labels = matchLabels(arrays[labelsKey], labelsKey, spec, numSamples);
    chosen.labels = labelsKey;
  }
  return { numSamples, inputs, labels, keys: chosen };
}

function matchLabels(arr: ArrayData, key: string, spec: DatasetSpec, numSamples: number): TensorData {
  const from = normalizeDtype(arr.dtype);
  let dims = [...arr.shape];
  const declared = spec.labelsShape && spec.labelsShape.length > 0 ? spec.labelsShape : undefined;
  if (spec.labelsType === 'int64') {
    if (isFloatType(from)) {
      const src = arr.data as ArrayLike<number>;
      for (let i = 0; i < src.length; i++) {
        if (!Number.isInteger(src[i])) {
          throw new SaneError('LABELS', `labels '${key}' hold non-integer value ${src[i]} (sample ${Math.floor(i / (src.length / numSamples))}); cross-entropy needs integer class indices`, { hint: 'for regression targets use --loss mse' });
        }
      }
    } else if (!isIntType(from)) {
      throw new SaneError('LABELS', `labels '${key}' have dtype ${arr.dtype}; cross-entropy needs integer class indices`);
    }
    // A column of class indices ([N, 1], as often saved from pandas) is the same thing as [N].
    if (declared && declared.length === dims.length - 1 && dims[dims.length - 1] === 1) dims = dims.slice(0, -1);
    if (declared && declared.length !== dims.length) {
      throw new SaneError('DATA_SHAPE', `labels '${key}' have shape ${shapeString(dims)}; the loss expects class indices of shape ${shapeString(declared)}`);
    }
    const data = convert(arr, 'int64', `labels '${key}'`) as BigInt64Array;
    const labels: TensorData = { type: 'int64', dims, data };
    checkLabelRange(labels, spec.numClasses, key, numSamples);
    return labels;
  }
  // Regression targets.
  if (!isFloatType(from) && !isIntType(from)) {
    throw new SaneError('LABELS', `labels '${key}' have dtype ${arr.dtype}; mse needs numeric targets`);
  }
  if (declared) {
    const declaredStatic = declared.slice(1).map(staticDim);
    const sameRank = declared.length === dims.length;
    const fits = sameRank && declaredStatic.every((d, a) => d === undefined || d === dims[a + 1]);
    if (!fits) {
      // [N] targets for an [N, 1] output (and the like): same values per sample, so reshaping is unambiguous.
      const allStatic = declaredStatic.every((d) => d !== undefined);
      const perSample = product(dims.slice(1));
      if (allStatic && product(declaredStatic as number[]) === perSample) {
        dims = [numSamples, ...(declaredStatic as number[])];
      } else {
        throw new SaneError('DATA_SHAPE', `labels '${key}' have shape ${shapeString(arr.shape)}; the model's output (what mse compares them with) has shape ${shapeString(declared)}`);
      }
    }
  }
  const type = spec.labelsElementType === 'float64' ? 'float64' : 'float32';
  return { type, dims, data: convert(arr, type, `labels '${key}'`) };
}

/**
 * Class indices must lie in 0..C-1 (C = size of the logits' class axis); otherwise cross-entropy would read past the
 * logits (an onnxruntime error at best, a wrong number at worst).
 */
export function checkLabelRange(labels: TensorData, numClasses: number | undefined, key: string, numSamples: number): void {
  const data = labels.data as BigInt64Array;
  const c = numClasses;
  const per = data.length / numSamples;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v < 0 || (c !== undefined && v >= c)) {
      throw new SaneError(
        'LABELS',
        `labels out of range: '${key}' holds class ${v} at sample ${Math.floor(i / per)}, but the model's output has ${c ?? 'a non-negative number of'} classes` +
          (c !== undefined ? ` (valid: 0..${c - 1})` : ''),
        { hint: 'labels must be 0-based class indices of this model\'s output (or use --loss mse for regression targets)' },
      );
    }
  }
}


/** The sorted indices of a random subset of `count` of `total` samples (partial Fisher-Yates). */
export function subsetIndices(total: number, count: number, seed: number): number[] {
  if (!Number.isInteger(count) || count <= 0) throw new SaneError('BAD_OPTION', `--samples must be a positive integer, got ${count}`);
  if (count > total) throw new SaneError('BAD_OPTION', `--samples ${count} exceeds the ${total} samples in the data`);
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
  const byBytes = Math.max(1, Math.floor((32 * 1024 * 1024) / Math.max(1, bytesPerSample(ds))));
  return Math.min(ds.numSamples, 1024, byBytes);
}

/**
 * Cuts the data into batches of `batchSize` (views, no copy). The last batch may be smaller; its weight is its
 * share of the samples, so the weighted sum of batch means is the mean over all samples.
 * `fixedBatch`: a batch size the model pins on its first axis, which every batch must then have.
 */
export function makeBatches(ds: Dataset, batchSize: number, fixedBatch?: number): Batch[] {
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new SaneError('BAD_OPTION', `--batch-size must be a positive integer, got ${batchSize}`);
  }
  const n = ds.numSamples;
  const size = Math.min(batchSize, n);
  if (fixedBatch !== undefined && (size !== fixedBatch || n % fixedBatch !== 0)) {
    throw new SaneError(
      'DATA_SHAPE',
      `the model was exported with a fixed batch size of ${fixedBatch}, which does not fit ${n} samples in batches of ${size}`,
      { hint: `use --batch-size ${fixedBatch} with a number of samples divisible by ${fixedBatch} (--samples), or export the model with a dynamic batch axis (dynamic_axes in torch.onnx.export)` },
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
  return batches;
}

/** The fixed first-axis size of the data inputs, if the model pins one (e.g. exported with batch 1). */
export function fixedBatchSize(dataInputs: InputSpec[]): number | undefined {
  for (const inp of dataInputs) {
    const d = inp.shape && inp.shape.length > 0 ? staticDim(inp.shape[0]) : undefined;
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * Reads the arrays of an .npz (all arrays by name) or a single .npy (one array named after the file, which the
 * sole-input fallback of matchDataset then feeds to a single-input model).
 */
export async function loadArrays(data: string | Record<string, ArrayData>): Promise<Record<string, ArrayData>> {
  if (typeof data !== 'string') {
    if (!data || typeof data !== 'object') throw new SaneError('BAD_OPTION', 'data must be a path to an .npz/.npy file or a record of arrays');
    return data;
  }
  const { stat } = await import('node:fs/promises');
  try {
    const s = await stat(data);
    if (s.isDirectory()) throw new SaneError('FILE_NOT_FOUND', `data path is a directory, not a file: ${data}`);
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('FILE_NOT_FOUND', `data file not found: ${data}`);
  }
  const npz = await import('./npz.js');
  const lower = data.toLowerCase();
  try {
    if (lower.endsWith('.npy')) {
      const readNpy = (npz as unknown as { readNpy?: (p: string) => ArrayData | Promise<ArrayData> }).readNpy;
      if (!readNpy) throw new SaneError('BAD_OPTION', `.npy files are not supported by this build; save the data as .npz (numpy.savez)`);
      const base = data.replace(/^.*[\\/]/, '').replace(/\.npy$/i, '');
      return { [base]: await readNpy(data) };
    }
    return (await npz.readNpz(data)) as Record<string, ArrayData>;
  } catch (e) {
    if (e instanceof SaneError) throw e;
    throw new SaneError('CORRUPT_FILE', `cannot read data file ${data}: ${errorMessage(e)}`, { cause: e, hint: 'the data must be a numpy .npz (numpy.savez) or .npy file' });
  }
}
