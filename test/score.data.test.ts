// Data handling of score(): matching arrays to inputs, shape and label checks with their messages, batching and
// subsets, and the error classes a user sees. References: the fixture JSON (loss, spectrum) and hand-made bad data.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { score, compare } from '../src/api/index.js';
import { SaneError } from '../src/errors.js';
import { cliSpelling } from '../src/cli/flags.js';
import { readNpz } from '../src/data/npz.js';
import { decodeModel, serializeModel } from '../src/onnx/proto-codec.js';
import { makeBatches, matchDataset, subsetIndices, type ArrayData } from '../src/data/dataset.js';
import { GradientOracle } from '../src/oracle/gradient-oracle.js';
import type { RuntimeSession } from '../src/oracle/runtime.js';
import { loadCore } from '../src/core/index.js';
import { fixturesDir, repoRoot } from './helpers/paths.js';
import { present } from './helpers/present.js';

const mlp = path.join(fixturesDir, 'mlp_tanh_lr0.5.onnx');
const mlpData = path.join(fixturesDir, 'mlp_tanh_lr0.5.npz');
const mlpRef = JSON.parse(readFileSync(path.join(fixturesDir, 'mlp_tanh_lr0.5.json'), 'utf8'));
const cnn = path.join(fixturesDir, 'cnn_lr0.3.onnx');
const cnnData = path.join(fixturesDir, 'cnn_lr0.3.npz');
const cnnRef = JSON.parse(readFileSync(path.join(fixturesDir, 'cnn_lr0.3.json'), 'utf8'));
const arrays = () => readNpz(mlpData) as Record<string, ArrayData>;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

async function scoreError(p: Promise<unknown>): Promise<SaneError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SaneError);
    return e as SaneError;
  }
  throw new Error('expected score() to throw');
}

const opts = { estimator: 'exact' as const, core: 'native' as const };

describe('data errors give clear SaneErrors', () => {
  it('a model input without a data array names the input and the keys', async () => {
    const a = arrays();
    const e = await scoreError(score(mlp, { y: a.y }, opts));
    expect(e.reason).toBe('DATA_KEY');
    expect(e.code).toBe('input');
    expect(e.message).toMatch(/no data array matches model input 'x'/);
    expect(e.hint).toBe("map an array to the input with inputMap: { 'x': 'KEY' }");
    expect(e.render(cliSpelling).hint).toBe('map an array to the input with --input x=KEY');
  });

  it('two candidate arrays for one input are not guessed', async () => {
    const a = arrays();
    const e = await scoreError(score(mlp, { feats: a.x, other: a.x, y: a.y }, opts));
    expect(e.reason).toBe('DATA_KEY');
    expect(e.message).toMatch(/'feats', 'other' match no model input/);
  });

  it('--input and --labels that name nothing are refused', async () => {
    const a = arrays();
    let e = await scoreError(score(mlp, a, { ...opts, inputMap: { x: 'nope' } }));
    expect(e.message).toMatch(/inputMap: \{ 'x': 'nope' \}: the data has no array 'nope'/);
    expect(e.render(cliSpelling).message).toMatch(/^--input x=nope: the data has no array 'nope'/);
    e = await scoreError(score(mlp, a, { ...opts, inputMap: { input: 'x' } }));
    expect(e.message).toMatch(/the model has no data input named 'input'/);
    e = await scoreError(score(mlp, a, { ...opts, labelsKey: 'targets' }));
    expect(e.message).toMatch(/no labels array 'targets'/);
  });

  it('a shape that does not fit names the array, the axis and the expected shape', async () => {
    const a = arrays();
    const [n, f] = a.x.shape;
    const x = a.x.data as Float32Array;
    const narrow = new Float32Array(n * (f - 1));
    for (let i = 0; i < n; i++) narrow.set(x.subarray(i * f, i * f + f - 1), i * (f - 1));
    const e = await scoreError(score(mlp, { x: { dtype: 'float32', shape: [n, f - 1], data: narrow }, y: a.y }, opts));
    expect(e.reason).toBe('DATA_SHAPE');
    expect(e.message).toMatch(new RegExp(`data array 'x' .*shape \\[${n}, ${f - 1}\\].*axis 1 is ${f - 1}, should be ${f}`));
    const e2 = await scoreError(score(mlp, { x: a.x, y: { ...a.y, shape: [a.y.shape[0] - 1], data: (a.y.data as BigInt64Array).subarray(1) } }, opts));
    expect(e2.message).toMatch(/disagree on the number of samples/);
  });

  it('labels out of range name the class, the sample and the class count', async () => {
    const a = arrays();
    const y = (a.y.data as BigInt64Array).slice();
    y[17] = 3n; // the mlp has 3 classes
    const e = await scoreError(score(mlp, { x: a.x, y: { dtype: 'int64', shape: a.y.shape, data: y } }, opts));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/labels out of range: 'y' holds class 3 at sample 17, but the model's output has 3 classes \(valid: 0\.\.2\)/);
    y[17] = -1n;
    const e2 = await scoreError(score(mlp, { x: a.x, y: { dtype: 'int64', shape: a.y.shape, data: y } }, opts));
    expect(e2.message).toMatch(/holds class -1 at sample 17/);
  });

  it('the class count comes from the declared output, or from running the model when the file does not declare it', async () => {
    // The fixture declares its output [batch, 3]; the same model with no declared output shape must be checked the
    // same way (the class count then comes from one forward pass).
    const m = decodeModel(readFileSync(mlp));
    const out = m.graph.output[0];
    expect(out.type?.tensorType?.shape?.dim?.[1]?.dimValue).toBe(3);
    delete out.type!.tensorType!.shape;
    const undeclared = serializeModel(m);
    const a = arrays();
    const y = (a.y.data as BigInt64Array).slice();
    y[5] = 3n;
    const e = await scoreError(score(undeclared, { x: a.x, y: { dtype: 'int64', shape: a.y.shape, data: y } }, opts));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/holds class 3 at sample 5, but the model's output has 3 classes/);
  });

  it('fractional labels for cross-entropy are refused; integral float labels are accepted', async () => {
    const a = arrays();
    const yf = Float32Array.from(a.y.data as BigInt64Array, Number);
    const ok = await score(mlp, { x: a.x, y: { dtype: 'float32', shape: a.y.shape, data: yf } }, opts);
    expect(rel(ok.loss, mlpRef.loss_at_params_float64)).toBeLessThan(1e-4);
    yf[3] = 0.5;
    const e = await scoreError(score(mlp, { x: a.x, y: { dtype: 'float32', shape: a.y.shape, data: yf } }, opts));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/non-integer value 0.5/);
  });

  it('bce targets outside [0, 1] (class indices, say) are refused naming the value and the sample', async () => {
    const dir = path.join(repoRoot, 'test', 'fixtures', 'models');
    const npz = readNpz(path.join(dir, 'bce_multilabel_logits.npz'));
    const y = Float32Array.from(npz.y.data as Float32Array);
    y[7] = 2;
    const e = await scoreError(score(path.join(dir, 'bce_multilabel_logits.onnx'), { x: npz.x, y: { dtype: 'float32', shape: npz.y.shape, data: y } }, { loss: 'bce', estimator: 'exact' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/labels 'y' hold 2 at sample 2; bce needs targets in \[0, 1\]/);
  });

  it('per-pixel labels of a segmentation map: another size, or a class past the map\'s classes, is refused', async () => {
    const dir = path.join(repoRoot, 'test', 'fixtures', 'models');
    const model = path.join(dir, 'segmentation_per_pixel.onnx');
    const npz = readNpz(path.join(dir, 'segmentation_per_pixel.npz'));
    const small = { dtype: 'int64' as const, shape: [3, 4, 5], data: (npz.y.data as BigInt64Array).slice(0, 60) };
    let e = await scoreError(score(model, { x: npz.x, y: small }, { estimator: 'exact' }));
    expect(e.reason).toBe('DATA_SHAPE');
    expect(e.message).toMatch(/labels 'y' have shape \[3, 4, 5\]; the loss expects class indices of shape \[.*, 5, 5\] \(the logits' shape without the class axis 1\)/);
    const y = BigInt64Array.from(npz.y.data as BigInt64Array);
    y[30] = 3n;
    e = await scoreError(score(model, { x: npz.x, y: { dtype: 'int64', shape: npz.y.shape, data: y } }, { estimator: 'exact' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/holds class 3 at sample 1, but the model's output has 3 classes/);
  });

  it('ignored labels: batches weigh by the positions they count, so batches of one give the one-batch numbers', async () => {
    const dir = path.join(repoRoot, 'test', 'fixtures', 'models');
    const model = path.join(dir, 'segmentation_ignore_index.onnx');
    const data = path.join(dir, 'segmentation_ignore_index.npz');
    const ref = JSON.parse(readFileSync(path.join(dir, 'segmentation_ignore_index.json'), 'utf8'));
    const one = await score(model, data, { estimator: 'exact' });
    const each = await score(model, data, { estimator: 'exact', batchSize: 1 });
    // the samples count 15, 19 and 20 of their 25 pixels: weighted by samples instead, the loss is 1.13631 (1.4e-3 off)
    expect(rel(each.loss, ref.loss_float64)).toBeLessThan(1e-6);
    expect(rel(one.loss, ref.loss_float64)).toBeLessThan(1e-6);
    expect(rel(present(each.sane, 'sane'), present(one.sane, 'sane'))).toBeLessThan(1e-6);
    expect(rel(each.lambdaMax, one.lambdaMax)).toBeLessThan(1e-6);
    const npz = readNpz(data);
    const none = { dtype: 'int64' as const, shape: npz.y.shape, data: new BigInt64Array(npz.y.data.length).fill(-100n) };
    const e = await scoreError(score(model, { x: npz.x, y: none }, { estimator: 'exact' }));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/every label is -100, the ignore index/);
  });

  it('missing and corrupt files', async () => {
    let e = await scoreError(score('/nonexistent/model.onnx', mlpData, opts));
    expect(e.reason).toBe('FILE_NOT_FOUND');
    expect(e.message).toMatch(/model file not found: \/nonexistent\/model.onnx/);
    e = await scoreError(score(mlp, '/nonexistent/data.npz', opts));
    expect(e.reason).toBe('FILE_NOT_FOUND');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sane-score-'));
    const badModel = path.join(dir, 'bad.onnx');
    writeFileSync(badModel, Buffer.from('this is not an onnx model at all, just text'));
    e = await scoreError(score(badModel, mlpData, opts));
    expect(e.reason).toBe('CORRUPT_FILE');
    const badNpz = path.join(dir, 'bad.npz');
    writeFileSync(badNpz, Buffer.from('PK not really a zip'));
    e = await scoreError(score(mlp, badNpz, opts));
    expect(e.reason).toBe('CORRUPT_FILE');
    expect(e.message).toMatch(/bad\.npz/);
  });

  it('a non-finite input gives a non-finite loss error naming the batch', async () => {
    const a = arrays();
    const x = (a.x.data as Float32Array).slice();
    x[5 * a.x.shape[1]] = NaN;
    const e = await scoreError(score(mlp, { x: { ...a.x, data: x }, y: a.y }, { ...opts, batchSize: 32 }));
    expect(e.reason).toBe('NON_FINITE');
    expect(e.code).toBe('numerical');
    expect(e.message).toMatch(/non-finite loss \(NaN\) at batch 0/);
  });

  it('a non-finite gradient names the parameter and the batch', async () => {
    const { core } = await loadCore({ prefer: 'native' });
    // A stand-in gradient session: batch 2 (rows whose x is 2) returns an infinite gradient for parameter 'b'.
    const fake = {
      inputNames: ['x', 'labels', 'a', 'b'],
      tensor: (t: unknown) => t,
      floatTensor: (data: Float32Array, dims: number[]) => ({ data, dims }),
      run: async (feeds: Record<string, { data: Float32Array }>) => {
        const batch = feeds.x.data[0];
        return {
          loss: { data: Float32Array.of(0.5) },
          'grad:a': { data: Float32Array.of(1, 2) },
          'grad:b': { data: Float32Array.of(batch === 2 ? Infinity : 1) },
        };
      },
    } as unknown as RuntimeSession;
    const ds = matchDataset(
      { x: { dtype: 'float32', shape: [12, 1], data: Float32Array.from({ length: 12 }, (_, i) => Math.floor(i / 4)) }, y: { dtype: 'int64', shape: [12], data: new BigInt64Array(12) } },
      { dataInputs: [{ name: 'x', type: 'float32', shape: ['n', 1] }], labelsType: 'int64' },
    );
    const params = [{ name: 'a', dims: [2], size: 2, offset: 0 }, { name: 'b', dims: [1], size: 1, offset: 2 }];
    const oracle = new GradientOracle(core, fake, makeBatches(ds, 4), params, 3, null);
    const g = new Float64Array(3);
    await expect(oracle.evaluate([new Float32Array(3)], [g])).rejects.toThrowError(/non-finite gradient in parameter b at batch 2/);
    await expect(oracle.evaluate([new Float32Array(3)], [g])).rejects.toMatchObject({ reason: 'NON_FINITE', code: 'numerical' });
  });

  it('too little memory for the requested steps surfaces the core memory guard', async () => {
    const e = await scoreError(score(mlp, mlpData, { ...opts, estimator: 'lanczos', steps: 60, memoryBudget: 1000 }));
    expect(e.reason).toBe('MEMORY');
    expect(e.code).toBe('resources');
    expect(e.message).toMatch(/Lanczos with 60 steps .* needs .* but the memory budget is 1000 bytes/);
  });

  it('exact above the limit suggests slq', async () => {
    const e = await scoreError(score(mlp, mlpData, { ...opts, exactLimit: 100 }));
    expect(e.reason).toBe('TOO_LARGE');
    expect(e.hint).toMatch(/estimator: slq/);
    expect(e.hint).not.toMatch(/--/);
  });

  it('bad option values are usage errors', async () => {
    for (const bad of [{ saneC: 0 }, { batchSize: 2.5 }, { estimator: 'magic' }, { params: '([' }, { loss: 'hinge' }]) {
      const e = await scoreError(score(mlp, mlpData, { ...opts, ...(bad as object) }));
      expect(e.code).toBe('usage');
    }
    const outside = await scoreError(score(mlp, mlpData, { ...opts, labelSmoothing: 1.5 }));
    expect(outside.message).toMatch(/labelSmoothing must be a number in \[0, 1\] \(PyTorch's label_smoothing\), got 1\.5/);
    const mse = await scoreError(score(mlp, mlpData, { ...opts, loss: 'mse', labelSmoothing: 0.1 }));
    expect(mse.render(cliSpelling).message).toMatch(/--label-smoothing applies to cross-entropy only, not to --loss mse/);
  });
});

describe('batching and subsets', () => {
  it('batches of 7 give the same loss and spectrum as one batch (the last partial batch weighs by its size)', async () => {
    const all = await score(cnn, cnnData, { ...opts });
    const b7 = await score(cnn, cnnData, { ...opts, batchSize: 7 });
    expect(cnnRef.num_params).toBe(all.numParams);
    expect((b7.options as { batches: number }).batches).toBe(Math.ceil(all.numSamples / 7));
    expect(all.numSamples % 7).not.toBe(0);
    expect(rel(b7.loss, cnnRef.loss_at_params_float64)).toBeLessThan(1e-4);
    expect(rel(b7.loss, all.loss)).toBeLessThan(1e-5);
    expect(rel(present(b7.sane, 'b7.sane'), present(all.sane, 'all.sane'))).toBeLessThan(1e-3);
    expect(rel(b7.lambdaMax, all.lambdaMax)).toBeLessThan(1e-3);
    b7.topEigenvalues.forEach((v, i) => expect(Math.abs(v - all.topEigenvalues[i])).toBeLessThan(1e-4 * all.lambdaMax));
  });

  it('makeBatches weights: sizes sum to N and weights to 1', () => {
    const a = arrays();
    const ds = matchDataset(a, { dataInputs: [{ name: 'x', type: 'float32', shape: ['batch', a.x.shape[1]] }], labelsType: 'int64', numClasses: 3 });
    const batches = makeBatches(ds, 10);
    expect(batches.map((b) => b.size)).toEqual([...Array(9).fill(10), 6]);
    expect(batches.reduce((s, b) => s + b.weight, 0)).toBeCloseTo(1, 14);
    expect(batches[9].weight).toBeCloseTo(6 / 96, 15);
  });

  it('--samples takes a seeded subset of distinct rows; the same rows passed explicitly give the same score', async () => {
    const idx = subsetIndices(96, 40, 3);
    expect(new Set(idx).size).toBe(40);
    expect(idx.every((i) => i >= 0 && i < 96)).toBe(true);
    expect(subsetIndices(96, 40, 3)).toEqual(idx);
    expect(subsetIndices(96, 40, 4)).not.toEqual(idx);
    const a = arrays();
    const f = a.x.shape[1];
    const x = a.x.data as Float32Array;
    const y = a.y.data as BigInt64Array;
    const xs = new Float32Array(40 * f);
    const ys = new BigInt64Array(40);
    idx.forEach((r, i) => {
      xs.set(x.subarray(r * f, (r + 1) * f), i * f);
      ys[i] = y[r];
    });
    const sub = await score(mlp, mlpData, { ...opts, samples: 40, seed: 3 });
    const explicit = await score(mlp, { x: { dtype: 'float32', shape: [40, f], data: xs }, y: { dtype: 'int64', shape: [40], data: ys } }, opts);
    expect(sub.numSamples).toBe(40);
    expect(sub.loss).toBe(explicit.loss);
    expect(sub.sane).toBeCloseTo(present(explicit.sane, 'explicit.sane'), 12);
    expect(rel(sub.loss, mlpRef.loss_at_params_float64)).toBeGreaterThan(1e-3); // a different data set indeed
    const e = await scoreError(score(mlp, mlpData, { ...opts, samples: 97 }));
    expect(e.message).toMatch(/samples: 97 exceeds the 96 samples/);
    expect(e.render(cliSpelling).message).toMatch(/--samples 97 exceeds the 96 samples/);
  });

  it('raw 8-bit images fed to a float input: the same numbers as those floats, with a warning naming the array', async () => {
    const a = arrays();
    const bytes = Uint8Array.from(a.x.data as Float32Array, (v) => Math.min(255, Math.max(0, Math.round(128 + 40 * v))));
    const asBytes = await score(mlp, { x: { dtype: '|u1', shape: a.x.shape, data: bytes }, y: a.y }, opts);
    const asFloats = await score(mlp, { x: { dtype: '<f4', shape: a.x.shape, data: Float32Array.from(bytes) }, y: a.y }, opts);
    expect(asBytes.loss).toBe(asFloats.loss);
    expect(asBytes.warnings.join('\n')).toMatch(/data array 'x' \(for model input '[^']+'\) holds uint8 values, fed to the model as the floats 0-255/);
    expect(asFloats.warnings.join('\n')).not.toMatch(/uint8/);
  });

  it('one-hot float labels are class probabilities: PyTorch\'s indices reference, reported as such; values outside [0, 1] are refused', async () => {
    const a = arrays();
    const n = a.y.shape[0];
    const classes = 3;
    const oneHot = new Float32Array(n * classes);
    (a.y.data as BigInt64Array).forEach((c, i) => (oneHot[i * classes + Number(c)] = 1));
    const r = await score(mlp, { x: a.x, y: { dtype: '<f4', shape: [n, classes], data: oneHot } }, opts);
    expect(r.options.targets).toBe('probabilities');
    // the same loss function as the indices; the exact estimator's own tolerance against PyTorch's spectrum
    expect(rel(r.loss, mlpRef.loss_at_params_float64)).toBeLessThan(1e-4);
    expect(rel(present(r.sane, 'sane'), mlpRef.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    const indices = await score(mlp, mlpData, opts);
    expect(indices.options.targets).toBe('indices');
    oneHot[5] = -0.25;
    const e = await scoreError(score(mlp, { x: a.x, y: { dtype: '<f4', shape: [n, classes], data: oneHot } }, opts));
    expect(e.reason).toBe('LABELS');
    expect(e.message).toMatch(/labels 'y' hold -0\.25 at sample 1; labels shaped like the logits are class probabilities for cross-entropy, in \[0, 1\]/);
  });

  it('an array under another name feeds the sole input', async () => {
    const a = arrays();
    const r = await score(mlp, { features: a.x, y: a.y }, opts);
    expect(rel(r.loss, mlpRef.loss_at_params_float64)).toBeLessThan(1e-4);
  });
});

describe('per-layer scores and compare', () => {
  it('per-layer SANE from sub-blocks of the exact Hessian equals per-layer exact runs on restricted products', async () => {
    const full = await score(cnn, cnnData, { ...opts, perLayer: true });
    const viaProducts = await score(cnn, cnnData, { ...opts, estimator: 'lanczos', perLayer: true });
    expect(full.perLayer!.map((l) => l.params)).toEqual([['0.weight', '0.bias'], ['3.weight', '3.bias'], ['6.weight', '6.bias']]);
    expect(full.perLayer!.reduce((s, l) => s + l.numParams, 0)).toBe(cnnRef.num_params);
    full.perLayer!.forEach((l, i) => {
      const fromBlock = present(l.sane, `perLayer[${i}].sane from the exact Hessian`);
      expect(rel(fromBlock, present(viaProducts.perLayer![i].sane, `perLayer[${i}].sane from products`))).toBeLessThan(1e-3);
      expect(rel(l.lambdaMax, viaProducts.perLayer![i].lambdaMax)).toBeLessThan(1e-3);
      // A principal sub-block's eigenvalues interlace: its λ_max cannot exceed the full one.
      expect(l.lambdaMax).toBeLessThanOrEqual(full.lambdaMax * (1 + 1e-6));
    });
  });

  it('compare ranks two checkpoints by SANE in the order PyTorch\'s exact SANE gives, with their values', async () => {
    // The bundled example: the same net on the same data at two learning rates (examples/*.json from PyTorch).
    const ex = (n: string) => path.join(repoRoot, 'examples', n);
    const refs = ['spirals_lr0.05', 'spirals_lr0.5'].map((n) => JSON.parse(readFileSync(ex(`${n}.json`), 'utf8')));
    const res = await compare([ex('spirals_lr0.05.onnx'), ex('spirals_lr0.5.onnx')], ex('spirals.npz'), opts);
    const byModel = new Map(res.map((r) => [path.basename(r.model, '.onnx'), r]));
    for (const ref of refs) expect(rel(present(byModel.get(ref.case)!.sane, `${ref.case} sane`), ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    const want = [...refs].sort((a, b) => a.metrics['sane_c0.5'] - b.metrics['sane_c0.5']).map((r) => r.case);
    expect(res.map((r) => path.basename(r.model, '.onnx'))).toEqual(want);
    expect(want[0]).toBe('spirals_lr0.5'); // the two differ: the ranking is not the input order
  });

  it('compare names the model that failed', async () => {
    // The cnn cannot take the mlp's data: the data error itself does not name the model, compare() does.
    const e = await scoreError(compare([mlp, cnn], mlpData, opts));
    expect(e.message.startsWith(`${cnn}: `)).toBe(true);
    expect(e.code).toBe('input');
  });
});

describe('model errors', () => {
  it('an op without a gradient rule is reported with its type, node and parameter', async () => {
    const { buildModel } = await import('./helpers/onnx-builders.js');
    const model = buildModel({
      nodes: [
        { op: 'Mul', inputs: ['x', 'w'], outputs: ['h'], name: 'scale' },
        { op: 'Det', inputs: ['h'], outputs: ['out'], name: 'the_det' },
      ],
      initializers: [{ name: 'w', type: 'float', dims: [2, 2], values: [1, 0.5, -0.5, 1] }],
      inputs: [{ name: 'x', type: 'float', dims: ['n', 2, 2] }],
      outputs: [{ name: 'out', type: 'float', dims: ['n'] }],
    });
    const data = { x: { dtype: 'float32', shape: [3, 2, 2], data: new Float32Array(12).fill(1) }, y: { dtype: 'float32', shape: [3], data: new Float32Array(3) } };
    const e = await scoreError(score(model, data, { ...opts, loss: 'mse' }));
    expect(e.reason).toBe('UNSUPPORTED_OP');
    expect(e.code).toBe('model');
    expect(e.message).toMatch(/Det/);
    expect(e.message).toMatch(/the_det/);
    expect(e.message).toMatch(/\bw\b/);
  });
});
