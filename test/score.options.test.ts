// Every scoring option changes an asserted number: each test compares a run with the option against PyTorch's exact
// Hessian (the fixture JSON), against an analytic law, or against a run without it, so that an option ignored
// anywhere between score() and the sessions fails here. Both cores, with their default runtimes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { score } from '../src/api/index.js';
import { readNpz } from '../src/data/npz.js';
import type { ArrayData } from '../src/data/dataset.js';
import { parseModel, serializeModel, valueInfo } from '../src/onnx/load.js';
import { encodeAttr } from '../src/onnx/emitter.js';
import { elemTypeCode } from '../src/onnx/shapes.js';
import { fixturesDir } from './helpers/paths.js';
import { present } from './helpers/present.js';
import { hoistAllowance } from '../src/api/setup.js';
import { physicalCores } from '../src/util/physical-cores.js';

const fx = (name: string) => ({
  model: path.join(fixturesDir, `${name}.onnx`),
  data: path.join(fixturesDir, `${name}.npz`),
  ref: JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')),
});
const reg = fx('reg_softplus_lr0.1'); // mse, P = 82, smooth: exact agrees with PyTorch to ~1e-7
const mlp = fx('mlp_tanh_lr0.5'); // cross-entropy, P = 123, tanh: third derivatives show in the FD truncation
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/**
 * reg_softplus with its mse loss computed inside the model: loss = ReduceMean((out - y)^2) over all elements, as
 * PyTorch's MSELoss(reduction='mean'), with the targets as a second model input.
 */
function regWithLossOutput(): Uint8Array {
  const m = parseModel(new Uint8Array(readFileSync(reg.model)));
  const g = m.graph!;
  const out = g.output[0].name!;
  g.input.push(valueInfo('y', elemTypeCode('float'), ['N', 2]));
  g.node.push(
    { opType: 'Sub', name: 'loss_sub', input: [out, 'y'], output: ['loss_diff'], attribute: [], domain: '' },
    { opType: 'Mul', name: 'loss_sq', input: ['loss_diff', 'loss_diff'], output: ['loss_sq'], attribute: [], domain: '' },
    { opType: 'ReduceMean', name: 'loss_mean', input: ['loss_sq'], output: ['mse_loss'], attribute: [encodeAttr('keepdims', 0)], domain: '' },
  );
  g.output.push(valueInfo('mse_loss', elemTypeCode('float'), []));
  return serializeModel(m);
}

const backends = [
  { core: 'native' as const, runtime: 'onnxruntime-node' as const },
  { core: 'wasm' as const, runtime: 'onnxruntime-web' as const },
];

describe.each(backends)('options change the result, $core core', ({ core, runtime }) => {
  const exact = { estimator: 'exact' as const, core, runtime };

  it('top: the number of eigenvalues reported, each PyTorch\'s', async () => {
    const r = await score(reg.model, reg.data, { ...exact, loss: 'mse', top: 3 });
    expect(r.topEigenvalues).toHaveLength(3);
    r.topEigenvalues.forEach((v, i) => expect(Math.abs(v - reg.ref.metrics.top5_abs[i])).toBeLessThan(1e-3 * reg.ref.lambda_max));
  });

  it('density: by default the smoothed spectral density, a probability density (integral 1); false leaves it out', async () => {
    const on = await score(reg.model, reg.data, { ...exact, loss: 'mse' });
    const d = on.density!;
    expect(d.grid).toHaveLength(256);
    // Trapezoid rule over the grid: unit mass, up to the Gaussian tails beyond the grid's 5σ margins (≈ 6e-7).
    let mass = 0;
    for (let i = 1; i < d.grid.length; i++) mass += 0.5 * (d.values[i] + d.values[i - 1]) * (d.grid[i] - d.grid[i - 1]);
    expect(Math.abs(mass - 1)).toBeLessThan(1e-3);
    const off = await score(reg.model, reg.data, { ...exact, loss: 'mse', density: false });
    expect(off.density).toBeUndefined();
    expect(off.sane).toBe(on.sane);
  });

  it("fdScheme 'auto' (the default): Richardson for the Lanczos run, central differences for the SLQ probes", async () => {
    const r = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, probes: 2 });
    expect(r.options.fdScheme).toBe('richardson+central');
    const central = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, probes: 2, fdScheme: 'central' });
    expect(central.options.fdScheme).toBe('central');
    // Same products, more gradients: the Lanczos run's products cost four instead of two.
    expect(r.hvpCount).toBe(central.hvpCount);
    expect(r.timing!.gradientEvaluations - central.timing!.gradientEvaluations).toBe(2 * (r.options.lanczosSteps as number));
  });

  it('fdStep: a 10x larger central step gives the central difference\'s O(ε²) truncation error, quadratic in the step', async () => {
    const err = async (fdStep?: number) =>
      rel((await score(mlp.model, mlp.data, { ...exact, fdScheme: 'central', fdStep })).lambdaMax, mlp.ref.lambda_max);
    const dflt = await err();
    const e05 = await err(0.05);
    const e10 = await err(0.1);
    // Default step (rel ≈ u^{1/3} ≈ 4.9e-3): 3.8e-4 measured. With rel = 0.05 the error grows by about (0.05/0.0049)²:
    // 3.8e-2 measured; doubling the step again multiplies it by 3.4 (4 plus higher-order terms of the tanh net).
    expect(dflt).toBeLessThan(1e-3);
    expect(e05).toBeGreaterThan(1e-2);
    expect(e10 / e05).toBeGreaterThan(2.5);
    expect(e10 / e05).toBeLessThan(4.5);
  });

  it('fdScheme: Richardson extrapolation (the default for exact) cancels the O(ε²) term that central differences leave', async () => {
    const central = await score(mlp.model, mlp.data, { ...exact, fdScheme: 'central' });
    const richardson = await score(mlp.model, mlp.data, { ...exact, fdScheme: 'richardson' });
    const dflt = await score(mlp.model, mlp.data, exact);
    // Measured: central 3.8e-4, Richardson 1.2e-5 (PyTorch's own float32 autograd is within about 1e-5).
    expect(rel(central.lambdaMax, mlp.ref.lambda_max)).toBeGreaterThan(2e-4);
    expect(rel(richardson.lambdaMax, mlp.ref.lambda_max)).toBeLessThan(5e-5);
    expect(rel(present(richardson.sane, 'richardson.sane'), mlp.ref.metrics['sane_c0.5'])).toBeLessThan(5e-5);
    expect(dflt.lambdaMax).toBe(richardson.lambdaMax);
    expect([central.options.fdScheme, richardson.options.fdScheme]).toEqual(['central', 'richardson']);
    // Four gradients a product instead of two; the loss at θ takes none (a run that fetches only the loss).
    expect(central.timing!.gradientEvaluations).toBe(2 * mlp.ref.num_params);
    expect(richardson.timing!.gradientEvaluations).toBe(4 * mlp.ref.num_params);
    // The reported error estimate is the central difference's own error (the correction applied): here 3.7e-4.
    expect(central.fdError).toBeNull();
    expect(richardson.fdError!.median).toBeGreaterThan(1e-4);
    expect(richardson.fdError!.median).toBeLessThan(1e-3);
  });

  it('runtime: the other onnxruntime package runs the products, with the same spectrum', async () => {
    const other = runtime === 'onnxruntime-node' ? 'onnxruntime-web' : 'onnxruntime-node';
    const r = await score(reg.model, reg.data, { ...exact, loss: 'mse', runtime: other });
    expect(r.backend).toEqual({ core, runtime: other });
    expect(rel(present(r.sane, 'sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    expect(rel(r.lambdaMax, reg.ref.lambda_max)).toBeLessThan(1e-3);
  });

  it('inputMap and labelsKey: arrays under other names are fed where they are told to go', async () => {
    const a = readNpz(reg.data) as Record<string, ArrayData>;
    const renamed = { features: a.x, targets: a.y, decoy: a.x };
    const r = await score(reg.model, renamed, { ...exact, loss: 'mse', inputMap: { x: 'features' }, labelsKey: 'targets' });
    expect(rel(r.loss, reg.ref.loss_at_params_float64)).toBeLessThan(1e-5);
    expect(rel(present(r.sane, 'sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    // Pointing the labels at the wrong array changes the loss: the mapping is what decides.
    const shifted: ArrayData = { ...a.y, data: Float32Array.from(a.y.data as Float32Array, (v) => v + 1) };
    const wrong = await score(reg.model, { features: a.x, targets: a.y, other: shifted }, {
      ...exact, loss: 'mse', inputMap: { x: 'features' }, labelsKey: 'other',
    });
    expect(wrong.loss).toBeGreaterThan(reg.ref.loss_at_params_float64 + 0.5);
  });

  it("loss 'output:NAME': the model's own scalar loss output gives PyTorch's spectrum", async () => {
    const a = readNpz(reg.data) as Record<string, ArrayData>;
    const r = await score(regWithLossOutput(), { x: a.x, y: a.y }, { ...exact, loss: 'output:mse_loss' });
    expect(rel(r.loss, reg.ref.loss_at_params_float64)).toBeLessThan(1e-5);
    expect(rel(present(r.sane, 'sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    expect(rel(r.lambdaMax, reg.ref.lambda_max)).toBeLessThan(1e-3);
  });

  it('slq: seed draws other probes (other estimates, each within 3 standard errors of PyTorch\'s value)', async () => {
    const want = reg.ref.metrics['sane_c0.5'];
    const runs = await Promise.all([1, 2].map((seed) => score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, seed })));
    expect(runs[0].sane).not.toBe(runs[1].sane);
    for (const r of runs) expect(Math.abs(present(r.sane, 'sane') - want)).toBeLessThan(3 * present(r.saneStdErr, 'saneStdErr'));
    const again = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, seed: 1 });
    expect(again.sane).toBe(runs[0].sane);
  });

  it('slq: probes sets how many probe vectors are averaged (more products, another estimate)', async () => {
    const few = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, probes: 3 });
    const many = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, probes: 12 });
    expect(many.hvpCount).toBeGreaterThan(few.hvpCount);
    expect(few.sane).not.toBe(many.sane);
    const sane = present(many.sane, 'many.sane');
    expect(Math.abs(sane - reg.ref.metrics['sane_c0.5'])).toBeLessThan(3 * present(many.saneStdErr, 'many.saneStdErr'));
  });

  it('slq: saneK scales by the k-th largest |λ| (PyTorch\'s SANE_5, far from SANE_1)', async () => {
    const r = await score(reg.model, reg.data, { loss: 'mse', estimator: 'slq', core, runtime, saneK: 5 });
    const want = reg.ref.metrics['sane_k5_c0.5'];
    expect(want / reg.ref.metrics['sane_c0.5']).toBeGreaterThan(3);
    const sane = present(r.sane, 'SANE_5');
    expect(rel(sane, want)).toBeLessThan(0.1);
    expect(Math.abs(sane - want)).toBeLessThan(3 * present(r.saneStdErr, 'SANE_5 saneStdErr'));
  });
});

describe.each(['native', 'wasm'] as const)('threads, %s core with onnxruntime-node', (core) => {
  it('the sessions run with the intra-op thread count asked for', async () => {
    const base = { estimator: 'exact' as const, core, runtime: 'onnxruntime-node' as const, loss: 'mse' as const };
    const one = await score(reg.model, reg.data, { ...base, threads: 1 });
    const two = await score(reg.model, reg.data, { ...base, threads: 2 });
    const dflt = await score(reg.model, reg.data, base);
    // Unasked: one per physical core where Linux's sysfs lists them (test/physical-cores.test.ts), else
    // onnxruntime's own default (reported as 0).
    expect([one.options.threads, two.options.threads, dflt.options.threads]).toEqual([1, 2, physicalCores() ?? 0]);
    expect(rel(present(one.sane, 'one.sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
    expect(rel(present(two.sane, 'two.sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
  });
});

describe('threads with onnxruntime-web', () => {
  it('a count the process cannot apply any more is reported as a warning, with the count in force', async () => {
    const base = { estimator: 'exact' as const, runtime: 'onnxruntime-web' as const, loss: 'mse' as const };
    const first = await score(reg.model, reg.data, base);
    const inForce = first.options.threads as number;
    expect(inForce).toBeGreaterThanOrEqual(1);
    expect(first.warnings).toEqual([]);
    const r = await score(reg.model, reg.data, { ...base, threads: inForce + 1 });
    expect(r.options.threads).toBe(inForce);
    expect(r.warnings).toEqual([
      `onnxruntime-web runs with ${inForce} thread(s), not the ${inForce + 1} asked for: it keeps the thread count of the first session in a process`,
    ]);
    expect(rel(present(r.sane, 'sane'), reg.ref.metrics['sane_c0.5'])).toBeLessThan(1e-3);
  });
});

describe('hoistAllowance: bytes per sample the build may hoist into the gates', () => {
  it('is a quarter of the gate budget, at most 256 MiB, over the samples, rounded down to a power of two', () => {
    expect(hoistAllowance(2 ** 30, 512)).toBe(2 ** 19); // 256 MiB / 512
    expect(hoistAllowance(2 ** 30, 1000)).toBe(2 ** 18); // 268435 -> 262144
    expect(hoistAllowance(2 ** 28, 512)).toBe(2 ** 17); // 64 MiB / 512
    expect(hoistAllowance(2 ** 40, 1)).toBe(2 ** 28); // the 256 MiB cap
  });
  it('is zero without a budget, without samples, or below a byte per sample', () => {
    expect(hoistAllowance(0, 512)).toBe(0);
    expect(hoistAllowance(2 ** 30, 0)).toBe(0);
    expect(hoistAllowance(1000, 512)).toBe(0);
  });
});
