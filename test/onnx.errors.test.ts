// Issue 3 item 6: the inputs the builder must refuse, each with a message naming the problem; nothing crashes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { SaneError } from '../src/errors.js';
import { OnnxMaker } from './helpers/onnx-maker.js';
import { fixturesDir, repoRoot } from './helpers/paths.js';
import { serializeModel } from '../src/onnx/load.js';
import { defaultRules } from '../src/onnx/rules-table.js';
import { RuleError } from '../src/onnx/rules/index.js';

/** x[batch,4] -> Gemm(W[3,4], b) -> logits[batch,3] with an optional op in between. */
function mlp(opts: { between?: (m: OnnxMaker, t: string) => string; opset?: number; outputRank1?: boolean } = {}): Uint8Array {
  const m = new OnnxMaker();
  const x = m.input('x', ['batch', 4]);
  let h = m.op('Gemm', [x, m.init('fc.weight', [4, 4], (i) => 0.1 * (i % 5)), m.init('fc.bias', [4], [0, 0.1, 0.2, 0.3])], { transB: 1 });
  if (opts.between) h = opts.between(m, h);
  m.node('Gemm', [h, m.init('head.weight', [3, 4], (i) => 0.05 * i), m.init('head.bias', [3], [0, 0, 0])], { transB: 1 }, ['logits']);
  let out = 'logits';
  if (opts.outputRank1) out = m.op('ReduceSum', ['logits', m.constant([1], [1], 'int64')], { keepdims: 0 });
  m.output(out, opts.outputRank1 ? ['batch'] : ['batch', 3]);
  return m.bytes(opts.opset ?? 17);
}

function errorOf(f: () => unknown): SaneError {
  try {
    f();
  } catch (e) {
    expect(e, `threw a SaneError, not ${String(e)}`).toBeInstanceOf(SaneError);
    return e as SaneError;
  }
  throw new Error('expected an error, got none');
}

describe('builder errors', () => {
  it('an op without a rule on the path names the op, the node and the parameter', () => {
    const e = errorOf(() => buildGradientModels(mlp({ between: (m, t) => m.op('Hardmax', [t]) }), { loss: 'cross-entropy' }));
    expect(e.reason).toBe('UNSUPPORTED_OP');
    expect(e.message).toMatch(/Hardmax/);
    expect(e.message).toMatch(/node "\/Hardmax_\d+"/);
    expect(e.message).toMatch(/on the path from parameter fc\.(weight|bias) to the loss/);
  });

  it('an op without a rule off the path (on data only) is fine', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 4]);
    const hx = m.op('Hardmax', [x]);
    m.node('Gemm', [hx, m.init('w', [3, 4], (i) => i), m.init('b', [3], [0, 0, 0])], { transB: 1 }, ['logits']);
    m.output('logits', ['batch', 3]);
    const g = buildGradientModels(m.bytes(), { loss: 'cross-entropy' });
    expect(g.params.map((p) => p.name)).toEqual(['w', 'b']);
  });

  it('a custom-domain op on the path is named with its domain', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 4]);
    const h = m.op('MatMul', [x, m.init('w', [4, 3], (i) => i)]);
    const model = m.model();
    model.graph.node.push({ opType: 'FusedThing', domain: 'com.microsoft', name: 'fused0', input: [h], output: ['logits'], attribute: [] });
    model.opsetImport.push({ domain: 'com.microsoft', version: 1 });
    model.graph.output = [{ name: 'logits', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 3 }] } } } }];
    const e = errorOf(() => buildGradientModels(serializeModel(model), { loss: 'cross-entropy' }));
    expect(e.reason).toBe('UNSUPPORTED_OP');
    expect(e.message).toMatch(/com\.microsoft\.FusedThing \(node "fused0"\) on the path from parameter w to the loss/);
  });

  it('a rule that cannot handle the attributes reports the op, node, parameter and why', () => {
    // A rule signals an unsupported attribute combination with RuleError (its .detail says what).
    const rules = { ...defaultRules(), Tanh: { vjp: () => { throw new RuleError('approximate="fast" is not supported'); } } };
    const e = errorOf(() => buildGradientModels(mlp({ between: (m, t) => m.op('Tanh', [t]) }), { loss: 'cross-entropy', rules }));
    expect(e.reason).toBe('UNSUPPORTED_OP');
    expect(e.message).toMatch(/Tanh \(node "\/Tanh_\d+"\) on the path from parameter fc\.(weight|bias) to the loss: approximate="fast" is not supported/);
  });

  it('a model without trainable parameters', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 3]);
    m.node('Softmax', [x], { axis: 1 }, ['p']);
    m.output('p', ['batch', 3]);
    const e = errorOf(() => buildGradientModels(m.bytes(), { loss: 'cross-entropy' }));
    expect(e.reason).toBe('MODEL');
    expect(e.message).toMatch(/no trainable parameters/);
  });

  it('initializers used only as shapes or BatchNormalization statistics are not parameters', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 2]);
    const bn = m.op('BatchNormalization', [x, m.constant([2], [1, 1]), m.constant([2], [0, 0]), m.init('rm', [2], [0.1, 0.2]), m.init('rv', [2], [1, 2])]);
    m.node('Reshape', [bn, m.init('shape', [2], [-1, 2], 'int64')], {}, ['y']);
    m.output('y', ['batch', 2]);
    const e = errorOf(() => buildGradientModels(m.bytes(), { loss: 'mse' }));
    expect(e.message).toMatch(/no trainable parameters: none of its 2 floating-point initializers reaches the loss/);
  });

  it('a --params pattern that matches nothing lists the parameters', () => {
    const e = errorOf(() => buildGradientModels(mlp(), { loss: 'cross-entropy', params: '^conv' }));
    expect(e.message).toMatch(/\/\^conv\/ matches none of the 4 trainable parameters \(fc\.weight, fc\.bias, head\.weight, head\.bias\)/);
  });

  it('an invalid --params pattern', () => {
    const e = errorOf(() => buildGradientModels(mlp(), { loss: 'cross-entropy', params: '(' }));
    expect(e.reason).toBe('BAD_OPTION');
    expect(e.message).toMatch(/not a valid regular expression/);
  });

  it('a --params pattern narrows the set, keeping model order', () => {
    const g = buildGradientModels(mlp(), { loss: 'cross-entropy', params: /head/ });
    expect(g.params.map((p) => p.name)).toEqual(['head.weight', 'head.bias']);
    expect(g.numParams).toBe(15);
    expect(Array.from(g.theta.subarray(0, 3))).toEqual([0, 0.05000000074505806, 0.10000000149011612]);
  });

  it('a loss output that does not exist', () => {
    const e1 = errorOf(() => buildGradientModels(mlp(), { loss: 'output:total_loss' }));
    expect(e1.message).toMatch(/loss output "total_loss" is not an output of the model \(outputs: "logits"\)/);
    const e2 = errorOf(() => buildGradientModels(mlp(), { loss: 'cross-entropy', output: 'probs' }));
    expect(e2.message).toMatch(/output "probs" is not an output of the model \(outputs: "logits"\)/);
  });

  it('an output:NAME that is not a scalar', () => {
    const e = errorOf(() => buildGradientModels(mlp(), { loss: 'output:logits' }));
    expect(e.message).toMatch(/loss output "logits" must be a scalar, but its shape is \[.*3\]/);
  });

  it('an unknown loss name', () => {
    const e = errorOf(() => buildGradientModels(mlp(), { loss: 'hinge' as 'mse' }));
    expect(e.message).toMatch(/unknown loss "hinge": use cross-entropy, mse, bce or output:NAME/);
  });

  it('cross-entropy on an output without a class axis', () => {
    const e = errorOf(() => buildGradientModels(mlp({ outputRank1: true }), { loss: 'cross-entropy' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/cross-entropy needs logits \[batch, classes\] \(or \[batch, classes, d1, \.\.\.\], classes on axis 1 as in PyTorch\).* has rank 1/);
  });

  it('cross-entropy on a one-column output (a binary classifier with one logit) points to bce', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 4]);
    m.node('Gemm', [x, m.init('w', [1, 4], (i) => 0.1 * i), m.init('b', [1], [0])], { transB: 1 }, ['logit']);
    m.output('logit', ['batch', 1]);
    const e = errorOf(() => buildGradientModels(m.bytes(), { loss: 'cross-entropy' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/cross-entropy over output "logit" of one column \(\[batch, 1\]\) is constant.*--loss bce|loss: bce/);
    expect(buildGradientModels(m.bytes(), { loss: 'bce' }).labelsType).toBe('float');
  });

  it('a parameter read inside control flow on the loss path (nn.EmbeddingBag as a Loop) is refused, not left out', () => {
    const bag = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'exporter', 'embedding_bag_loop.onnx'));
    const e = errorOf(() => buildGradientModels(bag, { loss: 'cross-entropy' }));
    expect(e.reason).toBe('UNSUPPORTED_OP');
    expect(e.message).toMatch(/unsupported op Loop \(node "[^"]+"\) on the path from parameter bag\.weight to the loss: the parameter is read inside the Loop's body/);
    // left out by the pattern, the others are scored (the Loop's output is then data to them)
    expect(buildGradientModels(bag, { loss: 'cross-entropy', params: /^fc\./ }).params.map((p) => p.name)).toEqual(['fc.weight', 'fc.bias']);
  });

  it('a loss on an integer output', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 4]);
    const h = m.op('Gemm', [x, m.init('w', [3, 4], (i) => i)], { transB: 1 });
    m.node('ArgMax', [h], { axis: 1, keepdims: 0 }, ['cls']);
    m.output('cls', ['batch'], 'int64');
    const e = errorOf(() => buildGradientModels(m.bytes(), { loss: 'mse' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/mse needs a floating-point model output, but "cls"/);
  });

  it('a model whose own input is called labels cannot take the built-in losses', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 4]);
    m.input('labels', ['batch'], 'int64');
    m.node('Gemm', [x, m.init('w', [3, 4], (i) => i)], { transB: 1 }, ['logits']);
    m.output('logits', ['batch', 3]);
    const e = errorOf(() => buildGradientModels(m.bytes(), { loss: 'cross-entropy' }));
    expect(e.message).toMatch(/already has an input named "labels"/);
  });

  it('opsets outside 11..21 are refused with the supported range', () => {
    for (const opset of [10, 22]) {
      const e = errorOf(() => buildGradientModels(mlp({ opset }), { loss: 'cross-entropy' }));
      expect(e.message).toMatch(new RegExp(`opset ${opset} is not supported \\(supported: 11 to 21\\); re-export`));
    }
  });

  it('bytes that are not an ONNX model', () => {
    const e = errorOf(() => buildGradientModels(new Uint8Array([1, 2, 3, 4, 5, 0xff, 0xff]), { loss: 'mse' }));
    expect(e.reason).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/not a valid ONNX model/);
  });

  it('truncated or corrupted model bytes never crash: every failure is a SaneError', () => {
    const base = fs.readFileSync(path.join(fixturesDir, 'cnn_lr0.3.onnx'));
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const outcomes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const b = Uint8Array.from(base);
      let bytes: Uint8Array = b;
      if (i % 3 === 0) bytes = b.subarray(0, Math.floor(rnd() * b.length));
      else for (let k = 0; k < 1 + Math.floor(rnd() * 5); k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      try {
        buildGradientModels(bytes, { loss: 'cross-entropy' });
        outcomes.add('built');
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(SaneError);
        outcomes.add((e as SaneError).reason);
      }
    }
    expect(outcomes.has('CORRUPT_FILE')).toBe(true);
  });
});
