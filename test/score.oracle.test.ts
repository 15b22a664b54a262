// The HVP oracle's switches against the fixture JSON (PyTorch's exact Hessian): frozen gates kept vs recomputed,
// live gates (which must be visibly wrong on the ReLU/MaxPool model), forward differences, progress reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../src/api/score.js';
import { fixturesDir } from './helpers/paths.js';
import { present } from './helpers/present.js';

const fx = (name: string) => ({
  model: path.join(fixturesDir, `${name}.onnx`),
  data: path.join(fixturesDir, `${name}.npz`),
  ref: JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')),
});
const cnn = fx('cnn_lr0.3');
const reg = fx('reg_softplus_lr0.1');
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const base = { estimator: 'exact' as const, core: 'native' as const };

describe('frozen gates', () => {
  it('recomputing the gates per product (no memory for them) gives the spectrum of keeping them', async () => {
    const kept = await score(cnn.model, cnn.data, { ...base, batchSize: 16 });
    const recomputed = await score(cnn.model, cnn.data, { ...base, batchSize: 16, gateMemoryBudget: 0 });
    expect(kept.options.gates).toBe('frozen');
    expect(kept.timing!.gateBytesKept).toBeGreaterThan(0);
    expect(recomputed.timing!.gateBytesKept).toBe(0);
    // One gate evaluation per batch per sweep (θ+εv and θ−εv share it), plus the initial pass.
    expect(recomputed.timing!.gateEvaluations).toBe(4 * (cnn.ref.num_params + 1) + 4);
    expect(rel(present(recomputed.sane, 'recomputed.sane'), cnn.ref.metrics['sane_c0.5'])).toBeLessThan(0.01);
    expect(rel(present(recomputed.sane, 'recomputed.sane'), present(kept.sane, 'kept.sane'))).toBeLessThan(1e-6);
    expect(rel(recomputed.lambdaMax, kept.lambdaMax)).toBeLessThan(1e-6);
  });

  it('--gates live crosses the ReLU/MaxPool kinks: SANE visibly off on cnn, unlike frozen', async () => {
    const live = await score(cnn.model, cnn.data, { ...base, gates: 'live' });
    expect(live.options.gates).toBe('live');
    expect(live.timing!.gateEvaluations).toBe(0);
    expect(rel(present(live.sane, 'live.sane'), cnn.ref.metrics['sane_c0.5'])).toBeGreaterThan(0.03);
  });
});

describe('finite-difference schemes', () => {
  it('forward differences (one gradient per product) stay within 1% on a smooth model', async () => {
    const r = await score(reg.model, reg.data, { ...base, loss: 'mse', fdScheme: 'forward' });
    expect(r.timing!.gradientEvaluations).toBe(reg.ref.num_params + 1);
    expect(r.options.gates).toBe('none'); // softplus regression: no selection to freeze
    expect(rel(present(r.sane, 'forward sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(0.01);
    expect(rel(r.lambdaMax, reg.ref.lambda_max)).toBeLessThan(0.01);
  });

});

describe('progress', () => {
  it('reports every product with a total for the stage and never exceeds it', async () => {
    const events: { hvpDone: number; hvpTotal: number; stage: string; etaSeconds: number }[] = [];
    const r = await score(reg.model, reg.data, { ...base, loss: 'mse', onProgress: (p) => events.push(p) });
    expect(events).toHaveLength(r.hvpCount);
    expect(events.every((e) => e.stage === 'exact' && e.hvpTotal === reg.ref.num_params && e.hvpDone <= e.hvpTotal)).toBe(true);
    expect(events.at(-1)!.hvpDone).toBe(reg.ref.num_params);
    expect(events.at(-1)!.etaSeconds).toBe(0);
    expect('onProgress' in r.options).toBe(false);
    expect(() => JSON.stringify(r)).not.toThrow();
  });
});
