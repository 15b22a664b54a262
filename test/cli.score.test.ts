// `sane score`, `sane compare` and `sane export-gradient` end to end through the launcher users run, checked against
// PyTorch's exact Hessian (the shared fixtures' JSON and the bundled examples' JSON), never against our own output.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSane } from './helpers/cli.js';
import { fixtureNames, fixturesDir, repoRoot } from './helpers/paths.js';

interface FixtureJson {
  loss: 'cross-entropy' | 'mse';
  num_params: number;
  lambda_max: number;
  lambda_min: number;
  loss_at_params_float64: number;
  param_names: string[];
  gradient?: number[];
  metrics: Record<string, number | number[]>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as FixtureJson;

const REQUIRED_FIELDS: Record<string, string> = {
  model: 'string',
  numParams: 'number',
  numSamples: 'number',
  loss: 'number',
  estimator: 'string',
  sane: 'number',
  saneStdErr: 'number',
  neff: 'number',
  neffStdErr: 'number',
  lambdaMax: 'number',
  lambdaMin: 'number',
  topEigenvalues: 'object',
  trace: 'number',
  hvpCount: 'number',
  hvpSeconds: 'number',
  seconds: 'number',
  backend: 'object',
  options: 'object',
};

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sane-cli-score-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CASES = fixtureNames.flatMap((name) => (['native', 'wasm'] as const).map((core) => [name, core] as const));

describe('sane score --estimator exact --json on the shared fixtures, both cores', () => {
  it.each(CASES)('%s on %s: SANE, N_eff and λ_max within 1 percent, top-5 within 1e-3·λ_max of PyTorch', async (name, core) => {
    const ref = readJson(path.join(fixturesDir, `${name}.json`));
    const r = await runSane([
      'score', path.join(fixturesDir, `${name}.onnx`), '--data', path.join(fixturesDir, `${name}.npz`),
      '--loss', ref.loss, '--estimator', 'exact', '--core', core, '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.backend.core).toBe(core);
    expect(out.backend.runtime).toBe('onnxruntime-node'); // chosen independently of the core
    expect(out.numParams).toBe(ref.num_params);
    expect(out.estimator).toBe('exact');
    expect(relErr(out.sane, ref.metrics['sane_c0.5'] as number)).toBeLessThan(0.01);
    expect(relErr(out.neff, ref.metrics['neff_z1'] as number)).toBeLessThan(0.01);
    expect(relErr(out.lambdaMax, ref.lambda_max)).toBeLessThan(0.01);
    const top5 = ref.metrics['top5_abs'] as number[];
    expect(out.topEigenvalues.length).toBe(5);
    out.topEigenvalues.forEach((v: number, i: number) => expect(Math.abs(v - top5[i])).toBeLessThan(1e-3 * ref.lambda_max));
    expect(relErr(out.loss, ref.loss_at_params_float64)).toBeLessThan(1e-3);
  });

  it('--estimator slq: SANE within 10 percent and within 3 reported standard errors of PyTorch', async () => {
    const ref = readJson(path.join(fixturesDir, 'cnn_lr0.3.json'));
    const r = await runSane([
      'score', path.join(fixturesDir, 'cnn_lr0.3.onnx'), '--data', path.join(fixturesDir, 'cnn_lr0.3.npz'), '--estimator', 'slq', '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const want = ref.metrics['sane_c0.5'] as number;
    expect(out.estimator).toBe('slq');
    expect(out.saneStdErr).toBeGreaterThan(0);
    expect(relErr(out.sane, want)).toBeLessThan(0.1);
    expect(Math.abs(out.sane - want)).toBeLessThan(3 * out.saneStdErr);
  });
});

describe('sane score output', () => {
  const mlp = path.join(fixturesDir, 'mlp_tanh_lr0.5.onnx');
  const mlpData = path.join(fixturesDir, 'mlp_tanh_lr0.5.npz');

  it('--json prints exactly one JSON object with the fixed fields, and nothing else on stdout or stderr', async () => {
    const r = await runSane(['score', mlp, '--data', mlpData, '--json', '--sane-c', '1', '--neff-z', '0.1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no progress when stderr is not a terminal
    const out = JSON.parse(r.stdout); // throws on anything but one JSON value
    expect(typeof out).toBe('object');
    expect(Array.isArray(out)).toBe(false);
    for (const [field, type] of Object.entries(REQUIRED_FIELDS)) expect(typeof out[field], field).toBe(type);
    expect(['native', 'wasm']).toContain(out.backend.core);
    expect(['onnxruntime-node', 'onnxruntime-web']).toContain(out.backend.runtime);
    expect(out.density).toBeUndefined(); // only with --density
    expect(out.options.saneC).toBe(1);
    expect(out.options.neffZ).toBe(0.1);
    expect(out.options.onProgress).toBeUndefined();
    // The options reach the metrics: c = 1 and z = 0.1 are other columns of the PyTorch reference.
    const ref = readJson(path.join(fixturesDir, 'mlp_tanh_lr0.5.json'));
    expect(relErr(out.sane, ref.metrics['sane_c1'] as number)).toBeLessThan(0.01);
    expect(relErr(out.neff, ref.metrics['neff_z0.1'] as number)).toBeLessThan(0.01);
  });

  it('--json --density adds the density arrays; --plot writes an SVG with λ_max marked', async () => {
    const svg = path.join(dir, 'density.svg');
    const r = await runSane(['score', mlp, '--data', mlpData, '--json', '--density', '--plot', svg]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.density.grid.length).toBeGreaterThan(10);
    expect(out.density.values.length).toBe(out.density.grid.length);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    // The rules' labels carry the values: λ_max near PyTorch's, the threshold at c·λ_max with c = 0.5.
    const lmax = Number(/label: λ_max = ([-\d.e]+)/.exec(text)?.[1]);
    const thr = Number(/label: c·λ_max = ([-\d.e]+) \(c = 0\.5\)/.exec(text)?.[1]);
    expect(relErr(lmax, readJson(path.join(fixturesDir, 'mlp_tanh_lr0.5.json')).lambda_max)).toBeLessThan(0.01);
    expect(relErr(thr, 0.5 * lmax)).toBeLessThan(1e-3);
  });

  it('the human summary lists the metrics, sizes, estimator, backend and HVP count', async () => {
    const r = await runSane(['score', mlp, '--data', mlpData]);
    expect(r.code, r.stderr).toBe(0);
    for (const label of ['SANE (c=0.5)', 'N_eff (z=1)', 'λ_max', 'λ_min', 'top 5 (by |λ|)', 'trace', 'parameters', 'samples', 'loss', 'estimator', 'backend', 'HVPs']) {
      expect(r.stdout).toContain(label);
    }
    expect(r.stdout).toMatch(/parameters\s+123\n/);
    expect(r.stdout).toMatch(/samples\s+96\n/);
    expect(r.stdout).toMatch(/SANE \(c=0\.5\)\s+3\.94\d/); // PyTorch: 3.9463
    expect(r.stdout).toMatch(/λ_max\s+0\.0974\d/);
  });
});

describe('the bundled example (README main job)', () => {
  it('sane score examples/spirals_lr0.5.onnx --data examples/spirals.npz matches PyTorch within 1 percent', async () => {
    const ref = readJson(path.join(repoRoot, 'examples', 'spirals_lr0.5.json'));
    const r = await runSane(['score', 'examples/spirals_lr0.5.onnx', '--data', 'examples/spirals.npz', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.numParams).toBe(ref.num_params);
    expect(relErr(out.sane, ref.metrics['sane_c0.5'] as number)).toBeLessThan(0.01);
    expect(relErr(out.neff, ref.metrics['neff_z1'] as number)).toBeLessThan(0.01);
    expect(relErr(out.lambdaMax, ref.lambda_max)).toBeLessThan(0.01);
  });

  it('sane compare ranks the two learning rates in PyTorch\'s SANE order', async () => {
    const refs = ['spirals_lr0.05', 'spirals_lr0.5'].map((n) => ({ n, sane: readJson(path.join(repoRoot, 'examples', `${n}.json`)).metrics['sane_c0.5'] as number }));
    const expected = [...refs].sort((a, b) => a.sane - b.sane).map((x) => `examples/${x.n}.onnx`);
    const args = ['compare', 'examples/spirals_lr0.05.onnx', 'examples/spirals_lr0.5.onnx', '--data', 'examples/spirals.npz'];
    const json = await runSane([...args, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const ranked = JSON.parse(json.stdout);
    expect(Array.isArray(ranked)).toBe(true);
    expect(ranked.map((x: { model: string }) => x.model)).toEqual(expected);
    const table = await runSane(args);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.split('\n').filter((l) => /^\s*\d+\s+examples\//.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[1])).toEqual(expected);
  });
});

describe('sane export-gradient', () => {
  it('writes a gradient model whose loss and gradient onnxruntime computes as PyTorch did', async () => {
    const name = 'mlp_tanh_lr0.5';
    const out = path.join(dir, 'grad.onnx');
    const r = await runSane(['export-gradient', path.join(fixturesDir, `${name}.onnx`), '--loss', 'cross-entropy', '--output', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);

    const ref = readJson(path.join(fixturesDir, `${name}.json`));
    const ort = await import('onnxruntime-node');
    const { loadModelFile, tensorToFloat64 } = await import('../src/onnx/load.js');
    const { loadArrays } = await import('../src/data/dataset.js');
    const model = loadModelFile(path.join(fixturesDir, `${name}.onnx`));
    const arrays = await loadArrays(path.join(fixturesDir, `${name}.npz`));
    const session = await ort.InferenceSession.create(out);
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      x: new ort.Tensor('float32', Float32Array.from(arrays.x.data as Float32Array), arrays.x.shape),
      labels: new ort.Tensor('int64', BigInt64Array.from(arrays.y.data as BigInt64Array), arrays.y.shape),
    };
    for (const p of ref.param_names) {
      const t = model.graph.initializer.find((i) => i.name === p)!;
      feeds[p] = new ort.Tensor('float32', Float32Array.from(tensorToFloat64(t)), t.dims.map(Number));
    }
    const res = await session.run(feeds);
    expect(relErr(Number(res.loss.data[0]), ref.loss_at_params_float64)).toBeLessThan(1e-4);
    const grad = ref.param_names.flatMap((p) => Array.from(res[`grad:${p}`].data as Float32Array));
    const g = ref.gradient!;
    const diff = Math.hypot(...grad.map((v, i) => v - g[i]));
    expect(diff / Math.hypot(...g)).toBeLessThan(1e-3);
    await session.release();
  });

  it('--gates also writes the frozen-gate pair for a model with ReLU and MaxPool', async () => {
    const out = path.join(dir, 'cnn_grad.onnx');
    const r = await runSane(['export-gradient', path.join(fixturesDir, 'cnn_lr0.3.onnx'), '--output', out, '--gates', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    const gated = path.join(dir, 'cnn_grad.gated.onnx');
    const gatesFile = path.join(dir, 'cnn_grad.gates.onnx');
    expect(summary.files).toEqual([out, gated, gatesFile]);
    expect(summary.numParams).toBe(readJson(path.join(fixturesDir, 'cnn_lr0.3.json')).num_params);
    const ort = await import('onnxruntime-node');
    const plain = await ort.InferenceSession.create(out);
    const g = await ort.InferenceSession.create(gated);
    const gates = await ort.InferenceSession.create(gatesFile);
    expect(plain.inputNames.some((n) => n.startsWith('gate:'))).toBe(false);
    const gateInputs = g.inputNames.filter((n) => n.startsWith('gate:'));
    expect(gateInputs.length).toBeGreaterThanOrEqual(2); // the ReLU mask and the MaxPool indices at least
    expect([...gates.outputNames].sort()).toEqual([...gateInputs].sort());
    for (const s of [plain, g, gates]) await s.release();
  });

  it("--padding-rows: an nn.Embedding padding row gets PyTorch's gradient, none by default, an ordinary one when trained", async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const ort = await import('onnxruntime-node');
    const { loadModelFile, tensorToFloat64 } = await import('../src/onnx/load.js');
    const { readNpz } = await import('../src/data/npz.js');
    const npz = readNpz(path.join(models, 'embedding_padding_idx.npz'));
    const feeds = {
      x: new ort.Tensor('int64', npz.x.data as BigInt64Array, npz.x.shape),
      labels: new ort.Tensor('int64', npz.y.data as BigInt64Array, npz.y.shape),
    };
    for (const [mode, refCase] of [[undefined, 'embedding_padding_idx'], ['trained', 'embedding_padding_row_trained']] as const) {
      const out = path.join(dir, `emb_${mode ?? 'default'}.onnx`);
      const r = await runSane(['export-gradient', path.join(models, 'embedding_padding_idx.onnx'), '--output', out, ...(mode ? ['--padding-rows', mode] : [])]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.includes('padding_idx = 0')).toBe(mode === undefined);
      const ref = JSON.parse(readFileSync(path.join(models, `${refCase}.json`), 'utf8')) as { gradient_by_onnx: Record<string, number[]> };
      const session = await ort.InferenceSession.create(out);
      const p: Record<string, unknown> = {};
      const model = loadModelFile(path.join(models, 'embedding_padding_idx.onnx'));
      for (const t of model.graph.initializer) if (ref.gradient_by_onnx[t.name ?? '']) p[t.name!] = new ort.Tensor('float32', Float32Array.from(tensorToFloat64(t)), t.dims.map(Number));
      const res = await session.run({ ...feeds, ...p } as Record<string, InstanceType<typeof ort.Tensor>>);
      const grad = Array.from(res['grad:tok.weight'].data as Float32Array);
      const want = ref.gradient_by_onnx['tok.weight'];
      // float32 against PyTorch's float64: 3.8e-9 at most on entries up to 2e-2; the padding row's own gradient,
      // which the two modes disagree on, is ~3e-3
      grad.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(2e-8));
      await session.release();
    }
  });

  it('a language model: the summary says the classes were taken from the last axis, and the SANE is PyTorch\'s', async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const r = await runSane(['score', path.join(models, 'lm_classes_last.onnx'), '--data', path.join(models, 'lm_classes_last.npz'), '--estimator', 'exact']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^loss\s+2\.05\d* \(cross-entropy, classes on the last axis\)$/m);
    const ref = JSON.parse(readFileSync(path.join(models, 'lm_classes_last.json'), 'utf8')) as { sane: number };
    const sane = Number(/^SANE \(c=0\.5\)\s+(\S+)/m.exec(r.stdout)![1]);
    expect(Math.abs(sane - ref.sane) / ref.sane).toBeLessThan(1e-3); // 4 printed digits: the summary's rounding
  });

  it('soft labels: the summary says the labels were read as class probabilities, and the SANE is PyTorch\'s', async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const r = await runSane(['score', path.join(models, 'soft_labels_classifier.onnx'), '--data', path.join(models, 'soft_labels_classifier.npz'), '--estimator', 'exact']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^loss\s+1\.37\d* \(cross-entropy, labels as class probabilities\)$/m);
    const ref = JSON.parse(readFileSync(path.join(models, 'soft_labels_classifier.json'), 'utf8')) as { sane: number };
    const sane = Number(/^SANE \(c=0\.5\)\s+(\S+)/m.exec(r.stdout)![1]);
    expect(Math.abs(sane - ref.sane) / ref.sane).toBeLessThan(1e-3); // 4 printed digits: the summary's rounding
  });

  it('--label-smoothing: the summary says so, and the SANE is PyTorch\'s nn.CrossEntropyLoss(label_smoothing=0.1)', async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const r = await runSane(['score', path.join(models, 'label_smoothing_map.onnx'), '--data', path.join(models, 'label_smoothing_map.npz'), '--estimator', 'exact', '--label-smoothing', '0.1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^loss\s+1\.12\d* \(cross-entropy, label smoothing 0\.1\)$/m);
    const ref = JSON.parse(readFileSync(path.join(models, 'label_smoothing_map.json'), 'utf8')) as { sane: number };
    const sane = Number(/^SANE \(c=0\.5\)\s+(\S+)/m.exec(r.stdout)![1]);
    expect(Math.abs(sane - ref.sane) / ref.sane).toBeLessThan(1e-3); // 4 printed digits: the summary's rounding
  });

  it('a model exported with its softmax: the warning on stderr says the loss is taken on the logits', async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const r = await runSane(['score', path.join(models, 'softmax_output_opset11.onnx'), '--data', path.join(models, 'softmax_output_opset11.npz'), '--estimator', 'exact']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/sane: warning: [^\n]*softmax_output_opset11\.onnx: output "out" is a softmax over the classes: cross-entropy is taken on its input, the logits/);
  });

  it('export-gradient builds the loss it is told: --class-axis -1 (it has no data to read the labels from), --ignore-index, --label-smoothing', async () => {
    const models = path.join(repoRoot, 'test', 'fixtures', 'models');
    const ort = await import('onnxruntime-node');
    const { loadModelFile, tensorToFloat64 } = await import('../src/onnx/load.js');
    const { readNpz } = await import('../src/data/npz.js');
    const cases = [
      ['lm_classes_last', ['--class-axis', '-1']],
      ['segmentation_ignore_index_255', ['--ignore-index', '255']],
      ['label_smoothing_map', ['--label-smoothing', '0.1']],
    ] as const;
    for (const [name, flags] of cases) {
      const npz = readNpz(path.join(models, `${name}.npz`));
      const ref = JSON.parse(readFileSync(path.join(models, `${name}.json`), 'utf8')) as { loss_float64: number; gradient_by_onnx: Record<string, number[]> };
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
        x: npz.x.dtype === 'int64' ? new ort.Tensor('int64', npz.x.data as BigInt64Array, npz.x.shape) : new ort.Tensor('float32', npz.x.data as Float32Array, npz.x.shape),
        labels: new ort.Tensor('int64', npz.y.data as BigInt64Array, npz.y.shape),
      };
      const model = loadModelFile(path.join(models, `${name}.onnx`));
      for (const t of model.graph.initializer) if (ref.gradient_by_onnx[t.name ?? '']) feeds[t.name!] = new ort.Tensor('float32', Float32Array.from(tensorToFloat64(t)), t.dims.map(Number));
      const out = path.join(dir, `${name}_grad.onnx`);
      // without the flag: axis 1 wants labels [N, 7] (refused by onnxruntime), 255 is counted as a class, and the
      // targets are not smoothed (the loss 8e-4 lower at these near-uniform predictions; SANE 4% off): each far
      // beyond the 1e-6 achieved below
      const plain = await runSane(['export-gradient', path.join(models, `${name}.onnx`), '--output', out]);
      expect(plain.code, plain.stderr).toBe(0);
      const s0 = await ort.InferenceSession.create(out);
      const without = await s0.run(feeds, ['loss']).then((r) => Number((r.loss.data as Float32Array)[0]), () => NaN);
      await s0.release();
      expect(Math.abs(without - ref.loss_float64) > 1e-4 * ref.loss_float64 || Number.isNaN(without)).toBe(true);
      const r = await runSane(['export-gradient', path.join(models, `${name}.onnx`), '--output', out, ...flags]);
      expect(r.code, r.stderr).toBe(0);
      const session = await ort.InferenceSession.create(out);
      const loss = Number(((await session.run(feeds, ['loss'])).loss.data as Float32Array)[0]);
      // float32 against PyTorch's float64: achieved 2e-9 to 4.7e-8 relative (a float32 sum over 150 positions)
      expect(Math.abs(loss - ref.loss_float64)).toBeLessThan(1e-6 * ref.loss_float64);
      await session.release();
    }
  });

  it('a corrupt model file is an input error (exit 3) naming the file', async () => {
    const bad = path.join(dir, 'not-a-model.onnx');
    writeFileSync(bad, Buffer.from('this is not protobuf, just text pretending to be an onnx model'));
    const r = await runSane(['export-gradient', bad, '--output', path.join(dir, 'y.onnx')]);
    expect(r.stderr).toMatch(/not-a-model\.onnx: .*not a (valid|readable) ONNX model/);
    expect(r.code).toBe(3);
  });

  it('an unknown loss output is a model error (exit 4) naming it', async () => {
    const r = await runSane(['export-gradient', path.join(fixturesDir, 'mlp_tanh_lr0.5.onnx'), '--loss', 'output:nope', '--output', path.join(dir, 'x.onnx')]);
    expect(r.stderr).toMatch(/nope/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(4);
  });
});
