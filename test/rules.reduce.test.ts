// Reductions against finite differences of the forward op, in float64: axes as attribute (ReduceMean before opset
// 18) or input (ReduceSum from 13, ReduceMean from 18), keepdims, negative axes, no axes, noop_with_empty_axes.
import { describe, it } from 'vitest';
import { checkOp, hideShapes, type OpCase } from './helpers/rule-check.js';
import type { AttrValue } from '../src/onnx/rules/types.js';

const red = (op: string, x: number[], attrs: Record<string, AttrValue>, axes: number[] | null, opset = 17): OpCase => ({
  op,
  inputs: axes ? ['p_x', 'axes'] : ['p_x'],
  attrs,
  opset,
  type: 'double',
  params: [{ name: 'p_x', dims: x }],
  consts: axes ? [{ name: 'axes', type: 'int64', dims: [axes.length], values: axes }] : [],
});

const cases: [string, OpCase][] = [
  ['ReduceSum axes input, keepdims=0, negative axis', red('ReduceSum', [2, 3, 4], { keepdims: 0 }, [0, -1])],
  ['ReduceSum axes input, keepdims=1', red('ReduceSum', [2, 3, 4], {}, [1])],
  ['ReduceSum all axes (no axes input), keepdims=0', red('ReduceSum', [2, 3], { keepdims: 0 }, null)],
  ['ReduceSum noop_with_empty_axes=1', red('ReduceSum', [2, 3], { noop_with_empty_axes: 1 }, null)],
  ['ReduceMean axes attribute (opset 17), keepdims=0', red('ReduceMean', [2, 3, 4], { axes: [1, 2], keepdims: 0 }, null)],
  ['ReduceMean axes attribute (opset 17), keepdims=1, negative axis', red('ReduceMean', [2, 3, 4], { axes: [-2] }, null)],
  ['ReduceMean all axes (opset 17)', red('ReduceMean', [3, 4], { keepdims: 0 }, null)],
  ['ReduceMean, input shape unknown to the builder', hideShapes(red('ReduceMean', [2, 3, 4], { axes: [1], keepdims: 0 }, null))],
  ['ReduceMean axes input (opset 18), keepdims=0', red('ReduceMean', [2, 3, 4], { keepdims: 0 }, [0, 2], 18)],
  ['ReduceSumSquare axes input (opset 18)', red('ReduceSumSquare', [2, 3, 4], { keepdims: 0 }, [1], 18)],
  ['ReduceSumSquare axes attribute (opset 17)', red('ReduceSumSquare', [2, 3], { axes: [0] }, null)],
  // ReduceMax/ReduceMin hold the arg-extremum (gate); inputs have distinct values so the selection has margins.
  ['ReduceMax axes attribute (opset 17), keepdims=0', { ...red('ReduceMax', [2, 3, 4], { axes: [1], keepdims: 0 }, null), params: [{ name: 'p_x', dims: [2, 3, 4], values: distinct(24) }], gated: { step: 1 } }],
  ['ReduceMin axes input (opset 18), keepdims=1, two axes', { ...red('ReduceMin', [2, 3, 4], {}, [0, -1], 18), params: [{ name: 'p_x', dims: [2, 3, 4], values: distinct(24) }], gated: { step: 1 } }],
  ['ReduceMax over all axes', { ...red('ReduceMax', [3, 4], { keepdims: 0 }, null), params: [{ name: 'p_x', dims: [3, 4], values: distinct(12) }], gated: { step: 1 } }],
  ['ReduceL1 (opset 18)', { ...red('ReduceL1', [3, 4], { keepdims: 0 }, [1], 18), params: [{ name: 'p_x', dims: [3, 4], values: distinct(12).map((v) => v + 0.025) }], gated: { step: 1 } }],
  ['ReduceL2 axes attribute (opset 17)', red('ReduceL2', [3, 4], { axes: [1] }, null)],
  ['ReduceLogSumExp axes input (opset 18)', red('ReduceLogSumExp', [2, 3, 4], { keepdims: 0 }, [1, 2], 18)],
];

function distinct(n: number): number[] {
  // a permutation of a grid with spacing 0.05
  const v = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.05);
  return v.map((_, i) => v[(i * 7) % n]);
}

describe('reduce rules: vjp vs finite differences', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
});
