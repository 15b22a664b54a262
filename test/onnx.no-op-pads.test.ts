// Pads of all zeros (torch.onnx.export's Pad before an AveragePool) become Identity before differentiation
// (src/onnx/no-op-pads.ts); other Pads stay, and the model computes the same outputs.
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { decodeModel, serializeModel } from '../src/onnx/load.js';
import { dropNoOpPads } from '../src/onnx/no-op-pads.js';
import { buildModel } from './helpers/onnx-builders.js';

const zeros8 = { name: 'zeros', type: 'int64' as const, dims: [8], values: [0, 0, 0, 0, 0, 0, 0, 0] };
const ones8 = { name: 'ones', type: 'int64' as const, dims: [8], values: [0, 0, 1, 1, 0, 0, 1, 1] };
const model = () =>
  buildModel({
    opset: 17,
    nodes: [
      { op: 'Constant', inputs: [], outputs: ['cz'], attrs: { value: { tensor: { type: 'int64', dims: [8], values: [0, 0, 0, 0, 0, 0, 0, 0] } } } },
      { op: 'Pad', inputs: ['x', 'zeros'], outputs: ['a'], attrs: { mode: 'reflect' } },
      { op: 'Pad', inputs: ['a', 'cz'], outputs: ['b'] },
      { op: 'Pad', inputs: ['b', 'ones'], outputs: ['y'] },
    ],
    initializers: [zeros8, ones8],
    inputs: [{ name: 'x', type: 'float', dims: [2, 3, 4, 5] }],
    outputs: [{ name: 'y', type: 'float', dims: [2, 3, 6, 7] }],
  });

describe('dropNoOpPads', () => {
  it('zero pads (an initializer, a Constant node; any mode) become Identity, the others stay; same outputs', async () => {
    const bytes = model();
    const m = decodeModel(bytes);
    expect(dropNoOpPads(m)).toBe(2);
    expect(m.graph.node.filter((n) => n.opType === 'Pad')).toHaveLength(1);
    for (const n of m.graph.node.filter((k) => k.opType === 'Identity')) expect(n.input).toHaveLength(1);
    const x = new ort.Tensor('float32', Float32Array.from({ length: 120 }, (_, i) => Math.sin(i)), [2, 3, 4, 5]);
    const before = await (await ort.InferenceSession.create(bytes)).run({ x });
    const after = await (await ort.InferenceSession.create(serializeModel(m))).run({ x });
    expect(Array.from(after.y.data as Float32Array)).toEqual(Array.from(before.y.data as Float32Array));
  });
});
