// Shape inference of the builder (src/onnx/shapes.ts) where rules depend on exact sizes: Pad with constant pads,
// Reshape's -1 next to symbolic sizes.
import { describe, expect, it } from 'vitest';
import { DataType, type NodeProto } from '../src/onnx/load.js';
import { inferNode, type ShapeInfo } from '../src/onnx/shapes.js';

const pad = (inputs: string[]): NodeProto => ({ opType: 'Pad', name: 'pad', input: inputs, output: ['y'], domain: '', attribute: [] });
const x: ShapeInfo = { elemType: DataType.FLOAT, dims: ['N', 6, 28, 27] };
const consts: Record<string, number[]> = { keep: [0, 0, -1], last: [-1, 6], zeros: [0, 0, 0, 0, 0, 0, 0, 0], hw: [0, 0, 1, 2, 0, 0, 3, 0], axes: [-2, 3], two: [1, 2, 0, 1], batch: [1, 0, 0, 0, 0, 0, 0, 0] };
const infer = (n: NodeProto, opset = 17) => inferNode(n, (t) => (t === 'x' ? x : undefined), (t) => consts[t], opset)[0]?.dims;

describe('shape inference: Pad', () => {
  it('adds constant pads to the sizes they pad (opset 11+: pads as an input), zeros change nothing', () => {
    expect(infer(pad(['x', 'hw']))).toEqual(['N', 6, 32, 29]);
    expect(infer(pad(['x', 'zeros']))).toEqual(['N', 6, 28, 27]);
  });
  it('with the axes input (opset 18)', () => {
    expect(infer(pad(['x', 'two', '', 'axes']), 18)).toEqual(['N', 6, 29, 30]);
  });
  it('a padded symbolic size becomes a new symbol; pads that are not constant leave every size unknown', () => {
    const d = infer(pad(['x', 'batch']));
    expect(d?.slice(1)).toEqual([6, 28, 27]);
    expect(typeof d?.[0]).toBe('string');
    expect(d?.[0]).not.toBe('N');
    expect(infer(pad(['x', 'unknown']))?.every((v) => typeof v === 'string')).toBe(true);
  });
});

const reshape = (x: ShapeInfo, shape: string) => {
  const n: NodeProto = { opType: 'Reshape', name: 'r', input: ['a', shape], output: ['y'], domain: '', attribute: [] };
  return inferNode(n, (t) => (t === 'a' ? x : undefined), (t) => consts[t], 17)[0]?.dims;
};

describe('shape inference: Reshape with -1', () => {
  it('symbols copied by 0 cancel against the input: an RNN output [T, B, 2, H] to [0, 0, -1] gives 2·H', () => {
    // the exporter's join of a bidirectional layer's directions before the next layer (needs a static input size)
    expect(reshape({ elemType: DataType.FLOAT, dims: ['T', 'B', 2, 5] }, 'keep')).toEqual(['T', 'B', 10]);
  });
  it('one symbol left with equal static products is that symbol; two are a new one', () => {
    expect(reshape({ elemType: DataType.FLOAT, dims: ['N', 2, 3] }, 'last')).toEqual(['N', 6]);
    const d = reshape({ elemType: DataType.FLOAT, dims: ['N', 'M', 6] }, 'last');
    expect(d?.[1]).toBe(6);
    expect(typeof d?.[0]).toBe('string');
    expect(['N', 'M']).not.toContain(d?.[0]);
  });
});
