// BatchNormalization (inference mode: running statistics are constants) and LayerNormalization against finite
// differences of the forward op, in float64.
import { describe, it } from 'vitest';
import { checkOp, hideShapes, type OpCase } from './helpers/rule-check.js';
import { Rng } from './helpers/onnx-builders.js';

const r = new Rng(3);
const positive = (n: number) => r.normals(n).map((v) => Math.abs(v) + 0.3);

const batchNorm = (x: number[], attrs = {}): OpCase => {
  const c = x[1];
  return {
    op: 'BatchNormalization',
    inputs: ['p_x', 'p_scale', 'p_b', 'mean', 'var'],
    attrs,
    type: 'double',
    params: [{ name: 'p_x', dims: x }, { name: 'p_scale', dims: [c] }, { name: 'p_b', dims: [c] }],
    consts: [
      { name: 'mean', type: 'double', dims: [c], values: r.normals(c) },
      { name: 'var', type: 'double', dims: [c], values: positive(c) },
    ],
  };
};

const layerNorm = (x: number[], axis: number | undefined, scaleDims: number[], bias: boolean): OpCase => ({
  op: 'LayerNormalization',
  inputs: bias ? ['p_x', 'p_scale', 'p_b'] : ['p_x', 'p_scale'],
  attrs: axis === undefined ? { epsilon: { float: 1e-3 } } : { axis, epsilon: { float: 1e-3 } },
  type: 'double',
  params: [{ name: 'p_x', dims: x }, { name: 'p_scale', dims: scaleDims }, ...(bias ? [{ name: 'p_b', dims: scaleDims }] : [])],
});

const cases: [string, OpCase][] = [
  ['BatchNormalization 4-D', batchNorm([2, 3, 4, 5], { epsilon: { float: 1e-2 } })],
  ['BatchNormalization 2-D (BatchNorm1d)', batchNorm([4, 3])],
  ['BatchNormalization 3-D', batchNorm([2, 3, 5])],
  ['LayerNormalization last axis, with bias', layerNorm([2, 3, 4], undefined, [4], true)],
  ['LayerNormalization axis=1 of 3-D (two normalized axes)', layerNorm([2, 3, 4], 1, [3, 4], true)],
  ['LayerNormalization axis=-2, no bias', layerNorm([3, 2, 5], -2, [2, 5], false)],
  ['LayerNormalization, input shape unknown to the builder', hideShapes(layerNorm([2, 3, 4], -2, [3, 4], true))],
  ['BatchNormalization, input shape unknown to the builder', hideShapes(batchNorm([2, 3, 4, 5]))],
  ['LayerNormalization with a broadcast scale', layerNorm([2, 3, 4], 1, [1, 4], true)],
  // GroupNormalization: opset 18 has a scale/bias per group, opset 21 per channel.
  ['GroupNormalization opset 18, 2 groups of 2 channels, 4-D', { op: 'GroupNormalization', inputs: ['p_x', 'p_s', 'p_b'], attrs: { num_groups: 2, epsilon: { float: 1e-3 } }, type: 'float', opset: 18, params: [{ name: 'p_x', dims: [2, 4, 3, 2] }, { name: 'p_s', dims: [2] }, { name: 'p_b', dims: [2] }], h: 3e-3 }],
  ['GroupNormalization opset 18, 3 groups, 3-D', { op: 'GroupNormalization', inputs: ['p_x', 'p_s', 'p_b'], attrs: { num_groups: 3 }, type: 'float', opset: 18, params: [{ name: 'p_x', dims: [2, 6, 5] }, { name: 'p_s', dims: [3] }, { name: 'p_b', dims: [3] }], h: 3e-3 }],
  ['GroupNormalization opset 21, per-channel scale and bias', { op: 'GroupNormalization', inputs: ['p_x', 'p_s', 'p_b'], attrs: { num_groups: 2, epsilon: { float: 1e-3 } }, type: 'float', opset: 21, params: [{ name: 'p_x', dims: [2, 4, 3, 2] }, { name: 'p_s', dims: [4] }, { name: 'p_b', dims: [4] }], h: 3e-3 }],
  ['InstanceNormalization 4-D', { op: 'InstanceNormalization', inputs: ['p_x', 'p_s', 'p_b'], attrs: { epsilon: { float: 1e-3 } }, type: 'float', params: [{ name: 'p_x', dims: [2, 3, 4, 3] }, { name: 'p_s', dims: [3] }, { name: 'p_b', dims: [3] }], h: 3e-3 }],
  ['InstanceNormalization 3-D', { op: 'InstanceNormalization', inputs: ['p_x', 'p_s', 'p_b'], type: 'float', params: [{ name: 'p_x', dims: [2, 2, 6] }, { name: 'p_s', dims: [2] }, { name: 'p_b', dims: [2] }], h: 3e-3 }],
];

describe('normalization rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
