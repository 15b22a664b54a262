// Issue 7 item 3: detectExporterChanges flags parameters that torch.onnx.export changed (BatchNormalization folded
// into the convolution by an eval-mode export) and nothing else: not a PRESERVE export of the same model, not a Linear
// weight stored transposed, not the other PyTorch exports of the test fixtures. The models are real PyTorch 1.13
// exports (test/fixtures/gen/torch_exporter_changes.py, torch_exports.py).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectExporterChanges } from '../src/onnx/exporter-changes.js';
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
