// Matching arrays to the gradient model's inputs: by name, by an explicit map, or the sole leftover array for a
// single-input model; checked against the declared shapes and dtypes; labels shaped and range-checked for the loss.
import { SaneError, opt } from '../errors.js';
import { convert, isFloatType, isIntType, normalizeDtype, tensorType } from './dtype-convert.js';
import { product, shapeString, staticDim } from './shapes.js';
import type { ArrayData, Dataset, DatasetSpec, TensorData } from './types.js';

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
      throw new SaneError('DATA_KEY', `${opt('inputMap', `${name}=${key}`)}: the model has no data input named '${name}' (its inputs: ${inputNames.join(', ') || 'none'})`);
    }
    if (!(key in arrays)) {
      throw new SaneError('DATA_KEY', `${opt('inputMap', `${name}=${key}`)}: the data has no array '${key}' (its arrays: ${keys.join(', ') || 'none'})`);
    }
  }
  if (spec.labelsType !== null && !(labelsKey in arrays)) {
    throw new SaneError('DATA_KEY', `the data has no labels array '${labelsKey}' (its arrays: ${keys.join(', ') || 'none'}); name the labels with ${opt('labelsKey', 'KEY')}`);
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
      { hint: `map an array to the input with ${opt('inputMap', `${missing[0]}=KEY`)}` },
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
  const warnings: string[] = [];
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
    if (normalizeDtype(arr.dtype) === 'uint8' && isFloatType(type)) warnings.push(rawBytesWarning(what));
  }

  let labels: TensorData | null = null;
  if (spec.labelsType !== null) {
    labels = matchLabels(arrays[labelsKey], labelsKey, spec, numSamples);
    chosen.labels = labelsKey;
  }
  return { numSamples, inputs, labels, keys: chosen, ...(warnings.length ? { warnings } : {}) };
}

// Images saved as they were decoded: a PyTorch model would refuse a uint8 tensor at its first Conv, so the training
// fed something else (ToTensor's [0, 1], then Normalize), unless the exported graph scales its input itself.
const rawBytesWarning = (what: string) =>
  `${what} holds uint8 values, fed to the model as the floats 0-255; a model trained on torchvision's transforms (ToTensor, Normalize) saw floats near 0, so unless the exported model scales its input itself, save the images as the training fed them`;

function matchLabels(arr: ArrayData, key: string, spec: DatasetSpec, numSamples: number): TensorData {
  const from = normalizeDtype(arr.dtype);
  let dims = [...arr.shape];
  const declared = spec.labelsShape && spec.labelsShape.length > 0 ? spec.labelsShape : undefined;
  if (spec.labelsType === 'int64') {
    if (isFloatType(from)) {
      const src = arr.data as ArrayLike<number>;
      for (let i = 0; i < src.length; i++) {
        if (!Number.isInteger(src[i])) {
          throw new SaneError('LABELS', `labels '${key}' hold non-integer value ${src[i]} (sample ${Math.floor(i / (src.length / numSamples))}); cross-entropy needs integer class indices`, { hint: `for regression targets use ${opt('loss', 'mse')}` });
        }
      }
    } else if (!isIntType(from)) {
      throw new SaneError('LABELS', `labels '${key}' have dtype ${arr.dtype}; cross-entropy needs integer class indices`);
    }
    // A column of class indices ([N, 1], as often saved from pandas) is the same thing as [N].
    if (declared && declared.length === dims.length - 1 && dims[dims.length - 1] === 1) dims = dims.slice(0, -1);
    // Per-position labels of a segmentation map ([N, H, W] for logits [N, C, H, W]) must match its static sizes.
    const misfit = declared && (declared.length !== dims.length || declared.slice(1).some((d, a) => staticDim(d) !== undefined && staticDim(d) !== dims[a + 1]));
    if (misfit) {
      const last = spec.classAxis === -1;
      const perPosition = declared.length >= 2;
      throw new SaneError('DATA_SHAPE', `labels '${key}' have shape ${shapeString(dims)}; the loss expects class indices of shape ${shapeString(declared)} (the logits' shape without the class axis ${last ? '-1, the last' : '1'})`, perPosition ? {
        hint: last
          ? `${opt('classAxis', '1')} takes the classes on axis 1, as PyTorch's F.cross_entropy does`
          : `cross-entropy takes the classes on axis 1 as PyTorch's F.cross_entropy does; for logits with the classes last (a language model's [batch, seq, vocab]) use ${opt('classAxis', '-1')}`,
      } : undefined);
    }
    const data = convert(arr, 'int64', `labels '${key}'`) as BigInt64Array;
    const labels: TensorData = { type: 'int64', dims, data };
    checkLabelRange(labels, spec.numClasses, key, numSamples, spec.ignoreIndex);
    return labels;
  }
  // Regression or binary targets.
  const loss = spec.floatLoss ?? 'mse';
  if (!isFloatType(from) && !isIntType(from)) {
    throw new SaneError('LABELS', `labels '${key}' have dtype ${arr.dtype}; ${loss} needs numeric targets`);
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
        throw new SaneError('DATA_SHAPE', `labels '${key}' have shape ${shapeString(arr.shape)}; the model's output (what ${loss} compares them with) has shape ${shapeString(declared)}`);
      }
    }
  }
  const type = spec.labelsElementType === 'float64' ? 'float64' : 'float32';
  const data = convert(arr, type, `labels '${key}'`) as Float32Array | Float64Array;
  if (loss !== 'mse') checkProbabilities(data, key, numSamples, loss);
  return { type, dims, data };
}

/**
 * Class indices must lie in 0..C-1 (C = size of the logits' class axis); otherwise cross-entropy would read past the
 * logits (an onnxruntime error at best, a wrong number at worst).
 */
export function checkLabelRange(labels: TensorData, numClasses: number | undefined, key: string, numSamples: number, ignoreIndex?: number): void {
  const data = labels.data as BigInt64Array;
  const c = numClasses;
  const per = data.length / numSamples;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (v === ignoreIndex) continue;
    if (v < 0 || (c !== undefined && v >= c)) {
      throw new SaneError(
        'LABELS',
        `labels out of range: '${key}' holds class ${v} at sample ${Math.floor(i / per)}, but the model's output has ${c ?? 'a non-negative number of'} classes` +
          (c !== undefined ? ` (valid: 0..${c - 1})` : ''),
        { hint: `labels must be 0-based class indices of this model's output, or ${opt('ignoreIndex')} (${ignoreIndex ?? 'unset'}) for positions left out (or use ${opt('loss', 'mse')} for regression targets)` },
      );
    }
  }
}

/** Binary cross-entropy targets are probabilities (PyTorch's BCELoss refuses others; BCEWithLogitsLoss would give a
 *  loss unbounded below, not a trained model's). */
function checkProbabilities(data: Float32Array | Float64Array, key: string, numSamples: number, loss: 'bce' | 'cross-entropy'): void {
  for (let i = 0; i < data.length; i++) {
    if (data[i] >= 0 && data[i] <= 1) continue;
    const where = `labels '${key}' hold ${data[i]} at sample ${Math.floor(i / (data.length / numSamples))}`;
    if (loss === 'cross-entropy') {
      // Shaped like the logits, so read as class probabilities (a one-hot row, a soft label), as F.cross_entropy does.
      throw new SaneError('LABELS', `${where}; labels shaped like the logits are class probabilities for cross-entropy, in [0, 1]`, {
        hint: `class indices have one axis fewer than the logits (shape [batch] for logits [batch, classes]); for regression targets use ${opt('loss', 'mse')}`,
      });
    }
    throw new SaneError('LABELS', `${where}; bce needs targets in [0, 1] (0/1 labels, one per output)`, {
      hint: `for class indices of a softmax output use ${opt('loss', 'cross-entropy')}; for regression targets ${opt('loss', 'mse')}`,
    });
  }
}
