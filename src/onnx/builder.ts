// Reverse-mode differentiation of an ONNX forward graph into a loss-and-gradient graph of standard ONNX ops.
//
// One build emits: the forward nodes (in the gated mode, non-smooth nodes on the parameter->loss path are replaced by
// their rule's frozenForward so that theta +- eps*v never crosses a kink), the loss, and the backward nodes from the
// rules in reverse topological order, with Sum where a tensor feeds several consumers. The gate model is the live build
// cut down to the forward pass plus the gate tensors.
import type { Rule, RuleContext, RuleTable, AttrValue, TensorSpec, GateKind } from './rules/types.js';
import { ModelError, SaneError, UnsupportedOpError } from './errors.js';
import { Emitter, decodeAttr, dimsToValueInfoDims } from './emitter.js';
import { isDifferentiableOutput, isDifferentiableSlot, NON_DIFFERENTIABLE_OPS } from './differentiable.js';
import { hasSubgraph, nodeReads, type ForwardGraph } from './graph.js';
import { DataType, isDefaultDomain, isFloatType, tensorToInts, valueInfo, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from './load.js';
import type { ShapeInfo } from './shapes.js';

export type BuildMode = 'live' | 'gated';

/** Which tensors lie on a parameter -> loss path. */
export interface PathAnalysis {
  /** Tensors the loss target depends on through differentiable edges. */
  reach: Set<string>;
  /** Tensors that depend on a parameter through differentiable edges, with the first such parameter. */
  active: Map<string, string>;
  /** Nodes that need a vector-Jacobian product. */
  pathNodes: Set<NodeProto>;
  /** Tensors computed from a parameter through any edge (also bool/int ones, e.g. a Where condition). */
  dependsOnParams: Set<string>;
}

function isFloatTensor(fg: ForwardGraph, t: string, extra?: Map<string, ShapeInfo>): boolean {
  const s = extra?.get(t) ?? fg.shapes.get(t);
  // Unknown type: assume float (a wrong guess only costs a gradient of zero through an integer path, never a crash,
  // since rules are called on nodes whose types ONNX fixes).
  return !s || !s.elemType || isFloatType(s.elemType);
}

/** Tensors from which `target` is reachable through differentiable edges. */
export function lossReach(fg: ForwardGraph, target: string): Set<string> {
  const reach = new Set<string>([target]);
  const stack = [target];
  while (stack.length) {
    const t = stack.pop()!;
    const n = fg.producer.get(t);
    if (!n) continue;
    const outSlot = n.output.indexOf(t);
    if (!isDifferentiableOutput(n.opType, outSlot)) continue;
    n.input.forEach((inp, slot) => {
      if (!inp || reach.has(inp) || !isDifferentiableSlot(n.opType, slot) || !isFloatTensor(fg, inp)) return;
      reach.add(inp);
      stack.push(inp);
    });
    // An If / Loop / Scan body reads outer tensors by name: the output depends on them too (and the check of rules
    // then refuses the op, instead of the parameters behind it being left out without a word).
    if (hasSubgraph(n)) {
      for (const inp of nodeReads(n)) {
        const outer = fg.producer.has(inp) || fg.initializers.has(inp) || fg.dataInputs.includes(inp);
        if (reach.has(inp) || !outer || !isFloatTensor(fg, inp)) continue;
        reach.add(inp);
        stack.push(inp);
      }
    }
  }
  return reach;
}

export function analyzePaths(fg: ForwardGraph, params: string[], reach: Set<string>): PathAnalysis {
  const active = new Map<string, string>();
  for (const p of params) active.set(p, p);
  const pathNodes = new Set<NodeProto>();
  for (const n of fg.nodes) {
    const source = activeSource(n, active);
    if (source === undefined) continue;
    n.output.forEach((o, k) => {
      if (o && isDifferentiableOutput(n.opType, k) && isFloatTensor(fg, o)) active.set(o, source!);
    });
    if (n.output.some((o, k) => o && reach.has(o) && isDifferentiableOutput(n.opType, k))) pathNodes.add(n);
  }
  const dependsOnParams = new Set<string>(params);
  for (const n of fg.nodes) {
    if (nodeReads(n).some((t) => dependsOnParams.has(t))) n.output.forEach((o) => o && dependsOnParams.add(o));
  }
  return { reach, active, pathNodes, dependsOnParams };
}

/** The loss part of a build: emits the loss nodes and returns the loss tensor and the seed gradient of the target. */
export interface LossEmission {
  loss: string;
  /** Gradient of the loss w.r.t. the target tensor (null: the target is the loss itself, seed 1). */
  seed: string | null;
  /** Extra graph inputs the loss needs (labels). */
  inputs: ValueInfoProto[];
}

export interface BuildSpec {
  fg: ForwardGraph;
  params: string[];
  analysis: PathAnalysis;
  rules: RuleTable;
  /** The tensor the loss is computed from (logits, predictions or the scalar loss output). */
  target: string;
  emitLoss(e: Emitter): LossEmission;
  mode: BuildMode;
  /** Type and shape of every gate, recorded by the live build (needed in the gated build to declare the inputs). */
  gateInfo?: Map<string, ShapeInfo>;
  /** MLAS's NCHWc block size when the model will get the NCHWc rewrite of nchwc.ts (rules may prefer forms it speeds up). */
  nchwcBlock?: number;
  /** Bytes per sample of data-only tensors that rules may hoist into gates (RuleContext.hoist); default 0. */
  hoistBytesPerSample?: number;
}

export interface BuildResult {
  model: ModelProto;
  /** gate name -> tensor holding it (live build) */
  gates: Map<string, string>;
  gateInfo: Map<string, ShapeInfo>;
  /** The gates that hold hoisted data-only tensors (RuleContext.hoist), not selections. */
  hoisted: Set<string>;
  emitter: Emitter;
  graphInputs: ValueInfoProto[];
  /** Every initializer the build may reference, before pruning. */
  initializers: TensorProto[];
}

/** Checks that every node on the path has a rule, before emitting anything. */
export function checkRules(spec: Pick<BuildSpec, 'analysis' | 'rules' | 'fg'>): void {
  for (const n of spec.fg.nodes) {
    if (!spec.analysis.pathNodes.has(n)) continue;
    const param = firstActiveInput(spec.analysis, n) ?? '?';
    if (n.domain && n.domain !== 'ai.onnx') {
      throw new UnsupportedOpError(`${n.domain}.${n.opType}`, n.name, param, `ops of domain "${n.domain}" cannot be differentiated (only the standard ONNX domain is supported)`);
    }
    if (!spec.rules[n.opType]) throw new UnsupportedOpError(n.opType, n.name, param);
  }
}

function firstActiveInput(a: PathAnalysis, n: NodeProto): string | undefined {
  return activeSource(n, a.active);
}

/**
 * The parameter behind the first active tensor the node reads in a differentiable slot. A body of an If / Loop /
 * Scan that reads an active tensor by name puts the node on the path too (checkRules then refuses it by name;
 * otherwise the parameter's gradient through it would be silently missing).
 */
function activeSource(n: NodeProto, active: Map<string, string>): string | undefined {
  for (const [slot, inp] of n.input.entries()) if (inp && active.has(inp) && isDifferentiableSlot(n.opType, slot)) return active.get(inp);
  return hasSubgraph(n) ? nodeReads(n).map((t) => active.get(t)).find((p) => p !== undefined) : undefined;
}

export function build(spec: BuildSpec): BuildResult {
  const { fg, params, analysis, rules, mode } = spec;
  const g = fg.model.graph;
  const taken = new Set<string>();
  for (const n of fg.nodes) for (const t of [...n.input, ...n.output]) taken.add(t);
  for (const t of fg.initializers.keys()) taken.add(t);
  for (const i of g.input) taken.add(i.name);
  const shapes = new Map(fg.shapes);
  const opset = outputOpset(fg);
  const e = new Emitter(fg.opset, shapes, taken, fg.constInts);
  const paramSet = new Set(params);

  // Gate bookkeeping, shared by the contexts of all nodes.
  const gates = new Map<string, string>(); // gate name -> tensor (live)
  const gateInfo = new Map<string, ShapeInfo>(spec.gateInfo ?? []);
  const gateInputs: ValueInfoProto[] = [];

  // Parameters used through non-differentiable edges (a BatchNormalization running statistic that the exporter
  // deduplicated with a weight, a shape) keep reading the fixed initial value: perturbing theta must not move them.
  const frozenCopies = new Map<string, string>();
  const frozenCopy = (p: string): string => {
    let c = frozenCopies.get(p);
    if (!c) {
      c = e.fresh(`frozen_${p}`);
      const t = fg.initializers.get(p)!;
      e.initializers.push({ ...t, name: c });
      shapes.set(c, shapes.get(p)!);
      frozenCopies.set(p, c);
    }
    return c;
  };

  // A hoisted tensor is a gate (so a model with one gets a gate model even without selections). The live and the gated
  // build grant the same requests in the same order, so the gated build declares exactly the gates the live one computes.
  let hoistLeft = spec.hoistBytesPerSample ?? 0;
  const hoisted = new Set<string>();
  const makeCtx = (node: NodeProto, gradOutputs: (string | null)[], needsGrad: boolean[]): RuleContext => {
    const ctx: RuleContext = {
      node,
      opset,
      gradOutputs,
      needsGrad,
      frozen: mode === 'gated',
      dependsOnParams: (t: string) => analysis.dependsOnParams.has(t),
      hoist(bytesPerSample: number): boolean {
        if (!(bytesPerSample > 0) || bytesPerSample > hoistLeft) return false;
        hoistLeft -= bytesPerSample;
        return true;
      },
      ...(spec.nchwcBlock ? { nchwc: { block: spec.nchwcBlock } } : {}),
      attr<T>(name: string, fallback?: T): T {
        const a = node.attribute.find((x) => x.name === name);
        if (!a) return fallback as T;
        const v = decodeAttr(a);
        return (v === undefined ? fallback : v) as T;
      },
      info: (t) => e.info(t),
      emit: (op, inputs, attrs, outputs) => e.emit(op, inputs, attrs, outputs),
      op: (op, inputs, attrs) => e.op(op, inputs, attrs),
      constant: (s: TensorSpec) => e.constant(s),
      scalarLike: (v, like) => e.scalarLike(v, like),
      ints: (v) => e.ints(v),
      unbroadcast: (gr, target) => e.unbroadcast(gr, target),
      gate(key: string, compute: () => string, kind: GateKind = 'selection'): string {
        const name = `gate:${node.name}:${key}`;
        if (kind === 'hoisted') hoisted.add(name);
        if (mode === 'gated') {
          if (!gateInputs.some((i) => i.name === name)) {
            const info = gateInfo.get(name);
            gateInputs.push(valueInfo(name, info?.elemType || DataType.BOOL, dimsToValueInfoDims(info?.dims)));
            if (info) shapes.set(name, info);
          }
          return name;
        }
        const hit = gates.get(name);
        if (hit) return hit;
        // Gate computations always land in the real graph, even while a frozenForward is emitted only to learn its gates.
        const saved = e.sink;
        e.sink = e.nodes;
        try {
          const t = compute();
          gates.set(name, t);
          const s = shapes.get(t);
          gateInfo.set(name, s ?? { elemType: DataType.BOOL });
          return t;
        } finally {
          e.sink = saved;
        }
      },
    };
    return ctx;
  };

  // A rule that cannot handle a node's attributes or shapes throws RuleError (detail = what is unsupported).
  const runRule = <T>(n: NodeProto, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof SaneError) throw err;
      const detail = (err as { detail?: string }).detail ?? `the gradient rule failed: ${(err as Error).message}`;
      throw new UnsupportedOpError(n.opType, n.name, firstActiveInput(analysis, n) ?? '?', detail);
    }
  };

  const needsGradOf = (n: NodeProto): boolean[] =>
    n.input.map((inp, slot) => !!inp && analysis.active.has(inp) && isDifferentiableSlot(n.opType, slot) && isFloatTensor(fg, inp));

  // ---- forward ----
  // Rules see the rewired node (frozen copies in non-differentiable slots) in the forward AND the backward pass, so
  // that e.g. a BatchNormalization vjp reads the fixed running variance, not the perturbed parameter aliased to it.
  const rewired = new Map<NodeProto, NodeProto>();
  for (const n of fg.nodes) {
    const onPath = analysis.pathNodes.has(n);
    const rule: Rule | undefined = rules[n.opType];
    const copy: NodeProto = { ...n, input: n.input.map((inp, slot) => rewireParamUse(inp, slot, n)), attribute: n.attribute };
    rewired.set(n, copy);
    if (onPath && rule?.frozenForward) {
      const ctx = makeCtx(copy, n.output.map(() => null), needsGradOf(n));
      if (mode === 'gated') {
        const outs = runRule(n, () => rule.frozenForward!(ctx));
        n.output.forEach((o, k) => {
          if (!o) return;
          if (!outs[k]) throw new ModelError(`rule ${n.opType}: frozenForward returned no tensor for output ${k} of node "${n.name}"`);
          e.emitNamed('Identity', [outs[k]], [o]);
        });
        continue;
      }
      // Live: keep the original node, but run frozenForward into a scratch list to learn (and compute) its gates.
      e.nodes.push(copy);
      const saved = e.sink;
      e.sink = [];
      try {
        runRule(n, () => rule.frozenForward!(ctx));
      } finally {
        e.sink = saved;
      }
      continue;
    }
    e.nodes.push(copy);
  }

  function rewireParamUse(inp: string, slot: number, n: NodeProto): string {
    if (!paramSet.has(inp)) return inp;
    const live = isDifferentiableSlot(n.opType, slot) && n.output.some((o, k) => analysis.reach.has(o) && isDifferentiableOutput(n.opType, k));
    return live ? inp : frozenCopy(inp);
  }

  // ---- loss ----
  const loss = spec.emitLoss(e);

  // ---- backward ----
  const contributions = new Map<string, string[]>();
  const addGrad = (t: string, gname: string) => {
    if (!contributions.has(t)) contributions.set(t, []);
    contributions.get(t)!.push(gname);
  };
  const gradOf = (t: string): string | null => {
    const c = contributions.get(t);
    if (!c || c.length === 0) return null;
    if (c.length === 1) return c[0];
    const s = e.op('Sum', c);
    if (!shapes.has(s) && shapes.has(c[0])) shapes.set(s, shapes.get(c[0])!);
    contributions.set(t, [s]);
    return s;
  };
  addGrad(spec.target, loss.seed ?? e.scalarLike(1, spec.target));

  for (let idx = fg.nodes.length - 1; idx >= 0; idx--) {
    const n = fg.nodes[idx];
    if (!analysis.pathNodes.has(n)) continue;
    const gradOutputs = n.output.map((o, k) => (o && isDifferentiableOutput(n.opType, k) ? gradOf(o) : null));
    if (gradOutputs.every((x) => x === null)) continue;
    const needsGrad = needsGradOf(n);
    const rule = rules[n.opType];
    const ctx = makeCtx(rewired.get(n) ?? n, gradOutputs, needsGrad);
    const grads = runRule(n, () => rule.vjp(ctx));
    n.input.forEach((inp, slot) => {
      const gr = grads[slot];
      if (gr && needsGrad[slot]) {
        if (!shapes.has(gr) && shapes.has(inp)) shapes.set(gr, shapes.get(inp)!);
        addGrad(inp, gr);
      }
    });
  }

  // ---- outputs ----
  const outputs: ValueInfoProto[] = [];
  const lossType = shapes.get(loss.loss)?.elemType || DataType.FLOAT;
  let lossName = loss.loss;
  if (lossName !== 'loss') {
    e.emitNamed('Identity', [lossName], ['loss']);
    lossName = 'loss';
  }
  outputs.push(valueInfo('loss', lossType, []));
  for (const p of params) {
    const t = fg.initializers.get(p)!;
    let gr = gradOf(p);
    const dims = t.dims.map(Number);
    if (!gr) {
      // On no path after all (e.g. every consumer's rule returned null): an exact zero gradient.
      gr = e.op('ConstantOfShape', [e.ints(dims)], { value: { tensor: { type: t.dataType === DataType.DOUBLE ? 'double' : 'float', dims: [1], values: [0] } } });
    }
    e.emitNamed('Reshape', [gr, e.ints(dims)], [`grad:${p}`]);
    outputs.push(valueInfo(`grad:${p}`, t.dataType, dims));
  }

  // ---- graph inputs ----
  const initNames = new Set(fg.initializers.keys());
  const graphInputs: ValueInfoProto[] = [];
  for (const i of g.input) if (!initNames.has(i.name)) graphInputs.push(i);
  graphInputs.push(...loss.inputs);
  for (const p of params) {
    const t = fg.initializers.get(p)!;
    graphInputs.push(valueInfo(p, t.dataType, t.dims.map(Number)));
  }
  graphInputs.push(...gateInputs);

  const initializers: TensorProto[] = [...g.initializer.filter((t) => !paramSet.has(t.name ?? '')), ...e.initializers];
  const base: ModelProto = { ...fg.model, opsetImport: fg.model.opsetImport.map((o) => (isDefaultDomain(o) ? { ...o, version: opset } : o)) };
  const model = assembleModel(base, e.nodes, initializers, graphInputs, outputs, 'gradient');
  return { model, gates, gateInfo, hoisted, emitter: e, graphInputs, initializers };
}

/**
 * The default-domain opset of the emitted models: at least 16, because the MaxPool and Gather gradients need
 * ScatterElements/ScatterND with reduction='add'. Opsets 13 to 15 -> 16 change no semantics of the standard ops
 * PyTorch exports (only added types and optional attributes); RoiAlign's default changed in 16, so keep those as is.
 */
export function outputOpset(fg: ForwardGraph): number {
  if (fg.opset >= 16 || fg.nodes.some((n) => n.opType === 'RoiAlign')) return fg.opset;
  return 16;
}

/** A model with the given graph parts, pruned to what the outputs need; graph inputs are all kept (the contract). */
export function assembleModel(
  base: ModelProto,
  nodes: NodeProto[],
  initializers: TensorProto[],
  inputs: ValueInfoProto[],
  outputs: ValueInfoProto[],
  suffix: string,
): ModelProto {
  nodes = collapseReshapeChains(nodes, initializers, outputs);
  const producer = new Map<string, NodeProto>();
  for (const n of nodes) for (const o of n.output) if (o) producer.set(o, n);
  const needed = new Set<string>();
  const keep = new Set<NodeProto>();
  const stack = outputs.map((o) => o.name);
  while (stack.length) {
    const t = stack.pop()!;
    if (needed.has(t)) continue;
    needed.add(t);
    const n = producer.get(t);
    if (!n || keep.has(n)) continue;
    keep.add(n);
    for (const i of nodeReads(n)) if (!needed.has(i)) stack.push(i);
  }
  const keptNodes = nodes.filter((n) => keep.has(n));
  const inputNames = new Set(inputs.map((i) => i.name));
  const keptInits = initializers.filter((t) => needed.has(t.name ?? '') && !inputNames.has(t.name ?? ''));
  const produced = new Set(keptNodes.flatMap((n) => n.output));
  const graph: GraphProto = {
    name: `${base.graph.name || 'model'}_${suffix}`,
    node: keptNodes,
    initializer: keptInits,
    input: inputs,
    output: outputs,
    valueInfo: base.graph.valueInfo.filter((v) => produced.has(v.name) && !outputs.some((o) => o.name === v.name)),
  };
  return {
    irVersion: Math.max(Number(base.irVersion ?? 8), 8),
    opsetImport: base.opsetImport,
    producerName: 'onnx-sane',
    producerVersion: '0.1.0',
    graph,
    functions: base.functions,
  };
}

/**
 * Reshape(Reshape(x, s1), s2) -> Reshape(x, s2) when the inner Reshape has no other reader and s2 is a constant
 * without 0 entries (so the inner shape does not matter). Besides saving a node, this avoids an onnxruntime 1.30 bug:
 * its contiguous-Reshape fusion fails at session creation ("GetIndexFromName ... _new_reshape") for a Reshape to a
 * dynamic Shape(...) followed by a Reshape to a fully static shape, which reshape-like vjps followed by the
 * grad:NAME Reshape produce on symbolic-batch tensors.
 */
function collapseReshapeChains(nodes: NodeProto[], initializers: TensorProto[], outputs: ValueInfoProto[]): NodeProto[] {
  const readers = new Map<string, number>();
  for (const n of nodes) for (const t of nodeReads(n)) readers.set(t, (readers.get(t) ?? 0) + 1);
  for (const o of outputs) readers.set(o.name, (readers.get(o.name) ?? 0) + 1);
  const producer = new Map<string, NodeProto>();
  for (const n of nodes) for (const o of n.output) if (o) producer.set(o, n);
  const inits = new Map(initializers.map((t) => [t.name ?? '', t]));
  const staticShape = (name: string): boolean => {
    const t = inits.get(name);
    if (!t || (t.dataType !== DataType.INT64 && t.dataType !== DataType.INT32)) return false;
    try {
      return tensorToInts(t).every((v) => v !== 0);
    } catch {
      return false;
    }
  };
  return nodes.map((n) => {
    if (n.opType !== 'Reshape' || (n.domain && n.domain !== 'ai.onnx') || !n.input[1] || !staticShape(n.input[1])) return n;
    let src = n.input[0];
    for (;;) {
      const inner = producer.get(src);
      if (!inner || inner.opType !== 'Reshape' || (inner.domain && inner.domain !== 'ai.onnx') || readers.get(src) !== 1) break;
      src = inner.input[0];
    }
    return src === n.input[0] ? n : { ...n, input: [src, n.input[1]] };
  });
}

export { NON_DIFFERENTIABLE_OPS };
export type { AttrValue };
