// Checks one differentiation rule end to end, against directional finite differences of the forward op alone.
//
// A case is a one-node model whose differentiable float inputs are initializers named p_*; the test graph adds
// L = sum_k ReduceSum(Y_k * W_k) with fixed random W_k and exposes L as the scalar output. buildGradientModels
// (loss output:L) gives the gradient model; the reference is (L(θ + h u) − L(θ − h u)) / 2h from the ORIGINAL graph
// (the p_* as graph inputs), run by the same onnxruntime. For non-smooth ops the gate model and the gated gradient
// model are checked too: same loss and gradient at θ, and, with the gates held at θ, finite differences of the gated
// loss with a step large enough to cross kinks still match its gradient (the frozen forward is the held branch), and
// some selection does flip over that step (so the check is not vacuous). Errors are measured against ‖grad‖·‖u‖.
// Every case runs on onnxruntime-node and onnxruntime-web unless `runtimes` narrows it.
import { expect } from 'vitest';
import * as ortn from 'onnxruntime-node';
import * as ortw from 'onnxruntime-web';
import type { AttrValue } from '../../src/onnx/rules/types.js';
import { buildGradientModels, type GradientOptions } from '../../src/onnx/gradient.js';
import { rules } from '../../src/onnx/rules/index.js';
import { buildModel, prod, Rng, type GraphDef, type NodeDef, type TensorDef } from './onnx-builders.js';

export type Runtime = 'node' | 'web';
type Ort = typeof ortn;

ortw.env.wasm.numThreads = 1;
const ORT: Record<Runtime, Ort> = { node: ortn, web: ortw as unknown as Ort };

export interface ParamDef {
  /** Must start with p_ (the harness selects parameters by that prefix). */
  name: string;
  dims: number[];
  values?: number[];
}

export interface OpCase {
  op: string;
  /** Node inputs in order ('' for an absent optional input). */
  inputs: string[];
  attrs?: Record<string, AttrValue>;
  type: 'float' | 'double';
  params: ParamDef[];
  /** Non-parameter inputs (indices, shapes, axes, fixed floats). */
  consts?: TensorDef[];
  /** Number of node outputs (default 1). */
  outputs?: number;
  /** Outputs that enter L (default [0]). */
  lossOutputs?: number[];
  opset?: number;
  seed?: number;
  h?: number;
  rtol?: number;
  /** Non-smooth ops: gates are expected; the frozen check uses this step (should cross kinks). */
  gated?: { step: number; expectFlips?: boolean; rtol?: number };
  runtimes?: Runtime[];
  /** Graph inputs fed with fixed values (declared with `declared` dims, e.g. symbolic, to hide static shapes). */
  data?: { name: string; type: 'float' | 'double'; dims: number[]; declared?: (number | string)[]; values: number[] }[];
  /** Nodes before the op (e.g. a comparison feeding Where's condition). */
  preNodes?: NodeDef[];
  /** Element type of the op's outputs, W and L when it differs from the parameters' (Cast). */
  outType?: 'float' | 'double';
  /** Build options passed on to buildGradientModels. */
  build?: Pick<GradientOptions, 'hoistBytesPerSample' | 'floatMasks'>;
}

const sessions = new WeakMap<Uint8Array, Map<Runtime, Promise<ortn.InferenceSession>>>();

function session(rt: Runtime, bytes: Uint8Array): Promise<ortn.InferenceSession> {
  let m = sessions.get(bytes);
  if (!m) sessions.set(bytes, (m = new Map()));
  let s = m.get(rt);
  if (!s) {
    s = ORT[rt].InferenceSession.create(bytes) as Promise<ortn.InferenceSession>;
    m.set(rt, s);
  }
  return s;
}

function floatTensor(rt: Runtime, type: 'float' | 'double', values: ArrayLike<number>, dims: number[]): ortn.Tensor {
  const data = type === 'double' ? Float64Array.from(values) : Float32Array.from(values);
  return new ORT[rt].Tensor(type === 'double' ? 'float64' : 'float32', data, dims) as ortn.Tensor;
}

async function run(rt: Runtime, bytes: Uint8Array, feeds: Record<string, ortn.Tensor>): Promise<Record<string, ortn.Tensor>> {
  const s = await session(rt, bytes);
  return (await s.run(feeds)) as Record<string, ortn.Tensor>;
}

const toNums = (t: ortn.Tensor): number[] => Array.from(t.data as ArrayLike<number>, Number);

function cloneTensor(rt: Runtime, t: ortn.Tensor): ortn.Tensor {
  const data = t.data as unknown as { slice(): unknown };
  return new ORT[rt].Tensor(t.type as 'bool', data.slice() as Uint8Array, [...t.dims]) as ortn.Tensor;
}

export interface CheckResult {
  gradient: Record<string, number[]>;
  gates: string[];
}

/** Runs the whole check for one case; returns the gradient (by parameter) for extra assertions. */
export async function checkOp(c: OpCase): Promise<CheckResult> {
  const rng = new Rng(c.seed ?? 1234);
  const type = c.type;
  const nOut = c.outputs ?? 1;
  const opOutputs = Array.from({ length: nOut }, (_, i) => `y${i}`);
  const lossOuts = (c.lossOutputs ?? [0]).map((i) => opOutputs[i]);
  const theta: Record<string, number[]> = {};
  for (const p of c.params) {
    if (!p.name.startsWith('p_')) throw new Error(`parameter ${p.name} must start with p_`);
    theta[p.name] = p.values ?? rng.normals(prod(p.dims));
    if (theta[p.name].length !== prod(p.dims)) throw new Error(`parameter ${p.name}: ${theta[p.name].length} values for dims ${p.dims}`);
  }
  const opNode: NodeDef = { op: c.op, inputs: c.inputs, outputs: opOutputs, attrs: c.attrs, name: 'op' };
  const fwdNodes = [...(c.preNodes ?? []), opNode];
  const otype = c.outType ?? type;
  const paramInits: TensorDef[] = c.params.map((p) => ({ name: p.name, type, dims: p.dims, values: theta[p.name] }));
  const consts = c.consts ?? [];

  // 1. Output shapes, to draw the fixed weights W.
  const data = [...(c.data ?? [])];
  const dataInputs = () => data.map((d) => ({ name: d.name, type: d.type, dims: d.declared ?? d.dims }));
  const dataFeeds = (rt: Runtime) => Object.fromEntries(data.map((d) => [d.name, floatTensor(rt, d.type, d.values, d.dims)]));
  const probe = buildModel({
    inputs: dataInputs(),
    nodes: fwdNodes,
    initializers: [...paramInits, ...consts],
    outputs: lossOuts.map((name) => ({ name, type: otype })),
    opset: c.opset,
  });
  const probed = await run('node', probe, dataFeeds('node'));
  const weights: TensorDef[] = lossOuts.map((y, i) => ({ name: `w_fixed${i}`, type: otype, dims: [...probed[y].dims], values: rng.normals(probed[y].data.length) }));

  // 2. The test model: L = sum_k ReduceSum(Y_k * W_k).
  const lossNodes: NodeDef[] = [];
  const parts: string[] = [];
  lossOuts.forEach((y, i) => {
    lossNodes.push({ op: 'Mul', inputs: [y, `w_fixed${i}`], outputs: [`m${i}`], name: `loss_mul${i}` });
    lossNodes.push({ op: 'ReduceSum', inputs: [`m${i}`], outputs: [`s${i}`], attrs: { keepdims: 0 }, name: `loss_sum${i}` });
    parts.push(`s${i}`);
  });
  lossNodes.push({ op: parts.length === 1 ? 'Identity' : 'Sum', inputs: parts, outputs: ['L'], name: 'loss_total' });
  const graph = (paramsAsInputs: boolean): GraphDef => ({
    nodes: [...fwdNodes, ...lossNodes],
    initializers: [...(paramsAsInputs ? [] : paramInits), ...consts, ...weights],
    inputs: [...dataInputs(), ...(paramsAsInputs ? c.params.map((p) => ({ name: p.name, type, dims: p.dims })) : [])],
    outputs: [{ name: 'L', type: otype, dims: [] }],
    opset: c.opset,
  });
  const withInits = buildModel(graph(false));
  const forward = buildModel(graph(true));

  const gm = buildGradientModels(withInits, { loss: 'output:L', params: /^p_/, rules, ...c.build });
  expect(gm.params.map((p) => p.name).sort()).toEqual(c.params.map((p) => p.name).sort());
  if (c.gated) expect(gm.gates, `${c.op}: a non-smooth op must produce gates`).not.toBeNull();

  const h = c.h ?? (type === 'double' ? 1e-5 : 1e-2);
  const rtol = c.rtol ?? (type === 'double' ? 1e-6 : 3e-3);
  let gradient: Record<string, number[]> = {};

  for (const rt of c.runtimes ?? ['node', 'web']) {
    const feedsAt = (t: Record<string, number[]>): Record<string, ortn.Tensor> =>
      ({ ...dataFeeds(rt), ...Object.fromEntries(c.params.map((p) => [p.name, floatTensor(rt, type, t[p.name], p.dims)])) });
    const shifted = (u: Record<string, number[]>, s: number): Record<string, number[]> =>
      Object.fromEntries(c.params.map((p) => [p.name, theta[p.name].map((v, i) => v + s * u[p.name][i])]));
    const lossAt = async (t: Record<string, number[]>) => toNums((await run(rt, forward, feedsAt(t))).L)[0];
    const dirs = [0, 1, 2].map(() => Object.fromEntries(c.params.map((p) => [p.name, Array.from({ length: prod(p.dims) }, () => 2 * rng.uniform() - 1)])));

    // Live gradient model vs finite differences of the forward op.
    const live = await run(rt, gm.live, feedsAt(theta));
    const L0 = await lossAt(theta);
    const lossLive = toNums(live.loss)[0];
    expect(Math.abs(lossLive - L0), `${rt}: loss of the gradient model`).toBeLessThanOrEqual(1e-6 * (Math.abs(L0) + 1) * (otype === 'double' ? 1 : 100));
    const g: Record<string, number[]> = Object.fromEntries(c.params.map((p) => [p.name, toNums(live[`grad:${p.name}`])]));
    for (const p of c.params) expect(g[p.name].every(Number.isFinite), `${rt}: grad:${p.name} finite`).toBe(true);
    gradient = g;
    for (const u of dirs) {
      const fd = ((await lossAt(shifted(u, h))) - (await lossAt(shifted(u, -h)))) / (2 * h);
      compareDirectional(`${rt} ${c.op} live`, g, u, fd, rtol);
    }

    if (!gm.gates) continue;
    // Gate model at θ -> gated gradient model.
    // Copies, so that no later run can touch the values (a runtime may reuse output buffers).
    const gatesAt = async (t: Record<string, number[]>) => {
      const out = await run(rt, gm.gates!, feedsAt(t));
      return Object.fromEntries(gm.gateNames.map((n) => [n, cloneTensor(rt, out[n])]));
    };
    const gatesTheta = await gatesAt(theta);
    const gatedFeeds = (t: Record<string, number[]>) => ({ ...feedsAt(t), ...Object.fromEntries(gm.gateNames.map((n) => [n, gatesTheta[n]])) });
    const gated = await run(rt, gm.gradient, gatedFeeds(theta));
    expect(Math.abs(toNums(gated.loss)[0] - L0), `${rt}: gated loss at θ`).toBeLessThanOrEqual(1e-6 * (Math.abs(L0) + 1) * (otype === 'double' ? 1 : 100));
    for (const p of c.params) {
      const gg = toNums(gated[`grad:${p.name}`]);
      const scale = Math.sqrt(g[p.name].reduce((a, b) => a + b * b, 0)) + 1e-12;
      const diff = Math.sqrt(gg.reduce((a, b, i) => a + (b - g[p.name][i]) ** 2, 0));
      expect(diff / scale, `${rt}: gated gradient of ${p.name} at θ equals the live one`).toBeLessThanOrEqual(type === 'double' ? 1e-12 : 1e-5);
    }
    if (c.gated) {
      const H = c.gated.step;
      const lossGated = async (t: Record<string, number[]>) => toNums((await run(rt, gm.gradient, gatedFeeds(t))).loss)[0];
      const gGated = Object.fromEntries(c.params.map((p) => [p.name, toNums(gated[`grad:${p.name}`])]));
      const base = Object.fromEntries(gm.gateNames.map((n) => [n, toNums(gatesTheta[n])]));
      let flips = 0;
      for (const u of dirs) {
        const fd = ((await lossGated(shifted(u, H))) - (await lossGated(shifted(u, -H)))) / (2 * H);
        compareDirectional(`${rt} ${c.op} frozen (step ${H})`, gGated, u, fd, c.gated.rtol ?? rtol);
        for (const s of [H, -H]) {
          const moved = await gatesAt(shifted(u, s));
          flips += gm.gateNames.reduce((a, n) => a + toNums(moved[n]).filter((v, i) => v !== base[n][i]).length, 0);
        }
      }
      // The frozen check is only meaningful if the live selections do change over that step.
      if (c.gated.expectFlips !== false) expect(flips, `${rt}: some selection flips over the frozen-check step`).toBeGreaterThan(0);
    }
  }
  return { gradient, gates: gm.gateNames };
}

function compareDirectional(label: string, g: Record<string, number[]>, u: Record<string, number[]>, fd: number, rtol: number): void {
  let dot = 0;
  let gn = 0;
  let un = 0;
  for (const k of Object.keys(u)) {
    g[k].forEach((v, i) => {
      dot += v * u[k][i];
      gn += v * v;
      un += u[k][i] * u[k][i];
    });
  }
  const scale = Math.sqrt(gn * un) + 1e-12;
  expect(Math.abs(dot - fd) / scale, `${label}: <grad,u>=${dot} vs finite difference ${fd}`).toBeLessThanOrEqual(rtol);
}

/**
 * The same case with the static shapes of the given parameters hidden from the builder: the op reads
 * Reshape(p, Shape(d)) with d a graph input of symbolic shape, so the rules' dynamic-shape paths run.
 */
export function hideShapes(c: OpCase, names: string[] = [c.params[0].name]): OpCase {
  const pre = [...(c.preNodes ?? [])];
  const data = [...(c.data ?? [])];
  let inputs = [...c.inputs];
  for (const n of names) {
    const p = c.params.find((q) => q.name === n);
    if (!p) throw new Error(`hideShapes: no parameter ${n}`);
    pre.push({ op: 'Shape', inputs: [`d_${n}`], outputs: [`ds_${n}`], name: `shape_${n}` });
    pre.push({ op: 'Reshape', inputs: [n, `ds_${n}`], outputs: [`h_${n}`], name: `hide_${n}` });
    data.push({ name: `d_${n}`, type: c.type, dims: p.dims, declared: p.dims.map((_, i) => `${n}_d${i}`), values: new Array(prod(p.dims)).fill(0) });
    inputs = inputs.map((i) => (i === n ? `h_${n}` : i));
  }
  return { ...c, inputs, preNodes: pre, data };
}
