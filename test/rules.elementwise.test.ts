// Vector-Jacobian products of the elementwise rules against finite differences of the forward op (float64).
import { describe, it } from 'vitest';
import { checkOp, type OpCase } from './helpers/rule-check.js';
import { Rng } from './helpers/onnx-builders.js';

const r = new Rng(7);
const positive = (n: number) => r.normals(n).map((v) => Math.abs(v) + 0.5);

const cases: [string, OpCase][] = [
  ['Add, both operands broadcast', { op: 'Add', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [2, 1, 4] }, { name: 'p_b', dims: [3, 1] }] }],
  ['Add, same input twice', { op: 'Add', inputs: ['p_a', 'p_a'], type: 'double', params: [{ name: 'p_a', dims: [3, 2] }] }],
  ['Sub, rank-broadcast subtrahend', { op: 'Sub', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [2, 3, 4] }, { name: 'p_b', dims: [3, 1] }] }],
  ['Mul, scalar times matrix', { op: 'Mul', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [] }, { name: 'p_b', dims: [3, 2] }] }],
  ['Mul, broadcast', { op: 'Mul', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [2, 3] }, { name: 'p_b', dims: [2, 1] }] }],
  ['Div, broadcast divisor', { op: 'Div', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [2, 3] }, { name: 'p_b', dims: [3], values: positive(3) }] }],
  ['Div by a constant', { op: 'Div', inputs: ['p_a', 'c'], type: 'double', params: [{ name: 'p_a', dims: [4] }], consts: [{ name: 'c', type: 'double', dims: [4], values: positive(4) }] }],
  ['Sum of three, broadcast', { op: 'Sum', inputs: ['p_a', 'p_b', 'p_c'], type: 'double', params: [{ name: 'p_a', dims: [2, 3] }, { name: 'p_b', dims: [3] }, { name: 'p_c', dims: [2, 1] }] }],
  ['Mean of two, broadcast (float: no double kernel)', { op: 'Mean', inputs: ['p_a', 'p_b'], type: 'float', params: [{ name: 'p_a', dims: [2, 3] }, { name: 'p_b', dims: [1, 3] }] }],
  ['Neg', { op: 'Neg', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 2] }] }],
  ['Exp', { op: 'Exp', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 2] }] }],
  ['Log', { op: 'Log', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [5], values: positive(5) }] }],
  ['Reciprocal', { op: 'Reciprocal', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [5], values: positive(5) }] }],
  ['Sqrt', { op: 'Sqrt', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [2, 3], values: positive(6) }] }],
  ['Sin', { op: 'Sin', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [4] }] }],
  ['Cos', { op: 'Cos', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [4] }] }],
  ['Tan (float)', { op: 'Tan', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5], values: [-1.2, -0.4, 0.1, 0.8, 1.3] }] }],
  ['Atan (float)', { op: 'Atan', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5] }] }],
  ['Sinh (float)', { op: 'Sinh', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5] }] }],
  ['Cosh (float)', { op: 'Cosh', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5] }] }],
  ['Asin (float)', { op: 'Asin', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5], values: [-0.9, -0.3, 0.05, 0.5, 0.8] }] }],
  ['Acos (float)', { op: 'Acos', inputs: ['p_x'], type: 'float', params: [{ name: 'p_x', dims: [5], values: [-0.9, -0.3, 0.05, 0.5, 0.8] }] }],
  ['Pow, base with a tensor exponent (broadcast)', { op: 'Pow', inputs: ['p_a', 'e'], type: 'double', params: [{ name: 'p_a', dims: [2, 3], values: positive(6) }], consts: [{ name: 'e', type: 'double', dims: [3], values: [2, 0.5, -1.5] }] }],
  ['Pow, float base with an int64 exponent', { op: 'Pow', inputs: ['p_a', 'e'], type: 'float', params: [{ name: 'p_a', dims: [5] }], consts: [{ name: 'e', type: 'int64', dims: [], values: [3] }], h: 1e-3 }],
  // Identity on a computed tensor (the builder resolves Identity of an initializer to the initializer itself).
  ['Identity', { op: 'Identity', inputs: ['n'], preNodes: [{ op: 'Neg', inputs: ['p_x'], outputs: ['n'], name: 'neg' }], type: 'double', params: [{ name: 'p_x', dims: [2, 2] }] }],
  ['Dropout (inference) with mask output', { op: 'Dropout', inputs: ['p_x'], type: 'double', outputs: 2, params: [{ name: 'p_x', dims: [3, 2] }] }],
  ['Cast float -> double', { op: 'Cast', inputs: ['p_x'], attrs: { to: 11 }, type: 'float', outType: 'double', params: [{ name: 'p_x', dims: [4] }], h: 1e-2 }],
  ['Cast double -> float', { op: 'Cast', inputs: ['p_x'], attrs: { to: 1 }, type: 'double', outType: 'float', params: [{ name: 'p_x', dims: [4] }], h: 1e-2, rtol: 1e-5 }],
  // ---- non-smooth: gated ----
  ['Abs', { op: 'Abs', inputs: ['p_x'], type: 'double', params: [{ name: 'p_x', dims: [3, 4], values: r.awayFromZero(12) }], gated: { step: 2 } }],
  ['Max of three, broadcast', { op: 'Max', inputs: ['p_a', 'p_b', 'p_c'], type: 'double', params: [{ name: 'p_a', dims: [2, 3], values: r.distinct(6, 0.1) }, { name: 'p_b', dims: [3], values: r.distinct(3, 0.13) }, { name: 'p_c', dims: [2, 1], values: [0.011, -0.027] }], gated: { step: 1 } }],
  ['Min of two', { op: 'Min', inputs: ['p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [6], values: r.distinct(6, 0.1) }, { name: 'p_b', dims: [6], values: r.distinct(6, 0.1).map((v) => v + 0.03) }], gated: { step: 1 } }],
  ['Clip with min and max', { op: 'Clip', inputs: ['p_x', 'lo', 'hi'], type: 'double', params: [{ name: 'p_x', dims: [10], values: [-2, -1.1, -0.7, -0.3, 0.2, 0.35, 0.6, 0.9, 1.3, 2.1] }], consts: [{ name: 'lo', type: 'double', dims: [], values: [-0.5] }, { name: 'hi', type: 'double', dims: [], values: [0.8] }], gated: { step: 1 } }],
  ['Clip with max only', { op: 'Clip', inputs: ['p_x', '', 'hi'], type: 'double', params: [{ name: 'p_x', dims: [6], values: [-2, -0.6, 0.1, 0.5, 1.3, 2.1] }], consts: [{ name: 'hi', type: 'double', dims: [], values: [0.8] }], gated: { step: 1 } }],
  ['Where with a constant condition, broadcast', { op: 'Where', inputs: ['c', 'p_a', 'p_b'], type: 'double', params: [{ name: 'p_a', dims: [2, 3] }, { name: 'p_b', dims: [3] }], consts: [{ name: 'c', type: 'bool', dims: [2, 3], values: [true, false, true, false, false, true] }] }],
  [
    'Where with a condition computed from a parameter',
    {
      op: 'Where',
      inputs: ['cond', 'a1', 'p_b'],
      // The condition reads a tensor on the parameter->loss path (the builder holds parameters that reach the loss
      // only through comparisons at their stored value).
      preNodes: [
        { op: 'Neg', inputs: ['p_a'], outputs: ['a1'], name: 'nega' },
        { op: 'Greater', inputs: ['a1', 'zero'], outputs: ['cond'], name: 'cmp' },
      ],
      type: 'double',
      params: [{ name: 'p_a', dims: [8], values: r.awayFromZero(8) }, { name: 'p_b', dims: [8] }],
      consts: [{ name: 'zero', type: 'double', dims: [], values: [0] }],
      gated: { step: 2 },
    },
  ],
];

describe('elementwise rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
