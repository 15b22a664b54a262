// The forward graph as the builder sees it: nodes with unique names in topological order, initializers and small
// integer constants by name, and the inferred type/shape of every tensor.
import { ModelError } from './errors.js';
import { defaultOpset, isDefaultDomain, isFloatType, type ModelProto, type NodeProto, type TensorProto, type AttributeProto } from './load.js';
import { fromTensor, fromValueInfo, inferNode, intConstant, type Dim, type ShapeInfo } from './shapes.js';

export interface ForwardGraph {
  model: ModelProto;
  opset: number;
  nodes: NodeProto[];
  initializers: Map<string, TensorProto>;
  /** Graph inputs that are not initializers: what the user feeds. */
  dataInputs: string[];
  outputs: string[];
  shapes: Map<string, ShapeInfo>;
  producer: Map<string, NodeProto>;
  consumers: Map<string, { node: NodeProto; slot: number }[]>;
  constInts(name: string): number[] | undefined;
}

/** Names every tensor a node reads, including outer-scope names read inside its subgraphs (If, Loop, Scan). */
/** Whether the node holds a subgraph (If, Loop, Scan): its body reads outer tensors by name. */
export function hasSubgraph(node: NodeProto): boolean {
  return node.attribute.some((a) => a.g || (a as { graphs?: unknown[] }).graphs?.length);
}

export function nodeReads(node: NodeProto): string[] {
  const names = node.input.filter((n) => n);
  const visit = (attrs: AttributeProto[]) => {
    for (const a of attrs) {
      const graphs = [a.g, ...((a as { graphs?: unknown[] }).graphs ?? [])].filter(Boolean) as { node?: NodeProto[] }[];
      for (const g of graphs) for (const n of g.node ?? []) {
        names.push(...(n.input ?? []).filter((x) => x));
        visit(n.attribute ?? []);
      }
    }
  };
  visit(node.attribute);
  return names;
}

/**
 * Undoes the PyTorch exporter's initializer deduplication (torch >= 1.12): parameters with identical values (freshly
 * initialised BatchNorm/LayerNorm weights and biases, zero biases...) are stored once and the others become
 * `Identity(kept) -> original_name`. In PyTorch they are distinct parameters (and a running variance aliased to a
 * weight is no parameter at all), so each such Identity output becomes an initializer of its own again, placed right
 * after the one it was deduplicated into.
 */
export function materializeInitializerAliases(model: ModelProto): void {
  const g = model.graph;
  const inits = new Map(g.initializer.map((t) => [t.name ?? '', t]));
  const graphInputs = new Set(g.input.map((i) => i.name));
  const graphOutputs = new Set(g.output.map((o) => o.name));
  const added = new Map<string, TensorProto[]>();
  const keep: NodeProto[] = [];
  for (const n of g.node) {
    const src = n.input[0];
    const out = n.output[0];
    const t = src ? inits.get(src) : undefined;
    if (
      n.opType === 'Identity' && isDefaultDomain(n) && t && isFloatType(t.dataType) &&
      !graphInputs.has(src) && out && !inits.has(out) && !graphOutputs.has(out) && !graphInputs.has(out)
    ) {
      const copy: TensorProto = { ...t, name: out };
      inits.set(out, copy);
      if (!added.has(src)) added.set(src, []);
      added.get(src)!.push(copy);
      continue;
    }
    keep.push(n);
  }
  if (added.size === 0) return;
  g.node = keep;
  g.initializer = g.initializer.flatMap((t) => [t, ...(added.get(t.name ?? '') ?? [])]);
}

export function prepareGraph(model: ModelProto): ForwardGraph {
  const g = model.graph;
  const opset = defaultOpset(model);
  const initializers = new Map<string, TensorProto>();
  for (const t of g.initializer) initializers.set(t.name ?? '', t);

  // Unique node names: gate tensors and error messages refer to nodes by name.
  const used = new Set<string>();
  g.node.forEach((n, i) => {
    let name = n.name || `${n.opType}_${i}`;
    while (used.has(name)) name = `${name}_${i}`;
    used.add(name);
    n.name = name;
  });

  const nodes = topoSort(g.node, new Set([...initializers.keys(), ...g.input.map((i) => i.name)]));
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, { node: NodeProto; slot: number }[]>();
  for (const n of nodes) {
    n.output.forEach((o) => o && producer.set(o, n));
    n.input.forEach((t, slot) => {
      if (!t) return;
      if (!consumers.has(t)) consumers.set(t, []);
      consumers.get(t)!.push({ node: n, slot });
    });
  }

  const constCache = new Map<string, number[] | undefined>();
  const constInts = (name: string): number[] | undefined => {
    if (constCache.has(name)) return constCache.get(name);
    let v = constantInts(name, initializers, producer);
    const p = producer.get(name);
    if (v === undefined && p?.opType === 'Shape' && p.attribute.every((a) => a.name !== 'start' && a.name !== 'end')) {
      // The shape of a tensor whose dims are all static is a constant (the exporter's Shape -> ConstantOfShape ->
      // Expand chains of x.repeat / reflection padding): knowing it keeps the ranks downstream.
      const d = shapes.get(p.input[0])?.dims;
      if (d && d.every((x) => typeof x === 'number' && x >= 0)) v = d as number[];
    }
    constCache.set(name, v);
    return v;
  };

  const shapes = new Map<string, ShapeInfo>();
  for (const [name, t] of initializers) shapes.set(name, fromTensor(t));
  for (const v of [...g.input, ...g.valueInfo, ...g.output]) {
    if (shapes.has(v.name)) continue;
    const s = fromValueInfo(v);
    if (s) shapes.set(v.name, s);
  }
  const graphOutputs = new Set(g.output.map((o) => o.name));
  for (const n of nodes) {
    let inferred: (ShapeInfo | undefined)[] = [];
    try {
      inferred = inferNode(n, (t) => shapes.get(t), constInts, opset);
    } catch {
      inferred = [];
    }
    n.output.forEach((o, k) => {
      if (!o) return;
      const declared = shapes.get(o);
      const inf = inferred[k];
      // Declared value_info wins for dims; inference fills the gaps. A graph output's symbolic dims also take the
      // static sizes inferred for them (the exporter declares a sequence axis it could not follow through Shape as
      // "Addout_dim_1"): the loss declares its labels from them, so labels of another length are refused by name.
      if (!declared && inf) shapes.set(o, inf);
      else if (declared && inf) {
        const dims = declared.dims && graphOutputs.has(o) ? withInferredSizes(declared.dims, inf.dims) : declared.dims ?? inf.dims;
        shapes.set(o, { elemType: declared.elemType || inf.elemType, dims });
      }
    });
  }

  const initNames = new Set(initializers.keys());
  return {
    model,
    opset,
    nodes,
    initializers,
    dataInputs: g.input.map((i) => i.name).filter((n) => !initNames.has(n)),
    outputs: g.output.map((o) => o.name),
    shapes,
    producer,
    consumers,
    constInts,
  };
}

function topoSort(nodes: NodeProto[], available: Set<string>): NodeProto[] {
  // Kahn's algorithm, keeping the file order among ready nodes (exporters write nodes sorted already).
  const producedBy = new Map<string, number>();
  nodes.forEach((n, i) => n.output.forEach((o) => o && producedBy.set(o, i)));
  const indeg = new Array(nodes.length).fill(0);
  const users: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const t of new Set(nodeReads(n))) {
      const p = producedBy.get(t);
      // Names no node produces are inputs, initializers or outer-scope names: they do not block ordering.
      if (p === undefined || available.has(t) || p === i) continue;
      indeg[i]++;
      users[p].push(i);
    }
  });
  const ready: number[] = [];
  indeg.forEach((d, i) => d === 0 && ready.push(i));
  const out: NodeProto[] = [];
  // A min-heap would keep strict file order; a sorted insert is fine for the few nodes ready at once.
  while (ready.length) {
    const i = ready.shift()!;
    out.push(nodes[i]);
    for (const u of users[i]) {
      if (--indeg[u] === 0) {
        let k = ready.length;
        while (k > 0 && ready[k - 1] > u) k--;
        ready.splice(k, 0, u);
      }
    }
  }
  if (out.length !== nodes.length) {
    const stuck = nodes.find((_, i) => indeg[i] > 0)!;
    throw new ModelError(`the graph has a cycle through node "${stuck.name}" (${stuck.opType})`);
  }
  return out;
}

/** The value of a small integer constant: an initializer, or the output of a Constant node (value, value_ints,
 *  value_int); undefined for anything else. */
export function constantInts(name: string, initializers: Map<string, TensorProto>, producer: Map<string, NodeProto>): number[] | undefined {
  const init = initializers.get(name);
  if (init) return intConstant(init);
  const p = producer.get(name);
  if (p?.opType !== 'Constant') return undefined;
  const a = p.attribute.find((x) => x.name === 'value' || x.name === 'value_ints' || x.name === 'value_int');
  if (a?.t) return intConstant(a.t);
  if (a?.ints) return a.ints.map(Number);
  if (a?.i !== undefined) return [Number(a.i)];
  return undefined;
}

/** `declared` with each symbolic dim replaced by the static size inferred for it (same rank only). */
function withInferredSizes(declared: Dim[], inferred: Dim[] | undefined): Dim[] {
  if (!inferred || inferred.length !== declared.length) return declared;
  return declared.map((d, i) => {
    const v = inferred[i];
    return typeof d !== 'number' && typeof v === 'number' && v >= 0 ? v : d;
  });
}
