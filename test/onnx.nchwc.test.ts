// Issue 9, item 5: Convs with weights as graph inputs on onnxruntime's blocked NCHWc kernels (src/onnx/nchwc.ts), the
// block-size probe (src/onnx/nchwc-probe.ts) and the fallback to plain Convs. The gradients with the rewrite must
// still match PyTorch's float64 autograd (the torchvision fixtures whose Convs are rewritten), and the rewrite must
// happen where it should: on x86-64 onnxruntime-node the probe has to find MLAS's block size.
import fs from 'node:fs';
import path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildGradientModels } from '../src/onnx/gradient.js';
import { decodeModel } from '../src/onnx/load.js';
import { NCHWC_DOMAIN, convertConvsToNchwc, sliceDims } from '../src/onnx/nchwc.js';
import { weightSideRewritePays } from '../src/onnx/rewrite-pays.js';
import { directConv, probeNchwcBlock, type ProbeRuntime } from '../src/onnx/nchwc-probe.js';
import { repoRoot } from './helpers/paths.js';
import { GradientRunner, fixtureData, ortOf, relErrNorm } from './helpers/gradient-runner.js';
import { OnnxMaker, rng } from './helpers/onnx-maker.js';

const cpuFlags = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
/** MLAS's NCHWc block on this CPU: 16 with AVX-512F, 8 with AVX2 (x86-64); elsewhere not asserted. */
const expectedBlock = process.arch !== 'x64' ? undefined : /\bavx512f\b/.test(cpuFlags) ? 16 : /\bavx2\b/.test(cpuFlags) ? 8 : undefined;
const nchwcNodes = (bytes: Uint8Array) => decodeModel(bytes).graph.node.filter((n) => n.domain === NCHWC_DOMAIN);

describe('NCHWc block-size probe', () => {
  it('finds MLAS\'s block size on onnxruntime-node (x86-64: 16 with AVX-512F, 8 with AVX2)', async () => {
    const block = await probeNchwcBlock(ortNode as unknown as ProbeRuntime);
    if (expectedBlock !== undefined) expect(block).toBe(expectedBlock);
    else expect(block === undefined || [4, 8, 16, 32].includes(block)).toBe(true); // other CPUs: whatever agrees, or none
    expect(await probeNchwcBlock(ortNode as unknown as ProbeRuntime)).toBe(block); // cached per module
  });

  it('onnxruntime-web has no NCHWc kernels: no block, so plain Convs', async () => {
    expect(await probeNchwcBlock(ortOf('web') as unknown as ProbeRuntime)).toBeUndefined();
  });

  it('refuses a runtime whose blocked Convs give wrong numbers', async () => {
    // onnxruntime-node, with every output of the probe's sessions off by 1e-3 relative.
    const skewed: ProbeRuntime = {
      Tensor: ortNode.Tensor as unknown as ProbeRuntime['Tensor'],
      InferenceSession: {
        async create(model, options) {
          const s = await ortNode.InferenceSession.create(model, options as ortNode.InferenceSession.SessionOptions);
          return {
            async run(feeds) {
              const out = await s.run(feeds as Record<string, ortNode.Tensor>);
              for (const t of Object.values(out)) (t.data as Float32Array).forEach((v, i, a) => (a[i] = v * 1.001));
              return out;
            },
            release: () => s.release(),
          };
        },
      },
    };
    expect(await probeNchwcBlock(skewed)).toBeUndefined();
  });

  it('its reference convolution is right (a hand-computed case)', () => {
    // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]] padded by 1 on top and left, w = [[1, 0], [0, -1]], stride 2
    const y = directConv(Float32Array.from({ length: 9 }, (_, i) => i + 1), [1, 1, 3, 3], Float32Array.from([1, 0, 0, -1]), [1, 1, 2, 2], undefined, [1, 1, 0, 0], [2, 2]);
    expect(Array.from(y)).toEqual([0 - 1, 0 - 3, 0 - 7, 5 - 9]);
  });
});

describe('sliceDims', () => {
  it('follows ONNX Slice: negative steps, clamping, negative indices', () => {
    expect(sliceDims([6, 3, 5, 5], [-1, -1], [-(2 ** 31), -(2 ** 31)], [2, 3], [-1, -1])).toEqual([6, 3, 5, 5]);
    expect(sliceDims([10], [1], [8], [0], [3])).toEqual([3]);
    expect(sliceDims([10], [-3], [100], [0], [1])).toEqual([3]);
    expect(sliceDims([10], [8], [2], [0], [-2])).toEqual([3]);
    expect(sliceDims([10], [5], [2], [0], [1])).toEqual([0]);
  });
});

// The torchvision fixtures whose Convs the rewrite reaches (channel counts in whole blocks), with PyTorch's float64
// gradients (test/fixtures/models, see test/torchvision.models.test.ts).
const modelsDir = path.join(repoRoot, 'test', 'fixtures', 'models');
const blockedCases = ['mobilenetv2_blocks', 'mobilenetv3_blocks', 'shufflenet_v2_tiny', 'mobilenet_v3_small_w0.1'];

describe.each(blockedCases)('%s with NCHWc Convs on onnxruntime-node', (name) => {
  const ref = JSON.parse(fs.readFileSync(path.join(modelsDir, `${name}.json`), 'utf8')) as {
    loss: 'cross-entropy' | 'mse';
    loss_float64: number;
    gradient_by_onnx: Record<string, number[]>;
  };
  const bytes = fs.readFileSync(path.join(modelsDir, `${name}.onnx`));

  it('the graph holds the blocked Convs, and the gradient matches PyTorch\'s float64 autograd (loss 1e-4, gradient 1e-3)', async () => {
    const block = await probeNchwcBlock(ortNode as unknown as ProbeRuntime);
    expect(block, 'the probe found no NCHWc block on onnxruntime-node').toBeDefined();
    const g = buildGradientModels(bytes, { loss: ref.loss, nchwcBlock: block });
    expect(g.nchwcConvs).toBeGreaterThan(0);
    for (const model of [g.gradient, g.live]) {
      const ops = nchwcNodes(model);
      expect(ops.filter((n) => n.opType === 'Conv').length).toBe(g.nchwcConvs);
      expect(decodeModel(model).opsetImport.some((o) => o.domain === NCHWC_DOMAIN)).toBe(true);
    }
    const data = fixtureData(path.join(modelsDir, `${name}.npz`));
    const expected = g.params.flatMap((p) => ref.gradient_by_onnx[p.name]);
    for (const which of ['gated', 'live'] as const) {
      const r = await GradientRunner.create(g, 'node', which);
      await r.freezeAt(g.theta, data);
      const out = await r.run(g.theta, data);
      await r.release();
      expect(Math.abs(out.loss - ref.loss_float64) / Math.abs(ref.loss_float64)).toBeLessThan(1e-4);
      expect(relErrNorm(out.grad, expected)).toBeLessThan(1e-3);
    }
  });

  it('without a block (onnxruntime-web, a failed probe) the build is today\'s: no blocked op', () => {
    const g = buildGradientModels(bytes, { loss: ref.loss });
    expect(g.nchwcConvs).toBe(0);
    expect(nchwcNodes(g.gradient)).toEqual([]);
    expect(nchwcNodes(g.live)).toEqual([]);
    expect(decodeModel(g.gradient).opsetImport.some((o) => o.domain === NCHWC_DOMAIN)).toBe(false);
  });
});

/**
 * A residual CNN with what resnet8 has and the fixtures lack: chains of Convs whose inputs fill whole blocks at either
 * block size (16, 32 channels), stride 2, a 1x1 shortcut, output channels not a multiple of the block (20), input
 * channels above the block but not filling it (20 -> padded by ReorderInput), and unit-stride input gradients
 * through flipped kernels. Its gradient with NCHWc Convs against the plain build run by onnxruntime-web (other
 * kernels altogether; onnxruntime has no float64 Conv to compare with).
 */
function residualCnn(): Uint8Array {
  const m = new OnnxMaker();
  const r = rng(7);
  m.input('x', ['batch', 3, 12, 12]);
  const conv = (x: string, w: string, o: number, i: number, k: number, s: number, bias = true) => {
    m.init(w, [o, i, k, k], () => r() * Math.sqrt(3 / (i * k * k)));
    const ins = [x, w];
    if (bias) ins.push(m.init(`${w}_b`, [o], () => r() * 0.1));
    const p = (k - 1) / 2;
    return m.op('Conv', ins, { kernel_shape: [k, k], pads: [p, p, p, p], strides: [s, s] });
  };
  const stem = m.op('Relu', [conv('x', 'stem', 16, 3, 3, 1)]);
  const a = m.op('Relu', [conv(stem, 'c1', 16, 16, 3, 1)]);
  const b = conv(a, 'c2', 16, 16, 3, 1);
  const res = m.op('Relu', [m.op('Add', [b, stem])]);
  const d = m.op('Relu', [conv(res, 'c3', 32, 16, 3, 2)]);
  const e = conv(d, 'c4', 32, 32, 3, 1, false);
  const sc = conv(res, 'sc', 32, 16, 1, 2, false);
  const f = m.op('Relu', [m.op('Add', [e, sc])]);
  const h = m.op('Tanh', [conv(f, 'c5', 20, 32, 3, 1)]); // 20 outputs: padded to the block
  const k = m.op('Relu', [conv(h, 'c6', 16, 20, 3, 1)]); // 20 inputs: above 16, padded by ReorderInput
  const pooled = m.op('Flatten', [m.op('GlobalAveragePool', [k])], { axis: 1 });
  m.init('head', [5, 16], () => r() * 0.3);
  m.node('Gemm', [pooled, 'head'], { transB: 1 }, ['logits']);
  m.output('logits', ['batch', 5]);
  return m.bytes(17);
}

describe('a residual CNN with NCHWc Convs', () => {
  it('matches the plain build on onnxruntime-web (gated and live)', async () => {
    const block = await probeNchwcBlock(ortNode as unknown as ProbeRuntime);
    expect(block, 'the probe found no NCHWc block on onnxruntime-node').toBeDefined();
    const g = buildGradientModels(residualCnn(), { loss: 'cross-entropy', nchwcBlock: block });
    const plain = buildGradientModels(residualCnn(), { loss: 'cross-entropy' });
    // At block 16 or 8: the 7 forward Convs with 16+ input channels (c1 .. c6, sc), the flipped-kernel input
    // gradients of the unit-stride c1, c2, c4, c6 (c5's has 20 input channels: a ConvTranspose) and the polyphase
    // input gradient of the stride-2 c3 (sc's, 1x1, stays a ConvTranspose; the stem needs none).
    expect(g.nchwcConvs).toBe(12);
    expect(plain.nchwcConvs).toBe(0);
    const r = rng(3);
    const n = 6;
    const data = {
      x: { type: 'float32' as const, dims: [n, 3, 12, 12], data: Float32Array.from({ length: n * 3 * 12 * 12 }, () => r()) },
      labels: { type: 'int64' as const, dims: [n], data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 5)) },
    };
    for (const which of ['gated', 'live'] as const) {
      const blocked = await GradientRunner.create(g, 'node', which);
      const web = await GradientRunner.create(plain, 'web', which);
      await blocked.freezeAt(g.theta, data);
      await web.freezeAt(plain.theta, data);
      const a = await blocked.run(g.theta, data);
      const b = await web.run(plain.theta, data);
      await blocked.release();
      await web.release();
      expect(Math.abs(a.loss - b.loss) / Math.abs(b.loss)).toBeLessThan(1e-5);
      expect(relErrNorm(a.grad, b.grad)).toBeLessThan(1e-4);
      expect(b.grad.reduce((acc, v) => acc + v * v, 0)).toBeGreaterThan(0); // a gradient, not zeros
    }
  });

  // batchRows: a Conv is blocked only where its weights per output channel (16·3·3 = 144 here) are no more than its
  // output per channel over the batch (rows·8·8): 2 rows (128) leave it plain, 3 rows (192) block it. In the
  // residual CNN (12×12 images) 1024 rows block all 12 eligible Convs and 1 row only some.
  it('blocks only the Convs whose weights are no larger than their output over the batch (batchRows)', () => {
    const converted = (rows: number) => {
      const m = new OnnxMaker();
      m.input('x', ['batch', 16, 8, 8]);
      m.input('w', [16, 16, 3, 3]);
      const y = m.op('Conv', ['x', 'w'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
      m.output(y);
      const model = m.model(17);
      const shapes = new Map<string, { elemType: number; dims: (number | string)[] }>([
        ['x', { elemType: 1, dims: ['batch', 16, 8, 8] }], ['w', { elemType: 1, dims: [16, 16, 3, 3] }], [y, { elemType: 1, dims: ['batch', 16, 8, 8] }],
      ]);
      return convertConvsToNchwc(model, (t) => shapes.get(t), 8, (out, wd) => weightSideRewritePays(shapes.get(out)?.dims, wd, rows)).converted;
    };
    expect([converted(2), converted(3)]).toEqual([0, 1]);
    const all = buildGradientModels(residualCnn(), { loss: 'cross-entropy', nchwcBlock: 8, batchRows: 1024 }).nchwcConvs;
    const few = buildGradientModels(residualCnn(), { loss: 'cross-entropy', nchwcBlock: 8, batchRows: 1 }).nchwcConvs;
    expect(all).toBe(12);
    expect(few).toBeGreaterThan(0);
    expect(few).toBeLessThan(all);
  });

  it('leaves grouped, dilated, 1-D, auto_pad and constant-weight Convs alone', () => {
    const m = new OnnxMaker();
    m.input('x', [2, 16, 8, 8]);
    m.input('x1', [2, 16, 8]);
    for (const w of ['wg', 'wd', 'wa']) m.input(w, w === 'wg' ? [16, 8, 3, 3] : [16, 16, 3, 3]);
    m.input('w1', [16, 16, 3]);
    m.init('wc', [16, 16, 3, 3], () => 0.1);
    const ys = [
      m.op('Conv', ['x', 'wg'], { kernel_shape: [3, 3], group: 2 }),
      m.op('Conv', ['x', 'wd'], { kernel_shape: [3, 3], dilations: [2, 2] }),
      m.op('Conv', ['x', 'wa'], { kernel_shape: [3, 3], auto_pad: 'SAME_UPPER' }),
      m.op('Conv', ['x1', 'w1'], { kernel_shape: [3] }),
      m.op('Conv', ['x', 'wc'], { kernel_shape: [3, 3] }),
    ];
    ys.forEach((y) => m.output(y));
    const model = m.model(17);
    const shapes = new Map(model.graph.input.map((i) => [i.name, { elemType: 1, dims: i.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue)) }]));
    shapes.set('wc', { elemType: 1, dims: [16, 16, 3, 3] });
    expect(convertConvsToNchwc(model, (t) => shapes.get(t), 16).converted).toBe(0);
    expect(model.graph.node.every((n) => n.domain === '')).toBe(true);
  });
});

describe('the scoring path (src/api/scoring-cache.ts)', () => {
  const bytes = fs.readFileSync(path.join(modelsDir, 'mobilenetv2_blocks.onnx'));
  const req = (runtime: 'onnxruntime-node' | 'onnxruntime-web') => ({ modelBytes: bytes, label: 'mobilenetv2_blocks', loss: 'cross-entropy' as const, runtime, gates: 'frozen' as const, threads: 1 });

  it('builds NCHWc Convs for onnxruntime-node, plain ones for onnxruntime-web and with SANE_NCHWC=0', async () => {
    const { prepareGraph } = await import('../src/api/scoring-cache.js');
    const node = await prepareGraph(undefined, req('onnxruntime-node'));
    const web = await prepareGraph(undefined, req('onnxruntime-web'));
    const saved = process.env.SANE_NCHWC;
    process.env.SANE_NCHWC = '0';
    let off;
    try {
      off = await prepareGraph(undefined, req('onnxruntime-node'));
    } finally {
      if (saved === undefined) delete process.env.SANE_NCHWC;
      else process.env.SANE_NCHWC = saved;
    }
    for (const p of [node, web, off]) {
      await p.gradSession.release();
      await p.gateSession?.release();
    }
    expect(node.built.nchwcConvs).toBeGreaterThan(0);
    expect(nchwcNodes(node.built.gradient).length).toBeGreaterThan(0);
    expect(web.built.nchwcConvs).toBe(0);
    expect(nchwcNodes(web.built.gradient)).toEqual([]);
    expect(off.built.nchwcConvs).toBe(0);
  });
});
