// Opset 11 models read as their opset-13 form (src/onnx/opset-upgrade.ts): each rewritten op computes, on
// onnxruntime at opset 13, what ONNX's opset-11 definition of it says, written out here by hand. The gradients of
// a PyTorch export at opset 11 are checked against PyTorch in test/torchvision.models.test.ts (legacy_ops_opset11).
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { decodeModel, defaultOpset, serializeModel } from '../src/onnx/load.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';

const X_DIMS = [2, 3, 4];
const r = rng(7);
const xs = Float32Array.from({ length: 24 }, () => 3 * r());

/** Runs an opset-11 model after decoding (and so upgrading) it; returns output `out` as numbers. */
async function runUpgraded(m: OnnxMaker): Promise<{ values: number[]; dims: readonly number[]; opset: number }> {
  const model = decodeModel(m.bytes(11));
  const session = await ort.InferenceSession.create(serializeModel(model));
  const res = await session.run({ x: new ort.Tensor('float32', xs, X_DIMS) });
  await session.release();
  return { values: Array.from(res.out.data as Float32Array), dims: res.out.dims, opset: defaultOpset(model) };
}

/** opset-11 Softmax family: rows of the input coerced to 2-D at `axis`, the op over each row. */
function coerced(axis: number, row: (v: number[]) => number[]): number[] {
  const cols = X_DIMS.slice(axis).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let i = 0; i < xs.length; i += cols) out.push(...row(Array.from(xs.subarray(i, i + cols))));
  return out;
}
const softmax = (v: number[]) => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};
const logSoftmax = (v: number[]) => softmax(v).map(Math.log);
const hardmax = (v: number[]) => v.map((x, i) => (i === v.indexOf(Math.max(...v)) ? 1 : 0));

describe('opset 11 read as opset 13', () => {
  for (const [op, fn] of [['Softmax', softmax], ['LogSoftmax', logSoftmax], ['Hardmax', hardmax]] as const) {
    for (const axis of [1, 2, -1, undefined]) {
      it(`${op}(axis=${axis ?? 'default 1'}) normalises over everything from the axis on, as opset 11 defines it`, async () => {
        const m = new OnnxMaker();
        m.input('x', X_DIMS);
        m.node(op, ['x'], axis === undefined ? {} : { axis }, ['out']);
        m.output('out', X_DIMS);
        const got = await runUpgraded(m);
        expect(got.opset).toBe(13);
        expect(got.dims).toEqual(X_DIMS);
        const want = coerced(axis === undefined ? 1 : axis < 0 ? X_DIMS.length + axis : axis, fn);
        got.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
      });
    }
  }

  it('Unsqueeze, Squeeze and ReduceSum with axes attributes, Split with a split attribute, Dropout with a ratio', async () => {
    const m = new OnnxMaker();
    m.input('x', X_DIMS);
    const [a, b] = m.node('Split', ['x'], { axis: 2, split: [1, 3] }, 2); // [2,3,1], [2,3,3]
    const s = m.op('ReduceSum', [b], { axes: [2], keepdims: 0 }); //          [2,3]
    const u = m.op('Unsqueeze', [s], { axes: [0, 3] }); //                    [1,2,3,1]
    const q = m.op('Squeeze', [u], { axes: [0] }); //                         [2,3,1]
    const d = m.op('Dropout', [a], { ratio: 0.5 }); //                        eval: the identity
    m.node('Mul', [q, d], {}, ['out']);
    m.output('out', [2, 3, 1]);
    const got = await runUpgraded(m);
    expect(got.opset).toBe(13);
    expect(got.dims).toEqual([2, 3, 1]);
    const want = Array.from({ length: 6 }, (_, i) => xs[4 * i] * (xs[4 * i + 1] + xs[4 * i + 2] + xs[4 * i + 3]));
    got.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it('the gradient model of an opset-11 model builds (emitted at the usual opset) and refuses what it cannot read', () => {
    const m = new OnnxMaker();
    m.input('x', ['batch', 4]);
    const h = m.op('Gemm', ['x', m.init('w', [3, 4], (i) => Math.sin(i))], { transB: 1 });
    m.node('Softmax', [m.op('Unsqueeze', [h], { axes: [1] })], { axis: 1 }, ['logits3']);
    m.node('Squeeze', ['logits3'], { axes: [1] }, ['logits']);
    m.output('logits', ['batch', 3]);
    expect(buildGradientModels(m.bytes(11), { loss: 'cross-entropy' }).numParams).toBe(12);

    const sub = new OnnxMaker();
    sub.input('x', [2]);
    sub.input('c', [], 'bool');
    const branch = { name: 'b', node: [], initializer: [], input: [], output: [], valueInfo: [] };
    const model = sub.model(11);
    model.graph!.node.push({ opType: 'If', name: '/If_0', input: ['c'], output: ['y'], domain: '',
      attribute: [{ name: 'then_branch', type: 5, g: branch }, { name: 'else_branch', type: 5, g: branch }] });
    expect(() => decodeModel(serializeModel(model))).toThrow(/node "\/If_0" \(If\) has a subgraph, which is not read at opset 11; re-export/);

    // A Softmax without its input (a malformed model) is left as it is for the builder's and onnxruntime's checks.
    const bad = new OnnxMaker();
    bad.input('x', ['batch', 3]);
    bad.node('Softmax', [], { axis: 1 }, ['logits']);
    bad.output('logits', ['batch', 3]);
    const kept = decodeModel(bad.bytes(11)).graph!.node;
    expect(kept.map((n) => [n.opType, n.input.length])).toEqual([['Softmax', 0]]);
  });
});
