// Issue 3, "Done when" 1: for every fixture, the gradient model run by onnxruntime-node and onnxruntime-web on its
// .npz gives the JSON's loss (float64 reference) to 1e-4 relative and its gradient to 1e-3 relative in norm.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { fixtureJsonFiles } from './helpers/paths.js';
import { gradientAtTheta, fixtureData, relErrNorm, type Runtime } from './helpers/gradient-runner.js';

interface FixtureJson {
  case: string;
  loss: 'cross-entropy' | 'mse';
  loss_at_params_float64: number;
  gradient: number[];
  param_names: string[];
  param_sizes: number[];
  num_params: number;
}

for (const jsonFile of fixtureJsonFiles()) {
  const ref = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as FixtureJson;
  const base = jsonFile.replace(/\.json$/, '');
  describe(`gradient model of fixture ${ref.case}`, () => {
    const g = buildGradientModels(fs.readFileSync(`${base}.onnx`), { loss: ref.loss, baseDir: path.dirname(base) });
    const data = fixtureData(`${base}.npz`);

    it('has the fixture parameters in param_names order', () => {
      expect(g.params.map((p) => p.name)).toEqual(ref.param_names);
      expect(g.params.map((p) => p.size)).toEqual(ref.param_sizes);
      expect(g.numParams).toBe(ref.num_params);
      expect(g.dataInputs).toEqual(['x']);
      expect(g.labelsType).toBe(ref.loss === 'mse' ? 'float' : 'int64');
    });

    const results: Record<string, { loss: number; grad: Float64Array }> = {};
    for (const runtime of ['node', 'web'] as Runtime[]) {
      for (const which of ['gated', 'live'] as const) {
        it(`${runtime} ${which}: loss to 1e-4 and gradient to 1e-3 of the float64 reference`, async () => {
          const out = await gradientAtTheta(g, runtime, data, which);
          results[`${runtime}/${which}`] = out;
          expect(Math.abs(out.loss - ref.loss_at_params_float64) / ref.loss_at_params_float64).toBeLessThan(1e-4);
          expect(relErrNorm(out.grad, ref.gradient)).toBeLessThan(1e-3);
        });
      }
    }

    it('onnxruntime-node and onnxruntime-web agree', () => {
      for (const which of ['gated', 'live']) {
        const a = results[`node/${which}`];
        const b = results[`web/${which}`];
        expect(a && b, 'both runtimes ran').toBeTruthy();
        expect(Math.abs(a.loss - b.loss) / Math.abs(a.loss)).toBeLessThan(1e-5);
        expect(relErrNorm(b.grad, a.grad)).toBeLessThan(1e-4);
      }
    });

    it(ref.case === 'cnn_lr0.3' ? 'has gates for its Relu mask and MaxPool indices' : 'has no gates (smooth model)', () => {
      if (ref.case === 'cnn_lr0.3') {
        expect(g.gates).not.toBeNull();
        expect(g.gateNames.length).toBeGreaterThanOrEqual(2);
        expect(g.gateNames.every((n) => n.startsWith('gate:'))).toBe(true);
      } else {
        expect(g.gates).toBeNull();
        expect(g.gateNames).toEqual([]);
        expect(g.gradient).toEqual(g.live);
      }
    });
  });
}
