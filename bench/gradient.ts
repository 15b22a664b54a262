// Benchmark of issue 3: for each model in ../shared/bench, the median time of one gradient evaluation (the gated
// gradient model, onnxruntime-node) next to one forward pass of the original model (goal: at most 3x), and next to
// PyTorch's own backward (torch_bench.py's grad_s, run in the same process tree when /usr/bin/python3 has torch).
//   npm run bench:gradient [-- MODEL ...] [--reps N] [--threads T] [--no-torch | --torch-full]
// MODEL is a name in ../shared/bench or a path without its extension (PATH.onnx with PATH.npz, e.g. an export made by
// bench/make_torchvision.py); PyTorch's column is for the bench models only.
//   npm run bench:gradient -- --nchwc-ab [MODEL ...] [--reps N]   (plain against NCHWc Convs only, see abNchwc)
// Every model's sessions are timed interleaved (forward, gradient, live gradient, the gradient with onnxruntime's
// NCHWc Convs (src/onnx/nchwc.ts, when the block-size probe finds them), and for models with BatchNormalization the
// gradient built without the Conv->BN folding of src/onnx/fold.ts), so that the ratios compare times taken under the
// same load.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { buildGradientModels, type GradientModels } from '../src/onnx/gradient.js';
import { probeNchwcBlock } from '../src/onnx/nchwc-probe.js';
import { readNpz } from '../src/data/npz.js';
import { batchRowsFor, hoistAllowance } from '../src/api/setup.js';
import { defaultGateBudget } from '../src/oracle/gates.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..', '..', 'shared', 'bench');
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const reps = flag('--reps', 7);
const threads = flag('--threads', 2); // torch_bench.py uses 2 threads
const noTorch = args.includes('--no-torch');
const models = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--reps')) && !(i > 0 && args[i - 1].startsWith('--threads')));
const names = models.length ? models : ['mlp784', 'lenet', 'resnet8'];
/** A bench model's path without its extension: a name in ../shared/bench, or a path as given. */
const modelPath = (name: string) => (name.includes('/') ? path.resolve(name) : path.join(benchDir, name));

/**
 * Times (s) of n timed calls of each function per round, called in turn (after one untimed warm-up call each), in
 * reverse order every other round. The order matters on the loaded 2-core machine: a session's time depends on which
 * session ran just before it (whose intra-op threads may still spin), so mlp784's NCHWc column, the very same graph
 * as its gradient column (no Conv), came out 22-31% faster than it, with a fixed order and with this alternation alike
 * (load 5-6). Compare columns against such a control: --nchwc-ab runs the baseline twice in one rotation for that.
 */
async function interleavedTimes(fns: (() => Promise<unknown>)[], n: number): Promise<number[][]> {
  for (const fn of fns) await fn();
  const t: number[][] = fns.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = fns.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) {
      const t0 = performance.now();
      await fns[k]();
      t[k].push((performance.now() - t0) / 1000);
    }
  }
  return t;
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Feeds of a build's gradient model at its θ: the data, the parameters and, when it has them, the gates at θ. */
async function feedsAtTheta(g: GradientModels, x: ort.Tensor, labels: ort.Tensor, sessionOpts: ort.InferenceSession.SessionOptions): Promise<Record<string, ort.Tensor>> {
  const feeds: Record<string, ort.Tensor> = { x, labels };
  for (const p of g.params) feeds[p.name] = new ort.Tensor('float32', g.theta.slice(p.offset, p.offset + p.size), p.dims);
  if (g.gates) {
    const gs = await ort.InferenceSession.create(g.gates, sessionOpts);
    const out = await gs.run(feeds);
    for (const n of g.gateNames) feeds[n] = out[n];
    await gs.release();
  }
  return feeds;
}

// torch_bench.py's full run also times an exact HVP, an FD HVP and a 30-step eigsh (tens of minutes on resnet8).
// By default only its gradient timing runs: its own model_and_data() and timeit() with the same seeds, threads and
// repetitions, imported from the script; --torch-full runs the whole script and reads grad_s from torch_bench.json.
const TORCH_GRAD_ONLY = `
import json, sys, torch, torch.nn.functional as F
sys.path.insert(0, sys.argv[1])
import torch_bench as tb
res = {}
for name in sys.argv[2:]:
    torch.manual_seed(0)
    m, x, y = tb.model_and_data(name)
    m.eval()
    params = [p for p in m.parameters()]
    grad = lambda: torch.autograd.grad(F.cross_entropy(m(x), y), params)
    res[name] = dict(params=sum(p.numel() for p in params), grad_s=tb.timeit(grad, 5), threads=torch.get_num_threads())
print(json.dumps(res))
`;

function torchTimes(): Record<string, { grad_s: number; params: number }> | null {
  if (noTorch) return null;
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch, scipy'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('PyTorch comparison skipped: /usr/bin/python3 has no torch/scipy (apt-get install python3-torch python3-scipy)');
    return null;
  }
  if (!args.includes('--torch-full')) {
    console.log(`timing PyTorch's backward with torch_bench.py's model_and_data/timeit (CPU, 2 threads) ...`);
    const out = execFileSync('/usr/bin/python3', ['-c', TORCH_GRAD_ONLY, benchDir, ...names], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(out.trim().split('\n').pop()!);
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sane-torch-bench-'));
  console.log(`running torch_bench.py ${names.join(' ')} (PyTorch CPU, 2 threads; the eigsh part takes long) ...`);
  execFileSync('/usr/bin/python3', [path.join(benchDir, 'torch_bench.py'), out, ...names], { stdio: ['ignore', 'ignore', 'inherit'] });
  const res = JSON.parse(fs.readFileSync(path.join(out, 'torch_bench.json'), 'utf8'));
  fs.rmSync(out, { recursive: true, force: true });
  return res;
}

// The gradient sessions get the options of src/oracle/runtime.ts (createSession) for onnxruntime-node, where the
// intra-op threads spin between kernels (onnxruntime's default); the gated gradient is also timed without spinning
// ("grad no-spin s"), which was measured as an alternative: it helped resnet8 by 10-25% on the loaded machine, but
// was mixed on lenet and up to 30% slower on mlp784, so the product keeps spinning. The forward pass, the
// denominator of the goal, is timed both ways and the faster median counts.
const spinOpts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
const noSpinOpts: ort.InferenceSession.SessionOptions = { ...spinOpts, extra: { session: { intra_op: { allow_spinning: '0' } } } };
const opts = spinOpts;
/**
 * --nchwc-ab: the gated gradient with plain Convs (twice: A1, A2) and with NCHWc Convs (twice: B1, B2), all four
 * sessions spinning, timed in turn in alternating order; per model the medians and the median over rounds of each
 * time divided by A1's in the same round. A2 / A1 shows what order and load alone do.
 */
async function abNchwc(): Promise<void> {
  const block = await probeNchwcBlock(ort);
  if (!block) throw new Error('the NCHWc probe found no block size on onnxruntime-node: nothing to compare');
  for (const name of names) {
    const modelBytes = fs.readFileSync(`${modelPath(name)}.onnx`);
    const npz = readNpz(`${modelPath(name)}.npz`);
    const x = new ort.Tensor('float32', npz.x.data as Float32Array, npz.x.shape);
    const labels = new ort.Tensor('int64', npz.y.data as BigInt64Array, npz.y.shape);
    const runs: (() => Promise<unknown>)[] = [];
    const sessions: ort.InferenceSession[] = [];
    let convs = 0;
    for (const nchwcBlock of [undefined, undefined, block, block]) {
      const g = buildGradientModels(modelBytes, { loss: 'cross-entropy', baseDir: path.dirname(modelPath(name)), nchwcBlock });
      if (nchwcBlock) convs = g.nchwcConvs;
      const feeds = await feedsAtTheta(g, x, labels, spinOpts);
      const s = await ort.InferenceSession.create(g.gradient, spinOpts);
      sessions.push(s);
      runs.push(() => s.run(feeds));
    }
    const t = (await interleavedTimes(runs, reps)).map((a) => a.map((v) => v * 1000));
    const labelsAB = ['A1 plain', 'A2 plain', 'B1 nchwc', 'B2 nchwc'];
    const load = os.loadavg().map((v) => v.toFixed(2)).join(' ');
    console.log(`${name} (${convs} NCHWc Convs, block ${block}), medians of ${reps} ms and median ratio to A1 per round; load ${load}`);
    console.log('  ' + labelsAB.map((l, k) => `${l} ${median(t[k]).toFixed(1)} (${median(t[k].map((v, i) => v / t[0][i])).toFixed(3)})`).join('  '));
    await Promise.all(sessions.map((s) => s.release()));
  }
}
if (args.includes('--nchwc-ab')) {
  await abNchwc();
  process.exit(0);
}

const rows: string[][] = [['model', 'P', 'N', 'forward s', 'gradient s', 'grad/fwd', 'live grad s', 'grad no-spin s', 'no BN fold s', 'nchwc grad s', 'nchwc/fwd', 'nchwc convs', 'build s', 'torch P', 'torch grad s', 'ours/torch']];
const torch = torchTimes();
const nchwcBlock = await probeNchwcBlock(ort);
console.log(nchwcBlock ? `NCHWc block size ${nchwcBlock} (probed)` : 'NCHWc probe found no block size: no nchwc column');
for (const name of names) {
  const modelBytes = fs.readFileSync(`${modelPath(name)}.onnx`);
  const npz = readNpz(`${modelPath(name)}.npz`);
  // What scoring builds (src/api/setup.ts): the rewrites that trade activation work for weight work only where they
  // pay for a batch of this data (src/onnx/rewrite-pays.ts).
  const batchRows = batchRowsFor(npz, undefined, undefined);
  // What scoring builds: the first Conv's data-only im2col patches hoisted into the gate model when they fit
  // (src/api/setup.ts, hoistAllowance).
  const hoistBytesPerSample = hoistAllowance(await defaultGateBudget(), npz.x.shape[0]);
  const t0 = performance.now();
  const g = buildGradientModels(modelBytes, { loss: 'cross-entropy', baseDir: path.dirname(modelPath(name)), hoistBytesPerSample });
  const buildS = (performance.now() - t0) / 1000;
  const x = new ort.Tensor('float32', npz.x.data as Float32Array, npz.x.shape);
  const labels = new ort.Tensor('int64', npz.y.data as BigInt64Array, npz.y.shape);
  const fwd = await ort.InferenceSession.create(modelBytes, spinOpts);
  const fwdNoSpin = await ort.InferenceSession.create(modelBytes, noSpinOpts);
  const gated = await ort.InferenceSession.create(g.gradient, opts);
  const gatedNoSpin = await ort.InferenceSession.create(g.gradient, noSpinOpts);
  const live = await ort.InferenceSession.create(g.live, opts);
  const feeds = await feedsAtTheta(g, x, labels, opts);
  const liveFeeds = Object.fromEntries(Object.entries(feeds).filter(([k]) => !k.startsWith('gate:')));
  const fns = [() => fwd.run({ x }), () => fwdNoSpin.run({ x }), () => gated.run(feeds), () => live.run(liveFeeds), () => gatedNoSpin.run(feeds)];
  // The same gradient without the Conv->BatchNormalization folding (gates from its own gate model).
  let unfolded: ort.InferenceSession | null = null;
  if (modelBytes.includes(Buffer.from('BatchNormalization'))) {
    const u = buildGradientModels(modelBytes, { loss: 'cross-entropy', baseDir: path.dirname(modelPath(name)), foldBatchNorm: false, hoistBytesPerSample });
    const uf = await feedsAtTheta(u, x, labels, opts);
    const us = await ort.InferenceSession.create(u.gradient, opts);
    unfolded = us;
    fns.push(() => us.run(uf));
  }
  // The same gradient with the NCHWc rewrite (gates from its own gate model, which is the same forward).
  let blockedSession: ort.InferenceSession | null = null;
  let blockedConvs = 0;
  const unfoldedIndex = fns.length - 1;
  if (nchwcBlock) {
    const b = buildGradientModels(modelBytes, { loss: 'cross-entropy', baseDir: path.dirname(modelPath(name)), nchwcBlock, hoistBytesPerSample, batchRows });
    blockedConvs = b.nchwcConvs;
    const bf = await feedsAtTheta(b, x, labels, opts);
    const bs = await ort.InferenceSession.create(b.gradient, opts);
    blockedSession = bs;
    fns.push(() => bs.run(bf));
  }
  const times = (await interleavedTimes(fns, reps)).map(median);
  const [tfSpin, tfNoSpin, tg, tl, tgNoSpin] = times;
  const tu = unfolded ? times[unfoldedIndex] : undefined;
  const tb = blockedSession ? times[fns.length - 1] : undefined;
  const tf = Math.min(tfSpin, tfNoSpin);
  const tt = torch?.[name]?.grad_s;
  const tp = torch?.[name]?.params;
  rows.push([name, String(g.numParams), String(npz.x.shape[0]), tf.toFixed(4), tg.toFixed(4), (tg / tf).toFixed(2), tl.toFixed(4), tgNoSpin.toFixed(4), tu !== undefined ? tu.toFixed(4) : '-',
    tb !== undefined ? tb.toFixed(4) : '-', tb !== undefined ? (tb / tf).toFixed(2) : '-', String(blockedConvs), buildS.toFixed(3),
    tp !== undefined ? String(tp) : '-', tt !== undefined ? tt.toFixed(4) : '-', tt !== undefined ? ((tb ?? tg) / tt).toFixed(2) : '-']);
  await Promise.all([fwd.release(), gated.release(), live.release(), unfolded?.release(), blockedSession?.release(), fwdNoSpin.release(), gatedNoSpin.release()]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((v, c) => v.padStart(widths[c])).join('  '));
console.log(`onnxruntime-node ${threads} intra-op threads, forward = faster of spinning / no spinning, medians of ${reps} interleaved runs; goals: grad/fwd <= 3, ours/torch <= 1 (ours: the gradient scoring runs, i.e. the NCHWc one when the probe found a block)`);
