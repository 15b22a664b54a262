// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (models that compute their own loss, used with
// --loss output:NAME) against finite differences of the forward op (float64): class weights, ignore_index, every reduction,
// and the extra spatial axes of segmentation-style targets.
import { describe, it } from 'vitest';
import { checkOp, type OpCase } from './helpers/rule-check.js';
import type { AttrValue } from '../src/onnx/rules/types.js';
import type { TensorDef } from './helpers/onnx-builders.js';

const t = (values: number[], dims = [values.length]): TensorDef => ({ name: 't', type: 'int64', dims, values });
const weight: TensorDef = { name: 'w', type: 'double', dims: [3], values: [0.5, 2, 1.25] };

const loss = (op: string, x: number[], target: TensorDef, attrs: Record<string, AttrValue>, withWeight: boolean, extra: Partial<OpCase> = {}): OpCase => ({
  op,
  inputs: withWeight ? ['p_x', 't', 'w'] : ['p_x', 't'],
  attrs,
  type: 'double',
  params: [{ name: 'p_x', dims: x }],
  consts: withWeight ? [target, weight] : [target],
  ...extra,
});

const cases: [string, OpCase][] = [
  ['NLL mean', loss('NegativeLogLikelihoodLoss', [4, 3], t([0, 2, 2, 1]), {}, false)],
  ['NLL mean with class weights and ignore_index', loss('NegativeLogLikelihoodLoss', [5, 3], t([0, 2, -100, 1, 2]), { ignore_index: -100 }, true)],
  ['NLL sum', loss('NegativeLogLikelihoodLoss', [4, 3], t([1, 1, 0, 2]), { reduction: 'sum' }, true)],
  ['NLL none, spatial targets', loss('NegativeLogLikelihoodLoss', [2, 3, 2], t([0, 2, 1, 1], [2, 2]), { reduction: 'none' }, false)],
  ['SoftmaxCrossEntropyLoss mean', loss('SoftmaxCrossEntropyLoss', [4, 3], t([0, 2, 2, 1]), {}, false)],
  ['SoftmaxCrossEntropyLoss weights, ignore_index, spatial', loss('SoftmaxCrossEntropyLoss', [2, 3, 3], t([0, 2, 1, 1, 5, 0], [2, 3]), { ignore_index: 5 }, true)],
  ['SoftmaxCrossEntropyLoss sum', loss('SoftmaxCrossEntropyLoss', [3, 3], t([2, 0, 1]), { reduction: 'sum' }, false)],
  ['SoftmaxCrossEntropyLoss none', loss('SoftmaxCrossEntropyLoss', [3, 3], t([2, 0, 1]), { reduction: 'none' }, true)],
  ['SoftmaxCrossEntropyLoss with its log_prob output in the loss too', loss('SoftmaxCrossEntropyLoss', [4, 3], t([0, 2, 2, 1]), {}, false, { outputs: 2, lossOutputs: [0, 1] })],
];

describe('loss-op rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
