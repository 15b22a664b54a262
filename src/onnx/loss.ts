// The losses appended to the forward graph, each with its gradient w.r.t. the model output written out directly
// (cheaper and more accurate than differentiating the loss nodes):
// - cross-entropy: L = -mean_n log_softmax(z_n)[y_n], dL/dz = (softmax(z) - onehot(y)) / N  (PyTorch's
//   F.cross_entropy, reduction 'mean'); built from LogSoftmax + GatherElements, the one-hot from Equal against a Range,
//   so onnxruntime-web runs it too. As in PyTorch, logits [N, C, d1, ...] (a segmentation map) have their classes on
//   axis 1 and labels [N, d1, ...], and the mean runs over every position; positions labelled ignore_index (-100 by
//   default, as in PyTorch) are left out of the sum and of the count. A batch's mean is over its own counted positions;
//   the batches are weighted by their counts (src/data/batches.ts), so the loss is the mean over all of them.
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

export type LossSpec = 'cross-entropy' | 'mse' | 'bce' | `output:${string}`;

export const LABELS = 'labels';

export interface ResolvedLoss {
  kind: 'cross-entropy' | 'mse' | 'bce' | 'output';
  /** Tensor the loss is computed from (bce on a Sigmoid output: the Sigmoid's input). */
  target: string;
  labelsType: 'int64' | 'float' | null;
  emit(e: Emitter): LossEmission;
}

export function parseLossSpec(loss: string): { kind: 'cross-entropy' | 'mse' | 'bce' | 'output'; output?: string } {
  if (loss === 'cross-entropy' || loss === 'mse' || loss === 'bce') return { kind: loss };
  if (loss.startsWith('output:') && loss.length > 'output:'.length) return { kind: 'output', output: loss.slice('output:'.length) };
  throw new LossOutputError(`unknown loss "${loss}": use cross-entropy, mse, bce or output:NAME (NAME a scalar output of the model)`);
}

/** PyTorch's default ignore_index of F.cross_entropy. */
export const DEFAULT_IGNORE_INDEX = -100;

export function resolveLoss(fg: ForwardGraph, loss: LossSpec, outputOption?: string, ignoreIndex = DEFAULT_IGNORE_INDEX): ResolvedLoss {
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
    if (s?.dims && s.dims[1] === 1) {
      // log_softmax of a single logit is 0 whatever the parameters: a zero loss and a zero Hessian, not a score.
      throw new LabelsError(
        `cross-entropy over output "${target}" of one column ([${s.dims.join(', ')}]) is constant: a softmax over one class is 1. A binary classifier with one logit (nn.BCEWithLogitsLoss, or nn.Sigmoid + nn.BCELoss) needs ${opt('loss', 'bce')} with 0/1 labels`,
      );
    }
    return {
      kind: 'cross-entropy',
      target,
      labelsType: 'int64',
      emit(e) {
        // Labels [N, d1, ...]: the logits' shape without the class axis. An undeclared rank is taken as 2.
        const labelDims = s?.dims ? [s.dims[0], ...s.dims.slice(2)] : undefined;
        const spatial = labelDims ? labelDims.length - 1 : 0;
        e.shapes.set(LABELS, { elemType: DataType.INT64, dims: labelDims });
        // Ignored positions: class 0 in the lookups, weight 0 in the sums; the count is at least 1 (a batch with
        // nothing counted has loss and gradient 0, and weight 0 among the batches).
        const ignored = e.op('Equal', [LABELS, e.constant({ type: 'int64', dims: [], values: [ignoreIndex] })]);
        const labels = e.op('Where', [ignored, e.constant({ type: 'int64', dims: [], values: [0] }), LABELS]);
        const counted = e.op('Cast', [e.op('Not', [ignored])], { to: type });
        const count = e.op('Max', [e.op('ReduceSum', [counted], { keepdims: 0 }), e.scalarLike(1, target)]);
        const logp = e.op('LogSoftmax', [target], { axis: 1 });
        const idx = e.op('Unsqueeze', [labels, e.ints([1])]);
        const picked = e.op('Squeeze', [e.op('GatherElements', [logp, idx], { axis: 1 }), e.ints([1])]);
        const lossT = e.op('Neg', [e.op('Div', [e.op('ReduceSum', [e.op('Mul', [picked, counted])], { keepdims: 0 }), count])]);
        // seed = (softmax(z) - onehot(y)) · counted / count, the one-hot from the class indices as a [C, 1, ...] column
        const shape = e.op('Shape', [target]);
        const classes = e.op('Gather', [shape, e.ints([1])], { axis: 0 });
        let range = e.op('Range', [e.constant({ type: 'int64', dims: [], values: [0] }), e.op('Squeeze', [classes, e.ints([0])]), e.constant({ type: 'int64', dims: [], values: [1] })]);
        if (spatial > 0) range = e.op('Unsqueeze', [range, e.ints(Array.from({ length: spatial }, (_, i) => i + 1))]);
        const onehot = e.op('Cast', [e.op('Equal', [range, idx])], { to: type });
        const diff = e.op('Mul', [e.op('Sub', [e.op('Exp', [logp]), onehot]), e.op('Unsqueeze', [counted, e.ints([1])])]);
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
