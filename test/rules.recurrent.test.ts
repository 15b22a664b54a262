// LSTM, GRU and RNN (unrolled into standard ops before differentiation, src/onnx/recurrent.ts) against directional
// finite differences of onnxruntime's own LSTM / GRU / RNN kernels: every output that enters the loss (Y, Y_h, Y_c),
// every input as a parameter (X, W, R, B, initial states, peepholes), both directions. (layout=1 is refused: onnxruntime
// cannot run it, and PyTorch exports layout 0.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModel, serializeModel } from '../src/onnx/load.js';
import { repoRoot } from './helpers/paths.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { checkOp, type OpCase } from './helpers/rule-check.js';
import { buildModel, Rng } from './helpers/onnx-builders.js';

const r = new Rng(21);

interface RecCase {
  op: 'LSTM' | 'GRU' | 'RNN';
  T: number;
  B: number;
  I: number;
  H: number;
  direction?: 'forward' | 'reverse' | 'bidirectional';
  bias?: boolean;
  init?: boolean;
  peep?: boolean;
  attrs?: Record<string, number | string | string[] | { floats: number[] }>;
  type?: 'float' | 'double';
}

function recurrent(c: RecCase): OpCase {
  const D = c.direction === 'bidirectional' ? 2 : 1;
  const G = c.op === 'LSTM' ? 4 : c.op === 'GRU' ? 3 : 1;
  const xDims = [c.T, c.B, c.I];
  const sDims = [D, c.B, c.H];
  const w = (n: number) => r.normals(n, 0.6);
  const params = [
    { name: 'p_x', dims: xDims, values: r.normals(c.T * c.B * c.I) },
    { name: 'p_w', dims: [D, G * c.H, c.I], values: w(D * G * c.H * c.I) },
    { name: 'p_r', dims: [D, G * c.H, c.H], values: w(D * G * c.H * c.H) },
  ];
  const inputs = ['p_x', 'p_w', 'p_r'];
  const opt = (name: string | null) => inputs.push(name ?? '');
  if (c.bias) params.push({ name: 'p_b', dims: [D, 2 * G * c.H], values: w(D * 2 * G * c.H) });
  opt(c.bias ? 'p_b' : null);
  opt(null); // sequence_lens
  if (c.init) params.push({ name: 'p_h0', dims: sDims, values: r.normals(D * c.B * c.H, 0.5) });
  opt(c.init ? 'p_h0' : null);
  if (c.op === 'LSTM') {
    if (c.init) params.push({ name: 'p_c0', dims: sDims, values: r.normals(D * c.B * c.H, 0.5) });
    opt(c.init ? 'p_c0' : null);
    if (c.peep) params.push({ name: 'p_p', dims: [D, 3 * c.H], values: w(D * 3 * c.H) });
    opt(c.peep ? 'p_p' : null);
  }
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const nOut = c.op === 'LSTM' ? 3 : 2;
  const type = c.type ?? 'float';
  return {
    op: c.op,
    inputs,
    attrs: { hidden_size: c.H, direction: c.direction ?? 'forward', ...(c.attrs ?? {}) },
    type,
    opset: 13,
    params,
    outputs: nOut,
    lossOutputs: Array.from({ length: nOut }, (_, i) => i),
    // float32 kernels: a moderate step and tolerance (the reference is onnxruntime's float32 recurrent kernel).
    ...(type === 'float' ? { h: 3e-3, rtol: 5e-3 } : {}),
  };
}

const cases: [string, OpCase][] = [
  ['LSTM forward, bias, initial states', recurrent({ op: 'LSTM', T: 4, B: 2, I: 3, H: 3, bias: true, init: true })],
  ['LSTM bidirectional, no bias, zero initial states', recurrent({ op: 'LSTM', T: 3, B: 2, I: 2, H: 3, direction: 'bidirectional' })],
  ['LSTM reverse with peepholes', recurrent({ op: 'LSTM', T: 3, B: 1, I: 2, H: 2, direction: 'reverse', bias: true, init: true, peep: true })],
  ['GRU forward, linear_before_reset=1 (as PyTorch exports), initial state', recurrent({ op: 'GRU', T: 4, B: 2, I: 3, H: 3, bias: true, init: true, attrs: { linear_before_reset: 1 } })],
  ['GRU bidirectional, linear_before_reset=0', recurrent({ op: 'GRU', T: 3, B: 2, I: 2, H: 2, direction: 'bidirectional', bias: true, init: true })],
  ['GRU reverse, no bias', recurrent({ op: 'GRU', T: 3, B: 2, I: 2, H: 2, direction: 'reverse', init: true, attrs: { linear_before_reset: 1 } })],
  ['RNN tanh forward, bias, initial state', recurrent({ op: 'RNN', T: 4, B: 2, I: 3, H: 3, bias: true, init: true })],
  ['RNN tanh bidirectional, zero initial state', recurrent({ op: 'RNN', T: 3, B: 2, I: 2, H: 3, direction: 'bidirectional', bias: true })],
];

const reluRnn = recurrent({ op: 'RNN', T: 3, B: 2, I: 2, H: 3, bias: true, init: true, attrs: { activations: ['Relu'] } });

describe('recurrent ops (unrolled): vjp vs finite differences of the onnxruntime kernel', () => {
  it.each(cases)('%s', async (_name, c) => {
    await checkOp(c);
  });
  // nonlinearity='relu': the Relu inside the cell is gated like any other; a large step crosses its kinks.
  it('RNN relu, gated', async () => {
    await checkOp({ ...reluRnn, gated: { step: 0.5, rtol: 0.05 } });
  });
});

describe('recurrent ops: what the unrolling cannot do is an error naming the node', () => {
  const model = (xDims: (number | string)[], attrs: Record<string, number | string>) =>
    buildModel({
      inputs: [{ name: 'x', type: 'float', dims: xDims }],
      nodes: [
        { op: 'LSTM', inputs: ['x', 'p_w', 'p_r'], outputs: ['y'], attrs: { hidden_size: 2, ...attrs }, name: 'the_lstm' },
        { op: 'ReduceSum', inputs: ['y'], outputs: ['L'], attrs: { keepdims: 0 }, name: 'sum' },
      ],
      initializers: [
        { name: 'p_w', type: 'float', dims: [1, 8, 3], values: new Array<number>(24).fill(0.1) },
        { name: 'p_r', type: 'float', dims: [1, 8, 2], values: new Array<number>(16).fill(0.1) },
      ],
      outputs: [{ name: 'L', type: 'float', dims: [] }],
      opset: 14,
    });
  it.each([
    ['a dynamic sequence length', ['T', 2, 3], {}, /LSTM \(node "the_lstm"\).*sequence length.*not static/],
    ['layout=1', [2, 4, 3], { layout: 1 }, /LSTM \(node "the_lstm"\).*layout=1/],
    ['clip', [4, 2, 3], { clip: 3 }, /LSTM \(node "the_lstm"\).*clip/],
  ] as [string, (number | string)[], Record<string, number>, RegExp][])('%s', (_name, dims, attrs, message) => {
    expect(() => buildGradientModels(model(dims, attrs), { loss: 'output:L', params: /^p_/ })).toThrow(message);
  });

  it("names the layer's own weight where the export feeds the op a Concat of its Slices (PyTorch's stacked LSTM)", () => {
    const m = parseModel(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'models', 'lstm_two_layers_bidirectional.onnx')));
    m.graph.input[0].type!.tensorType!.shape!.dim![1] = { dimParam: 'T' };
    expect(() => buildGradientModels(serializeModel(m), { loss: 'cross-entropy' })).toThrow(/LSTM \(node "\/rnn\/LSTM"\) on the path from parameter rnn\.weight_ih_l0 to the loss: the sequence length .* not static/);
  });
});
