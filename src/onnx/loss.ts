// The losses appended to the forward graph, each with its gradient w.r.t. the model output written out directly
// (cheaper and more accurate than differentiating the loss nodes):
// - cross-entropy: L = -mean_n log_softmax(z_n)[y_n], dL/dz = (softmax(z) - onehot(y)) / N  (PyTorch's
//   F.cross_entropy, reduction 'mean'); built from LogSoftmax + GatherElements, the one-hot from Equal against a Range,
//   so onnxruntime-web runs it too. As in PyTorch, logits [N, C, d1, ...] (a segmentation map) have their classes on
//   axis 1 and labels [N, d1, ...], and the mean runs over every position; positions labelled ignore_index (-100 by
//   default, as in PyTorch) are left out of the sum and of the count. A batch's mean is over its own counted positions;
//   the batches are weighted by their counts (src/data/batches.ts), so the loss is the mean over all of them.
//   Logits with the classes last (a language model's [batch, seq, vocab] with labels [batch, seq]) are what
//   F.cross_entropy(logits.flatten(0, -2), labels.flatten()) trains on: the same loss over the last axis. PyTorch
//   itself refuses such a pair (it would read the classes from axis 1), so the labels' shape decides (classAxisFor).
// - mse: L = mean over all elements of (p - y)^2, dL/dp = 2 (p - y) / numel  (PyTorch's F.mse_loss default).
// - bce: binary cross-entropy over all elements, L = mean(softplus(z) - y z), dL/dz = (sigmoid(z) - y) / numel, with z
//   the logits (nn.BCEWithLogitsLoss). A model whose output is a Sigmoid's was trained on its probabilities
//   (nn.BCELoss): the same function of the Sigmoid's input, so z is that input and the Sigmoid is not differentiated
//   (PyTorch's BCELoss clamps log p at -100, which only matters for outputs saturated past 1e-44).
// - output:NAME: the model's own scalar output; the seed is 1.
import type { Emitter } from './emitter.js';
import type { LossEmission } from './builder.js';
import type { ForwardGraph } from './graph.js';
import { LabelsError, LossOutputError } from './errors.js';
import { opt } from '../errors.js';
import { DataType, isFloatType, valueInfo } from './load.js';
import { isDefaultDomain } from './proto-types.js';
import type { ShapeInfo } from './shapes.js';
import { dimsToValueInfoDims } from './emitter.js';
import { softmaxLogits } from './softmax-output.js';

export type LossSpec = 'cross-entropy' | 'mse' | 'bce' | `output:${string}`;

export const LABELS = 'labels';

export interface ResolvedLoss {
  kind: 'cross-entropy' | 'mse' | 'bce' | 'output';
  /** Tensor the loss is computed from (bce on a Sigmoid output: the Sigmoid's input). */
  target: string;
  labelsType: 'int64' | 'float' | null;
  /** cross-entropy: the class axis taken (1, or -1 for the last). */
  classAxis?: 1 | -1;
  /** cross-entropy: what the labels hold (class indices unless they are shaped like the logits). */
  targets?: 'indices' | 'probabilities';
  /** How the output was read when not literally (a softmax output: its logits); reported as a warning. */
  note?: string;
  emit(e: Emitter): LossEmission;
}

export function parseLossSpec(loss: string): { kind: 'cross-entropy' | 'mse' | 'bce' | 'output'; output?: string } {
  if (loss === 'cross-entropy' || loss === 'mse' || loss === 'bce') return { kind: loss };
  if (loss.startsWith('output:') && loss.length > 'output:'.length) return { kind: 'output', output: loss.slice('output:'.length) };
  throw new LossOutputError(`unknown loss "${loss}": use cross-entropy, mse, bce or output:NAME (NAME a scalar output of the model)`);
}

/** PyTorch's default ignore_index of F.cross_entropy. */
export const DEFAULT_IGNORE_INDEX = -100;

/** Where cross-entropy reads the classes: axis 1 (PyTorch's), the last axis, or 'auto' (classAxisFor). */
export type ClassAxisOption = 1 | -1 | 'auto';

export interface LossOptions {
  /** The model output the loss is applied to (default: the first). */
  output?: string;
  /** cross-entropy: the label of positions left out of the mean (default -100). */
  ignoreIndex?: number;
  /** cross-entropy: the class axis (default 'auto'). */
  classAxis?: ClassAxisOption;
  /** cross-entropy: PyTorch's label_smoothing ε (default 0): targets (1 - ε)·y + ε / classes. */
  labelSmoothing?: number;
  /** cross-entropy with classAxis 'auto': the labels' shape in the data (its first axis, the samples, is not read). */
  labelsShape?: readonly number[];
}

/**
 * The class axis for 'auto': axis 1, as F.cross_entropy, unless the labels fit the logits' shape without the last
 * axis and not without axis 1 (labels [N, T] for logits [N, T, V] with T != V): the classes are last then. Without the
 * labels' shape, or when both fit (T == V, or symbolic sizes), axis 1.
 */
export function classAxisFor(logits: readonly (number | string | undefined)[] | undefined, labelsShape: readonly number[] | undefined): 1 | -1 {
  if (!logits || !labelsShape || logits.length < 3 || labelsShape.length !== logits.length - 1) return 1;
  const fits = (rest: readonly (number | string | undefined)[]) => rest.every((d, i) => typeof d !== 'number' || d === labelsShape[i + 1]);
  return !fits(logits.slice(2)) && fits(logits.slice(1, -1)) ? -1 : 1;
}

export function resolveLoss(fg: ForwardGraph, loss: LossSpec, options: LossOptions = {}): ResolvedLoss {
  const outputOption = options.output;
  const ignoreIndex = options.ignoreIndex ?? DEFAULT_IGNORE_INDEX;
  const spec = parseLossSpec(loss);
  const outputs = fg.outputs;
  const list = outputs.map((o) => `"${o}"`).join(', ');

  if (spec.kind === 'output') {
    const name = spec.output!;
    if (!outputs.includes(name)) {
      throw new LossOutputError(`loss output "${name}" is not an output of the model (outputs: ${list})`);
    }
    const s = fg.shapes.get(name);
    if (s?.elemType && !isFloatType(s.elemType)) throw new LossOutputError(`loss output "${name}" is not floating point`);
    if (s?.dims && s.dims.some((d) => d !== 1)) {
      throw new LossOutputError(`loss output "${name}" must be a scalar, but its shape is [${s.dims.join(', ')}]`);
    }
    return {
      kind: 'output',
      target: name,
      labelsType: null,
      emit(e) {
        // A [1] or [1,1] loss becomes a scalar so that `loss` is always rank 0.
        const scalar = s?.dims && s.dims.length === 0 ? name : e.op('ReduceSum', [name, e.ints([])], { keepdims: 0 });
        return { loss: scalar, seed: null, inputs: [] };
      },
    };
  }

  const target = outputOption ?? outputs[0];
  if (!target || !outputs.includes(target)) {
    throw new LossOutputError(`output "${target}" is not an output of the model (outputs: ${list})`);
  }
  if (fg.dataInputs.includes(LABELS)) {
    throw new LabelsError(`the model already has an input named "${LABELS}"; the ${spec.kind} loss adds its own labels input of that name (use ${opt('loss', 'output:NAME')} if the model computes its loss)`);
  }
  const s = fg.shapes.get(target);
  if (s?.elemType && !isFloatType(s.elemType)) {
    throw new LabelsError(`${spec.kind} needs a floating-point model output, but "${target}" has element type ${s.elemType}`);
  }
  const type = s?.elemType || DataType.FLOAT;

  if (spec.kind === 'cross-entropy') {
    if (s?.dims && s.dims.length < 2) {
      throw new LabelsError(
        `cross-entropy needs logits [batch, classes] (or [batch, classes, d1, ...], classes on axis 1 as in PyTorch) with integer class labels, but output "${target}" has rank ${s.dims.length} ([${s.dims.join(', ')}]); use ${opt('loss', 'mse')} for regression outputs, ${opt('loss', 'bce')} for binary or multi-label ones, or ${opt('loss', 'output:NAME')}`,
      );
    }
    const option = options.classAxis ?? 'auto';
    const axis = option === 'auto' ? classAxisFor(s?.dims, options.labelsShape) : option;
    if (axis === -1 && !s?.dims) {
      throw new LabelsError(`cross-entropy over the last axis needs the rank of output "${target}", which the model does not declare`);
    }
    // The class axis as a non-negative index (the rank is known whenever it is the last).
    const a = axis === 1 ? 1 : s!.dims!.length - 1;
    if (s?.dims && s.dims[a] === 1) {
      // log_softmax of a single logit is 0 whatever the parameters: a zero loss and a zero Hessian, not a score.
      throw new LabelsError(
        `cross-entropy over output "${target}" of one column ([${s.dims.join(', ')}]) is constant: a softmax over one class is 1. A binary classifier with one logit (nn.BCEWithLogitsLoss, or nn.Sigmoid + nn.BCELoss) needs ${opt('loss', 'bce')} with 0/1 labels`,
      );
    }
    // An output that is a softmax over the classes: the loss is taken on its input (softmax-output.ts).
    const logits = softmaxLogits(fg, target, a);
    const z = logits ?? target;
    const note = logits && `output "${target}" is a softmax over the classes: cross-entropy is taken on its input, the logits, as PyTorch trains it (nn.CrossEntropyLoss on the logits, or nn.NLLLoss on the log of these probabilities); cross-entropy of the probabilities themselves would be a different, flatter loss`;
    const eps = options.labelSmoothing ?? 0;
    if (labelsAreProbabilities(s?.dims, options.labelsShape)) return crossEntropyOfProbabilities(z, s, type, axis, a, eps, note);
    return {
      kind: 'cross-entropy',
      target: z,
      labelsType: 'int64',
      classAxis: axis,
      targets: 'indices',
      note,
      emit(e) {
        // Labels [N, d1, ...]: the logits' shape without the class axis. An undeclared rank is taken as 2.
        const labelDims = s?.dims ? s.dims.filter((_, i) => i !== a) : undefined;
        e.shapes.set(LABELS, { elemType: DataType.INT64, dims: labelDims });
        // Ignored positions: class 0 in the lookups, weight 0 in the sums; the count is at least 1 (a batch with
        // nothing counted has loss and gradient 0, and weight 0 among the batches).
        const ignored = e.op('Equal', [LABELS, e.constant({ type: 'int64', dims: [], values: [ignoreIndex] })]);
        const labels = e.op('Where', [ignored, e.constant({ type: 'int64', dims: [], values: [0] }), LABELS]);
        const counted = e.op('Cast', [e.op('Not', [ignored])], { to: type });
        const count = e.op('Max', [e.op('ReduceSum', [counted], { keepdims: 0 }), e.scalarLike(1, z)]);
        const logp = e.op('LogSoftmax', [z], { axis: a });
        const idx = e.op('Unsqueeze', [labels, e.ints([a])]);
        let picked = e.op('Squeeze', [e.op('GatherElements', [logp, idx], { axis: a }), e.ints([a])]);
        const shape = e.op('Shape', [z]);
        const classes = e.op('Gather', [shape, e.ints([a])], { axis: 0 });
        const classCount = eps === 0 ? '' : e.op('Cast', [classes], { to: type });
        // Label smoothing, as PyTorch: (1 - ε)·(the label's log-probability) + ε·(their mean over the classes) per
        // counted position; the seed below takes (1 - ε)·onehot + ε / C for the one-hot.
        if (eps !== 0) {
          const mean = e.op('Div', [e.op('ReduceSum', [logp, e.ints([a])], { keepdims: 0 }), classCount]);
          picked = e.op('Add', [e.op('Mul', [picked, e.scalarLike(1 - eps, z)]), e.op('Mul', [mean, e.scalarLike(eps, z)])]);
        }
        const lossT = e.op('Neg', [e.op('Div', [e.op('ReduceSum', [e.op('Mul', [picked, counted])], { keepdims: 0 }), count])]);
        // seed = (softmax(z) - onehot(y)) · counted / count, the one-hot from the class indices as a range along the
        // class axis ([C, 1, ...] for axis 1; [C] broadcasts along the last)
        let range = e.op('Range', [e.constant({ type: 'int64', dims: [], values: [0] }), e.op('Squeeze', [classes, e.ints([0])]), e.constant({ type: 'int64', dims: [], values: [1] })]);
        const after = labelDims ? labelDims.length - a : 0;
        if (after > 0) range = e.op('Unsqueeze', [range, e.ints(Array.from({ length: after }, (_, i) => i + 1))]);
        let onehot = e.op('Cast', [e.op('Equal', [range, idx])], { to: type });
        if (eps !== 0) onehot = e.op('Add', [e.op('Mul', [onehot, e.scalarLike(1 - eps, z)]), e.op('Div', [e.scalarLike(eps, z), classCount])]);
        const diff = e.op('Mul', [e.op('Sub', [e.op('Exp', [logp]), onehot]), e.op('Unsqueeze', [counted, e.ints([a])])]);
        const seed = e.op('Div', [diff, count]);
        return {
          loss: lossT,
          seed,
          inputs: [valueInfo(LABELS, DataType.INT64, dimsToValueInfoDims(labelDims) ?? [-1])],
        };
      },
    };
  }

  if (spec.kind === 'bce') return binaryCrossEntropy(fg, target, s, type);

  return {
    kind: 'mse',
    target,
    labelsType: 'float',
    emit(e) {
      e.shapes.set(LABELS, { elemType: type, dims: s?.dims });
      const d = e.op('Sub', [target, LABELS]);
      const lossT = e.op('ReduceMean', [e.op('Mul', [d, d])], { keepdims: 0 });
      const numel = e.op('Cast', [e.op('Size', [target])], { to: type });
      const seed = e.op('Div', [e.op('Mul', [d, e.scalarLike(2, target)]), numel]);
      return { loss: lossT, seed, inputs: [valueInfo(LABELS, type, dimsToValueInfoDims(s?.dims))] };
    },
  };
}

/**
 * Labels shaped like the logits (their rank, and every static size after the samples) are class probabilities, as
 * F.cross_entropy reads such a target (one-hot rows, label smoothing, a teacher's soft labels); class indices have
 * one axis fewer.
 */
export function labelsAreProbabilities(logits: readonly (number | string | undefined)[] | undefined, labelsShape: readonly number[] | undefined): boolean {
  if (!logits || !labelsShape || labelsShape.length !== logits.length) return false;
  return logits.slice(1).every((d, i) => typeof d !== 'number' || d === labelsShape[i + 1]);
}

/**
 * F.cross_entropy with class-probability targets y: L = -sum(y · log_softmax(z)) / (positions), the positions being
 * numel(z) / C (the samples times any map sizes; PyTorch's 'mean' for such targets); dL/dz = (softmax(z) · sum_c y
 * - y) / positions. ignore_index does not apply to such targets in PyTorch, nor here.
 */
function crossEntropyOfProbabilities(z: string, s: ShapeInfo | undefined, type: number, axis: 1 | -1, a: number, eps: number, note: string | undefined): ResolvedLoss {
  return {
    kind: 'cross-entropy',
    target: z,
    labelsType: 'float',
    classAxis: axis,
    targets: 'probabilities',
    note,
    emit(e) {
      e.shapes.set(LABELS, { elemType: type, dims: s?.dims });
      const logp = e.op('LogSoftmax', [z], { axis: a });
      const classes = e.op('Gather', [e.op('Shape', [z]), e.ints([a])], { axis: 0 });
      const count = e.op('Cast', [e.op('Squeeze', [classes, e.ints([0])])], { to: type });
      const positions = e.op('Div', [e.op('Cast', [e.op('Size', [z])], { to: type }), count]);
      // label smoothing, as PyTorch applies it to such targets: (1 - ε)·y + ε / C
      const y = eps === 0 ? LABELS : e.op('Add', [e.op('Mul', [LABELS, e.scalarLike(1 - eps, z)]), e.op('Div', [e.scalarLike(eps, z), count])]);
      const lossT = e.op('Neg', [e.op('Div', [e.op('ReduceSum', [e.op('Mul', [y, logp])], { keepdims: 0 }), positions])]);
      const mass = e.op('ReduceSum', [y, e.ints([a])], { keepdims: 1 });
      const seed = e.op('Div', [e.op('Sub', [e.op('Mul', [e.op('Exp', [logp]), mass]), y]), positions]);
      return { loss: lossT, seed, inputs: [valueInfo(LABELS, type, dimsToValueInfoDims(s?.dims))] };
    },
  };
}

/** nn.BCEWithLogitsLoss on the output, or nn.BCELoss when the output is a Sigmoid's (taken on its input). */
function binaryCrossEntropy(fg: ForwardGraph, output: string, s: ShapeInfo | undefined, type: number): ResolvedLoss {
  const sigmoid = fg.producer.get(output);
  const logits = sigmoid && sigmoid.opType === 'Sigmoid' && isDefaultDomain(sigmoid) ? sigmoid.input[0] : output;
  return {
    kind: 'bce',
    target: logits,
    labelsType: 'float',
    emit(e) {
      e.shapes.set(LABELS, { elemType: type, dims: s?.dims });
      // softplus(z) - y z, with softplus(z) = relu(z) + log(1 + exp(-|z|)): no overflow at large |z|
      const softplus = e.op('Add', [e.op('Relu', [logits]), e.op('Log', [e.op('Add', [e.op('Exp', [e.op('Neg', [e.op('Abs', [logits])])]), e.scalarLike(1, logits)])])]);
      const lossT = e.op('ReduceMean', [e.op('Sub', [softplus, e.op('Mul', [LABELS, logits])])], { keepdims: 0 });
      const numel = e.op('Cast', [e.op('Size', [logits])], { to: type });
      const seed = e.op('Div', [e.op('Sub', [e.op('Sigmoid', [logits]), LABELS]), numel]);
      return { loss: lossT, seed, inputs: [valueInfo(LABELS, type, dimsToValueInfoDims(s?.dims))] };
    },
  };
}
