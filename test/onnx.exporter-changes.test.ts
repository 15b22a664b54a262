// Issue 7 item 3: detectExporterChanges flags parameters that torch.onnx.export changed (BatchNormalization folded
// into the convolution by an eval-mode export) and nothing else: not a PRESERVE export of the same model, not a Linear
// weight stored transposed, not the other PyTorch exports of the test fixtures. The models are real PyTorch 1.13
// exports (test/fixtures/gen/torch_exporter_changes.py, torch_exports.py). detectCircularPadExport flags circular
// padding as PyTorch before 2.0 exports it (left border off by one) and not the correct form.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectExporterChanges } from '../src/onnx/exporter-changes.js';
import { detectCircularPadExport } from '../src/onnx/circular-pad-export.js';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { OnnxMaker } from './helpers/onnx-maker.js';
import { parseModel } from '../src/onnx/load.js';
import { repoRoot, fixturesDir } from './helpers/paths.js';

const dir = path.join(repoRoot, 'test', 'fixtures', 'exporter');
const bytes = (f: string) => fs.readFileSync(path.join(dir, f));

describe('detectExporterChanges', () => {
  for (const f of ['bn_eval_default.onnx', 'bn_eval_no_constant_folding.onnx']) {
    it(`warns once, naming both folded convolutions and the PRESERVE export call: ${f}`, () => {
      const w = detectExporterChanges(bytes(f));
      expect(w).toHaveLength(1);
      expect(w[0]).toMatch(/^2 layers hold parameters/);
      expect(w[0]).toContain('onnx::Conv_24');
      expect(w[0]).toContain('onnx::Conv_27');
      expect(w[0]).toContain('BatchNormalization');
      expect(w[0]).toContain('training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False');
      // same answer from a parsed model
      expect(detectExporterChanges(parseModel(bytes(f)))).toEqual(w);
    });
  }

  it('does not warn for the same model exported with training=PRESERVE, do_constant_folding=False', () => {
    expect(detectExporterChanges(bytes('bn_preserve.onnx'))).toEqual([]);
  });

  it('does not warn for a Linear weight stored transposed (onnx::MatMul_N)', () => {
    const m = parseModel(bytes('linear_3d_transposed.onnx'));
    expect(m.graph.initializer.some((t) => /^onnx::MatMul_\d+$/.test(t.name ?? ''))).toBe(true);
    expect(detectExporterChanges(m)).toEqual([]);
  });

  it('does not warn for the other PyTorch exports and the shared fixtures', () => {
    const others = [
      ...fs.readdirSync(path.join(repoRoot, 'test', 'fixtures', 'torch')).filter((f) => f.endsWith('.onnx')).map((f) => path.join(repoRoot, 'test', 'fixtures', 'torch', f)),
      ...fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.onnx')).map((f) => path.join(fixturesDir, f)),
    ];
    expect(others.length).toBeGreaterThan(3);
    for (const f of others) expect(detectExporterChanges(fs.readFileSync(f)), f).toEqual([]);
  });
});

describe('detectCircularPadExport', () => {
  it("warns once for PyTorch 1.13's circular padding, naming each padded axis, the border, the version and the way out", () => {
    const m = parseModel(bytes('circular_pad_torch113.onnx'));
    const w = detectCircularPadExport(m);
    expect(w).toHaveLength(1);
    // the first Conv pads H and W, the second W only
    expect(w[0]).toMatch(/^Concat "[^"]+" \(border of 1 along axis 2\); Concat "[^"]+" \(border of 1 along axis 3\); Concat "[^"]+" \(border of 1 along axis 3\): /);
    expect(w[0]).toContain('PyTorch 1.13');
    expect(w[0]).toContain('PyTorch 2.0 or later');
    expect(buildGradientModels(bytes('circular_pad_torch113.onnx'), { loss: 'cross-entropy' }).warnings).toEqual(w);
  });

  it('reports the border of a one-sided pad', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 2, 4, 4]);
    const left = m.op('Slice', [x, m.constant([1], [-3], 'int64'), m.constant([1], [-1], 'int64'), m.constant([1], [3], 'int64')]);
    m.node('Concat', [left, x], { axis: 3 }, ['y']);
    m.output('y', ['batch', 2, 4, 6]);
    expect(detectCircularPadExport(m.model(13))[0]).toContain('border of 2 along axis 3');
  });

  it('does not warn for circular padding written correctly (x[-p:], as PyTorch 2 exports it) or for the other exports', () => {
    const m = new OnnxMaker();
    const x = m.input('x', ['batch', 2, 4, 4]);
    const left = m.op('Slice', [x, m.constant([1], [-1], 'int64'), m.constant([1], [Number.MAX_SAFE_INTEGER], 'int64'), m.constant([1], [3], 'int64')]);
    const right = m.op('Slice', [x, m.constant([1], [0], 'int64'), m.constant([1], [1], 'int64'), m.constant([1], [3], 'int64')]);
    m.node('Concat', [left, x, right], { axis: 3 }, ['y']);
    m.output('y', ['batch', 2, 4, 6]);
    expect(detectCircularPadExport(m.model(13))).toEqual([]);
    const others = ['torch', 'models', 'exporter'].flatMap((d) =>
      fs.readdirSync(path.join(repoRoot, 'test', 'fixtures', d)).filter((f) => f.endsWith('.onnx') && !f.startsWith('circular')).map((f) => path.join(repoRoot, 'test', 'fixtures', d, f)),
    );
    expect(others.length).toBeGreaterThan(10);
    for (const f of others) expect(detectCircularPadExport(parseModel(fs.readFileSync(f))), f).toEqual([]);
  });
});
