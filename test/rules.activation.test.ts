// Vector-Jacobian products of the activation rules against finite differences of the forward op. float64 where
// onnxruntime's CPU kernels exist for the op; float32 (with a larger step and tolerance) where they do not.
import { describe, it } from 'vitest';
import { checkOp, type OpCase } from './helpers/rule-check.js';
import { Rng } from './helpers/onnx-builders.js';

const r = new Rng(11);

const cases: [string, OpCase][] = [
  // ---- kinked at 0: gated ----
  ['Relu', { op: 'Relu', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 5], values: r.awayFromZero(15) }], gated: { step: 2 } }],
  ['LeakyRelu alpha=0.2', { op: 'LeakyRelu', inputs: ['p_x'], attrs: { alpha: { float: 0.2 } }, type: 'double', params: [{ name: 'p_x', dims: [12], values: r.awayFromZero(12) }], gated: { step: 2 } }],
  ['PRelu with a per-channel slope', { op: 'PRelu', inputs: ['p_x', 'p_s'], type: 'double', params: [{ name: 'p_x', dims: [2, 3, 4], values: r.awayFromZero(24) }, { name: 'p_s', dims: [3, 1], values: [0.1, 0.25, -0.3] }], gated: { step: 2 } }],
  // Elu's negative branch is curved: the frozen check uses a moderate step and tolerance.
  ['Elu alpha=0.7 (float)', { op: 'Elu', inputs: ['p_x'], attrs: { alpha: { float: 0.7 } }, type: 'float', params: [{ name: 'p_x', dims: [12], values: r.awayFromZero(12, 0.2) }], gated: { step: 0.6, rtol: 0.08 } }],
  ['Selu (float)', { op: 'Selu', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [10], values: [-1.1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.12, 0.3, 0.55, 1.2] }], gated: { step: 0.6, rtol: 0.08 } }],
  ['ThresholdedRelu alpha=0.5 (float)', { op: 'ThresholdedRelu', inputs: ['p_x'], attrs: { alpha: { float: 0.5 } }, type: 'float', params: [{ name: 'p_x', dims: [10], values: r.awayFromZero(10, 0.1).map((v) => v + 0.5) }], gated: { step: 2 } }],
  ['HardSigmoid alpha=0.3 beta=0.4 (float)', { op: 'HardSigmoid', inputs: ['p_x'], attrs: { alpha: { float: 0.3 }, beta: { float: 0.4 } }, type: 'float', params: [{ name: 'p_x', dims: [12], values: [-4, -2.5, -1.2, -0.5, 0.1, 0.7, 1.5, 1.9, 2.2, 3, 4, -3] }], gated: { step: 1 } }],
  ['HardSwish (float)', { op: 'HardSwish', inputs: ['p_x'], type: 'float', opset: 17, params: [{ name: 'p_x', dims: [12], values: [-5, -3.5, -2.5, -1, -0.2, 0.3, 1.2, 2.5, 3.4, 4.5, -2.9, 2.8] }], gated: { step: 1, rtol: 0.05 } }],
  // ---- smooth ----
  ['Celu alpha=0.8 (C1 at 0: no gate)', { op: 'Celu', inputs: ['p_x'], attrs: { alpha: { float: 0.8 } }, type: 'float', opset: 17, params: [{ name: 'p_x', dims: [10] }], h: 3e-3 }],
  ['Softsign (float)', { op: 'Softsign', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [10] }] }],
  ['Mish (opset 18)', { op: 'Mish', inputs: ['p_x'], type: 'double', opset: 18, params: [{ name: 'p_x', dims: [10] }] }],
  ['Sigmoid', { op: 'Sigmoid', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 4] }] }],
  ['Tanh', { op: 'Tanh', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 4] }] }],
  ['Softplus (float)', { op: 'Softplus', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [3, 4] }] }],
  ['Erf (float)', { op: 'Erf', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [10] }], h: 3e-3 }],
  ['Gelu exact, opset 20 (float)', { op: 'Gelu', inputs: ['p_x'], type: 'float', opset: 20, params: [{ name: 'p_x', dims: [2, 6], values: r.normals(12, 2) }], h: 3e-3 }],
  ['Gelu tanh, opset 20 (float)', { op: 'Gelu', inputs: ['p_x'], attrs: { approximate: 'tanh' }, type: 'float', opset: 20, params: [{ name: 'p_x', dims: [2, 6], values: r.normals(12, 2) }], h: 3e-3 }],
  ['Softmax on the last axis', { op: 'Softmax', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 5] }] }],
  ['Softmax on a middle axis', { op: 'Softmax', inputs: ['p_x'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_x', dims: [2, 3, 4] }] }],
  ['Softmax axis=-3 of 4-D', { op: 'Softmax', inputs: ['p_x'], attrs: { axis: -3 }, type: 'double', params: [{ name: 'p_x', dims: [2, 3, 2, 2] }] }],
  ['LogSoftmax on axis 0', { op: 'LogSoftmax', inputs: ['p_x'], attrs: { axis: 0 }, type: 'double', params: [{ name: 'p_x', dims: [4, 3] }] }],
  ['LogSoftmax on a middle axis', { op: 'LogSoftmax', inputs: ['p_x'], attrs: { axis: 1 }, type: 'double', params: [{ name: 'p_x', dims: [2, 3, 4] }] }],
];

describe('activation rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
