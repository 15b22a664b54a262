// Loading (issue 3 item 1: external data, the 2 GB limit, local functions of the dynamo exporter), the output:NAME
// loss (item 2), the export-gradient library function (item 8) and the .npz reader the tests and the CLI share.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { exportGradient } from '../src/onnx/export.js';
import { serializeModel, parseModel } from '../src/onnx/load.js';
import { readNpz, parseNpz } from '../src/data/npz.js';
import { SaneError } from '../src/errors.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';
import { fdCheckFloat64, type FeedArray } from './helpers/gradient-runner.js';
import { fixturesDir } from './helpers/paths.js';
import { f32, i64, npyBytes } from './helpers/npz.js';
import { zipSync } from 'fflate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sane-onnx-load-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function doubleFeeds(names: Record<string, number[]>, seed: number): Record<string, FeedArray> {
  const r = rng(seed);
  const out: Record<string, FeedArray> = {};
  for (const [k, dims] of Object.entries(names)) {
    out[k] = { type: 'float64', dims, data: Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => r()) };
  }
  return out;
}

describe('output:NAME (the model computes its own loss)', () => {
  for (const lossShape of [[], [1]]) {
    it(`a ${lossShape.length ? '[1]' : 'scalar'} loss output: gradient equals finite differences, labels stay model inputs`, async () => {
      const m = new OnnxMaker('double');
      const r = rng(3);
      const x = m.input('x', ['batch', 3]);
      const y = m.input('y', ['batch', 2]);
      const h = m.op('Tanh', [m.op('Gemm', [x, m.init('l1.weight', [4, 3], () => r()), m.init('l1.bias', [4], () => r())], { transB: 1 })]);
      const out = m.op('Gemm', [h, m.init('l2.weight', [2, 4], () => r()), m.init('l2.bias', [2], () => r())], { transB: 1 });
      const d = m.op('Sub', [out, y]);
      const mean = m.op('ReduceMean', [m.op('Mul', [d, d])], { keepdims: 0 });
      if (lossShape.length) m.node('Reshape', [mean, m.constant([1], [1], 'int64')], {}, ['total']);
      else m.node('Identity', [mean], {}, ['total']);
      m.node('Identity', [out], {}, ['pred']);
      m.output('pred', ['batch', 2]);
      m.output('total', lossShape);
      const g = buildGradientModels(m.bytes(), { loss: 'output:total' });
      expect(g.labelsType).toBeNull();
      expect(g.dataInputs).toEqual(['x', 'y']);
      const data = doubleFeeds({ x: [5, 3], y: [5, 2] }, 7);
      const { err, loss } = await fdCheckFloat64(g, data);
      expect(err).toBeLessThan(1e-7);
      expect(loss).toBeGreaterThan(0);
      const s = await ort.InferenceSession.create(g.live);
      const outDims = (s.outputMetadata as unknown as { name: string; shape?: unknown[] }[]).find((o) => o.name === 'loss')?.shape;
      if (outDims) expect(outDims).toEqual([]);
      await s.release();
    });
  }
});

describe('local functions (dynamo exporter)', () => {
  it('are inlined, with attribute references, and differentiate correctly', async () => {
    const m = new OnnxMaker('double');
    const r = rng(11);
    const x = m.input('x', ['batch', 3]);
    const h = m.node('Linear', [x, m.init('a.weight', [4, 3], () => r()), m.init('a.bias', [4], () => r())], { trans: 1 }, ['h'])[0];
    const t = m.op('Tanh', [h]);
    m.node('Linear', [t, m.init('b.weight', [2, 4], () => r()), m.init('b.bias', [2], () => r())], { trans: 1 }, ['logits']);
    m.output('logits', ['batch', 2]);
    const model = m.model(18);
    for (const n of model.graph.node) if (n.opType === 'Linear') n.domain = 'pkg.test';
    model.opsetImport.push({ domain: 'pkg.test', version: 1 });
    model.functions = [{
      name: 'Linear', domain: 'pkg.test', input: ['X', 'W', 'B'], output: ['Y'], attribute: ['trans'],
      opsetImport: [{ domain: '', version: 18 }],
      node: [
        { opType: 'Gemm', name: 'g', input: ['X', 'W'], output: ['XW'], attribute: [{ name: 'transB', refAttrName: 'trans', type: 2 }], domain: '' },
        { opType: 'Add', name: 'a', input: ['XW', 'B'], output: ['Y'], attribute: [], domain: '' },
      ],
    }];
    const g = buildGradientModels(serializeModel(model), { loss: 'cross-entropy' });
    expect(g.params.map((p) => p.name)).toEqual(['a.weight', 'a.bias', 'b.weight', 'b.bias']);
    const data: Record<string, FeedArray> = { ...doubleFeeds({ x: [6, 3] }, 2), labels: { type: 'int64', dims: [6], data: BigInt64Array.from([0n, 1n, 1n, 0n, 1n, 0n]) } };
    const { err } = await fdCheckFloat64(g, data);
    expect(err).toBeLessThan(1e-7);
  });
});

describe('external data and size limits', () => {
  const m = new OnnxMaker();
  const x = m.input('x', ['batch', 3]);
  const wValues = Array.from({ length: 6 }, (_, i) => 0.25 * (i - 2));
  m.node('Gemm', [x, m.init('w', [2, 3], wValues), m.init('b', [2], [0.5, -0.5])], { transB: 1 }, ['logits']);
  m.output('logits', ['batch', 2]);
  const model = m.model();
  // Move both initializers to weights.bin (w at offset 0, b after it), as onnx.save(..., save_as_external_data=True) does.
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const t of model.graph.initializer) {
    const raw = t.rawData!;
    t.externalData = [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(raw.length) }];
    t.dataLocation = 1;
    delete t.rawData;
    blobs.push(raw);
    offset += raw.length;
  }
  const dir = path.join(tmp, 'ext');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'model.onnx'), serializeModel(model));
  fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.concat(blobs));

  it('resolves external data relative to the model file', () => {
    const res = exportGradient(path.join(dir, 'model.onnx'), { loss: 'cross-entropy', output: path.join(dir, 'grad.onnx') });
    expect(res.params.map((p) => p.name)).toEqual(['w', 'b']);
    const g = buildGradientModels(fs.readFileSync(path.join(dir, 'model.onnx')), { loss: 'cross-entropy', baseDir: dir });
    expect(Array.from(g.theta)).toEqual([...wValues, 0.5, -0.5]);
    // the exported model is self-contained: its parameters are inputs and it holds no external references
    const exported = parseModel(fs.readFileSync(path.join(dir, 'grad.onnx')));
    expect(exported.graph.input.map((i) => i.name)).toEqual(['x', 'labels', 'w', 'b']);
    expect(exported.graph.output.map((o) => o.name)).toEqual(['loss', 'grad:w', 'grad:b']);
  });

  it('says which external file is missing, and that bytes alone need the model folder', () => {
    const bytes = fs.readFileSync(path.join(dir, 'model.onnx'));
    expect(() => buildGradientModels(bytes, { loss: 'cross-entropy', baseDir: tmp })).toThrow(/external data file "weights.bin" of tensor w not found/);
    expect(() => buildGradientModels(bytes, { loss: 'cross-entropy' })).toThrow(/external file "weights.bin"; give the model's folder/);
  });

  it('refuses a model file above 2 GB with a clear message', () => {
    const big = path.join(tmp, 'big.onnx');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 2 ** 31 + 10); // sparse: no disk used
    let err: unknown;
    try {
      exportGradient(big, { loss: 'cross-entropy', output: path.join(tmp, 'never.onnx') });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SaneError);
    expect((err as Error).message).toMatch(/above the 2 GB protobuf limit; models this large are not supported/);
  });

  it('a missing model file', () => {
    expect(() => exportGradient(path.join(tmp, 'nope.onnx'), { loss: 'mse', output: path.join(tmp, 'x.onnx') })).toThrow(/model file not found: .*nope\.onnx/);
  });
});

describe('readNpz', () => {
  it('reads the fixture arrays with their dtypes and shapes', () => {
    const npz = readNpz(path.join(fixturesDir, 'cnn_lr0.3.npz'));
    expect(npz.x.dtype).toBe('float32');
    expect(npz.x.shape).toEqual([64, 1, 8, 8]);
    expect(npz.x.data).toBeInstanceOf(Float32Array);
    expect(npz.y.dtype).toBe('int64');
    expect(npz.y.shape).toEqual([64]);
    expect((npz.y.data as BigInt64Array).every((v) => v >= 0n && v < 3n)).toBe(true);
  });

  it('reads arrays written in the test, compressed or not', () => {
    const files = { 'a.npy': npyBytes(f32([2, 3], [1, 2, 3, 4, 5, 6])), 'b.npy': npyBytes(i64([3], [7, -8, 9])) };
    for (const level of [0, 6] as const) {
      const npz = parseNpz(zipSync(files, { level }));
      expect(Array.from(npz.a.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(npz.a.shape).toEqual([2, 3]);
      expect(Array.from(npz.b.data as BigInt64Array)).toEqual([7n, -8n, 9n]);
    }
  });

  it('names unsupported dtypes and corrupt files', () => {
    const bad = npyBytes(f32([2], [1, 2]));
    const text = new TextDecoder('latin1').decode(bad).replace("'<f4'", "'<c8'");
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(() => parseNpz(zipSync({ 'z.npy': bytes }), 'data.npz')).toThrow(/data\.npz:z: numpy dtype '<c8' is not supported/);
    expect(() => parseNpz(new Uint8Array([1, 2, 3]), 'junk.npz')).toThrow(/junk\.npz: not a readable \.npz/);
    expect(() => readNpz(path.join(tmp, 'missing.npz'))).toThrow(/data file not found/);
  });
});
