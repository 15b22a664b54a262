// Control flow that the shapes decide, rewritten into plain ops (src/onnx/static-control-flow.ts). onnxruntime runs the
// original Loop, If and sequence ops, and is the reference for the rewritten graph; control flow that depends on the
// data stays and is refused by name, with the parameters behind it never left out silently. The PyTorch fixtures
// tensor_split_squeeze_opset17 / _opset13 (test/torchvision.models.test.ts) check gradient and spectrum end to end.
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { foldStaticControlFlow } from '../src/onnx/static-control-flow.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { serializeModel, valueInfo, type ModelProto, type NodeProto } from '../src/onnx/load.js';
import { encodeAttr } from '../src/onnx/emitter.js';
import { elemTypeCode } from '../src/onnx/shapes.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';

const graphAttr = (name: string, g: { node: NodeProto[]; input: ReturnType<typeof valueInfo>[]; output: ReturnType<typeof valueInfo>[] }) =>
  ({ name, type: 5, g: { name, initializer: [], valueInfo: [], ...g } });
const vi = (name: string, type: 'float' | 'int64' | 'bool', dims: number[]) => valueInfo(name, elemTypeCode(type), dims);
const n = (opType: string, input: string[], output: string[], attrs: Record<string, number> = {}): NodeProto =>
  ({ opType, input, output, name: `${opType}:${output[0]}`, attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)), domain: '' });

/** x [2, 6]: a Loop of 3 (a carried sum and a stacked scan output), a split into a sequence read back three ways, and
 *  an If on x's width. */
function staticModel(tripCount = 3): ModelProto {
  const m = new OnnxMaker();
  const x = m.input('x', [2, 6]);
  const trips = m.constant([], [tripCount], 'int64');
  const two = m.constant([], [2]);
  const split = m.constant([], [2], 'int64');
  const width = m.op('Gather', [m.op('Shape', [x]), m.constant([], [1], 'int64')], { axis: 0 });
  const cond = m.op('Equal', [width, m.constant([], [6], 'int64')]);
  const model = m.model(17);
  const g = model.graph;
  g.node.push({
    ...n('Loop', [trips, '', x], ['acc', 'scan']),
    attribute: [graphAttr('body', {
      input: [vi('i', 'int64', []), vi('c', 'bool', []), vi('acc_in', 'float', [2, 6])],
      output: [vi('c_out', 'bool', []), vi('acc_out', 'float', [2, 6]), vi('s', 'float', [2, 6])],
      node: [n('Identity', ['c'], ['c_out']), n('Cast', ['i'], ['i_f'], { to: 1 }), n('Mul', [x, 'i_f'], ['mx']), n('Add', ['acc_in', 'mx'], ['acc_out']), n('Mul', ['acc_in', two], ['s'])],
    })],
  });
  g.node.push({ ...n('SplitToSequence', [x, split], ['seq'], { axis: 1 }) });
  g.node.push(n('ConcatFromSequence', ['seq'], ['joined'], { axis: 0 }));
  g.node.push(n('ConcatFromSequence', ['seq'], ['stacked'], { axis: 1, new_axis: 1 }));
  g.node.push(n('SequenceAt', ['seq', m.constant([], [-1], 'int64')].filter(Boolean), ['last']));
  g.node.push(n('SequenceLength', ['seq'], ['count']));
  g.node.push({
    ...n('If', [cond], ['branch']),
    attribute: [
      graphAttr('then_branch', { input: [], output: [vi('neg', 'float', [2, 6])], node: [n('Neg', [x], ['neg'])] }),
      graphAttr('else_branch', { input: [], output: [vi('same', 'float', [2, 6])], node: [n('Identity', [x], ['same'])] }),
    ],
  });
  g.output.push(vi('acc', 'float', [2, 6]), vi('scan', 'float', [3, 2, 6]), vi('joined', 'float', [6, 2]), vi('stacked', 'float', [2, 3, 2]), vi('last', 'float', [2, 2]), vi('count', 'int64', []), vi('branch', 'float', [2, 6]));
  return model;
}

async function run(bytes: Uint8Array, x: Float32Array): Promise<Record<string, number[]>> {
  const s = await ort.InferenceSession.create(bytes);
  const r = await s.run({ x: new ort.Tensor('float32', x, [2, 6]) });
  await s.release();
  return Object.fromEntries(Object.entries(r).map(([k, t]) => [k, Array.from(t.data as ArrayLike<number | bigint>, Number)]));
}

describe('static control flow', () => {
  it('unrolls a Loop (carried and scan outputs), folds sequences and inlines an If: onnxruntime\'s values on the original graph', async () => {
    const r = rng(3);
    const x = Float32Array.from({ length: 12 }, () => r());
    const before = await run(serializeModel(staticModel()), x);
    const model = staticModel();
    expect(foldStaticControlFlow(model)).toBeGreaterThan(0);
    const left = model.graph.node.map((k) => k.opType).filter((op) => /Loop|If|Sequence/.test(op));
    expect(left).toEqual([]);
    const after = await run(serializeModel(model), x);
    for (const k of ['acc', 'scan', 'joined', 'stacked', 'last', 'count', 'branch']) {
      expect(after[k].length, k).toBe(before[k].length);
      after[k].forEach((v, i) => expect(v).toBe(before[k][i])); // the same float32 operations in the same order
    }
  });

  it('a Loop too long to unroll (a hostile trip count) is left as it is, at once', () => {
    const model = staticModel(1e9);
    const t0 = Date.now();
    foldStaticControlFlow(model);
    expect(Date.now() - t0).toBeLessThan(2000); // the count is checked against the budget before anything is copied
    expect(model.graph.node.filter((k) => k.opType === 'Loop')).toHaveLength(1);
  });

  it('an If on the data stays and is refused naming it; the parameters before it are not left out silently', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 3]);
    const h = m.op('Gemm', [x, m.init('w', [3, 3], (i) => 0.1 * (i + 1)), m.init('b', [3], [0, 0.1, -0.1])]);
    const cond = m.op('Greater', [m.op('ReduceSum', [h, m.constant([1], [1], 'int64')], { keepdims: 0 }), m.constant([], [0])]);
    const model = m.model(17);
    model.graph.node.push({
      ...n('If', [cond], ['chosen']),
      attribute: [
        graphAttr('then_branch', { input: [], output: [vi('r', 'float', [])], node: [n('Relu', [h], ['r'])] }),
        graphAttr('else_branch', { input: [], output: [vi('ng', 'float', [])], node: [n('Neg', [h], ['ng'])] }),
      ],
    });
    // a second path from the input, with parameters of its own: the If's could have been dropped unnoticed
    const other = m.op('Gemm', [x, m.init('w2', [3, 3], (i) => 0.05 * i), m.init('b2', [3], [0.2, 0, 0])]);
    model.graph.node.push(n('Add', ['chosen', other], ['logits']));
    model.graph.output.push(vi('logits', 'float', [-1, 3]));
    expect(() => buildGradientModels(serializeModel(model), { loss: 'cross-entropy' })).toThrow(/unsupported op If .* on the path from parameter (w|b) /);
  });
});
