// fuseHardswish folds the exporter's opset-13 Hardswish (Mul(x, HardSigmoid(x; 1/6, 1/2))) back into HardSwish and
// leaves every other HardSigmoid alone. (The PyTorch-made tie fixture hardswish_at_knots_opset13 checks the result
// against PyTorch's gradient and Hessian, test/onnx.ties.test.ts.)
import { describe, expect, it } from 'vitest';
import { fuseHardswish } from '../src/onnx/fusions.js';
import { parseModel } from '../src/onnx/load.js';
import { buildModel, type NodeDef } from './helpers/onnx-builders.js';

const sixth = { float: Math.fround(1 / 6) };
function model(nodes: NodeDef[], outputs = ['y']) {
  return parseModel(buildModel({
    inputs: [{ name: 'x', type: 'float', dims: [2, 3] }],
    nodes,
    initializers: [],
    outputs: outputs.map((name) => ({ name, type: 'float' })),
    opset: 13,
  }));
}

describe('fuseHardswish', () => {
  it('fuses Mul(x, HardSigmoid(x)) with alpha = 1/6, beta = 1/2, in either operand order', () => {
    for (const ins of [['x', 'h'], ['h', 'x']]) {
      const m = model([
        { op: 'HardSigmoid', inputs: ['x'], outputs: ['h'], attrs: { alpha: sixth }, name: 'hs' },
        { op: 'Mul', inputs: ins, outputs: ['y'], name: 'mul' },
      ]);
      expect(fuseHardswish(m)).toBe(1);
      expect(m.graph.node.map((n) => [n.opType, n.input, n.output])).toEqual([['HardSwish', ['x'], ['y']]]);
    }
  });

  it('leaves other HardSigmoids: other alpha, another multiplicand (squeeze-excitation), a second reader, a graph output', () => {
    const cases: [NodeDef[], string[]][] = [
      [[{ op: 'HardSigmoid', inputs: ['x'], outputs: ['h'], attrs: { alpha: { float: 0.2 } }, name: 'hs' }, { op: 'Mul', inputs: ['x', 'h'], outputs: ['y'], name: 'mul' }], ['y']],
      [[{ op: 'Relu', inputs: ['x'], outputs: ['r'], name: 'r' }, { op: 'HardSigmoid', inputs: ['x'], outputs: ['h'], attrs: { alpha: sixth }, name: 'hs' }, { op: 'Mul', inputs: ['r', 'h'], outputs: ['y'], name: 'mul' }], ['y']],
      [[{ op: 'HardSigmoid', inputs: ['x'], outputs: ['h'], attrs: { alpha: sixth }, name: 'hs' }, { op: 'Mul', inputs: ['x', 'h'], outputs: ['y'], name: 'mul' }, { op: 'Neg', inputs: ['h'], outputs: ['z'], name: 'neg' }], ['y', 'z']],
      [[{ op: 'HardSigmoid', inputs: ['x'], outputs: ['h'], attrs: { alpha: sixth }, name: 'hs' }, { op: 'Mul', inputs: ['x', 'h'], outputs: ['y'], name: 'mul' }], ['y', 'h']],
    ];
    for (const [nodes, outs] of cases) {
      const m = model(nodes, outs);
      expect(fuseHardswish(m)).toBe(0);
      expect(m.graph.node.map((n) => n.opType)).toEqual(nodes.map((n) => n.op));
    }
  });
});
