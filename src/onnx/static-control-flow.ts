// Control flow whose course the shapes already decide, rewritten into plain ops before the gradient is built (the
// builder has no rule for Loop, If or sequences). PyTorch's exporter writes such control flow where the sizes it
// traced through were not static to it: torch.tensor_split becomes a Loop over the split points collecting Slices in
// a sequence, read back by SequenceAt; x.squeeze(d) of a size it could not follow becomes an If on that size (both in
// torchvision's MViT). Here:
// - a Loop with a constant trip count, a condition that stays true and no nested subgraph is unrolled (each
//   iteration's nodes copied with the iteration number a constant; scan outputs stacked along a new first axis);
// - sequences built and read at constant positions are replaced by the tensors they hold (SequenceEmpty,
//   SequenceConstruct, SequenceInsert, SequenceAt, SequenceLength, SequenceErase, ConcatFromSequence, SplitToSequence
//   with static sizes);
// - an If whose condition evaluates to a constant (from constants and static shapes) becomes its taken branch.
// What cannot be decided stays, and the builder then refuses it by name.
import { encodeAttr, encodeTensor } from './emitter.js';
import { DataType, isDefaultDomain, type ModelProto, type NodeProto } from './load.js';
import { hasSubgraph, prepareGraph, type ForwardGraph } from './graph.js';
import type { GraphProto } from './proto-types.js';
import type { TensorSpec } from './rules/types.js';
import { attrInt } from './shapes.js';

/** Nodes the unrolling may add to one model, and pieces one sequence may hold: past these a (possibly hostile) file
 *  would make the graph too large to be worth building, and the control flow is left to be refused. */
const MAX_UNROLLED_NODES = 100_000;
const MAX_PIECES = 4096;

/** Rewrites until nothing changes; returns how many Loops, Ifs and sequence ops were rewritten. */
export function foldStaticControlFlow(model: ModelProto): number {
  if (!model.graph.node.some((n) => CONTROL_OPS.has(n.opType) && isDefaultDomain(n))) return 0;
  let total = 0;
  const budget = { nodes: MAX_UNROLLED_NODES };
  for (let round = 0; round < 64; round++) {
    let changed = unrollLoops(model, budget);
    if (changed) foldIntegers(model);
    changed += foldSequences(model);
    changed += inlineIfs(model);
    total += changed;
    if (changed === 0) break;
  }
  return total;
}

const SEQUENCE_OPS = new Set(['SequenceEmpty', 'SequenceConstruct', 'SequenceInsert', 'SequenceAt', 'SequenceLength', 'SequenceErase', 'ConcatFromSequence', 'SplitToSequence']);
const CONTROL_OPS = new Set(['Loop', 'If', ...SEQUENCE_OPS]);

let counter = 0;
const fresh = (base: string) => `${base}#static${++counter}`;

function node(opType: string, input: string[], output: string[], attrs: Record<string, Parameters<typeof encodeAttr>[1]> = {}): NodeProto {
  return { opType, input, output, name: fresh(opType), attribute: Object.entries(attrs).map(([k, v]) => encodeAttr(k, v)), domain: '' };
}

function constant(out: string, spec: TensorSpec): NodeProto {
  return { opType: 'Constant', input: [], output: [out], name: fresh('Constant'), attribute: [{ name: 'value', type: 4, t: encodeTensor('value', spec) }], domain: '' };
}
const int64Scalar = (value: number, out = fresh('const')) => constant(out, { type: 'int64', dims: [], values: [BigInt(value)] });
const int64List = (values: number[], out = fresh('ints')) => constant(out, { type: 'int64', dims: [values.length], values: values.map(BigInt) });

const subgraph = (n: NodeProto, name: string) => n.attribute.find((a) => a.name === name)?.g as GraphProto | undefined;

/**
 * Integer (and bool) values computable from constants and static shapes: what Loop trip counts, If conditions and
 * sequence positions are made of in exported graphs. NaN stands for an element that is not known (a symbolic dim in
 * a Shape), so that x.shape[1] can be known while x.shape[0] is not; callers use only finite results.
 */
function evaluator(fg: ForwardGraph): (t: string) => number[] | undefined {
  const cache = new Map<string, number[] | undefined>();
  const ev = (t: string): number[] | undefined => {
    if (!t) return undefined;
    if (cache.has(t)) return cache.get(t);
    cache.set(t, undefined); // cycles cannot occur in a sorted graph, but a malformed one must not hang
    const v = compute(t);
    cache.set(t, v);
    return v;
  };
  const compute = (t: string): number[] | undefined => {
    const direct = fg.constInts(t);
    if (direct) return direct;
    const p = fg.producer.get(t);
    if (!p || !isDefaultDomain(p)) return undefined;
    const ins = p.input.map((i) => (i ? ev(i) : undefined));
    const a = ins[0];
    switch (p.opType) {
      case 'Constant': {
        const v = p.attribute.find((x) => x.name === 'value')?.t;
        if (v && v.dataType === DataType.BOOL) return Array.from(v.rawData ?? new Uint8Array(v.int32Data ?? []), Number);
        return undefined;
      }
      case 'Identity':
      case 'Cast':
      case 'Squeeze':
      case 'Unsqueeze':
      case 'Reshape':
        return a;
      case 'Gather': {
        const idx = ins[1];
        if (!a || !idx || attrInt(p, 'axis', 0) !== 0) return undefined;
        const out = idx.map((i) => a[i < 0 ? i + a.length : i]);
        return out.every((x) => x !== undefined) ? out : undefined;
      }
      case 'Concat':
        return ins.every((x) => x) ? (ins as number[][]).flat() : undefined;
      case 'Equal':
      case 'Add':
      case 'Sub':
      case 'Mul':
      case 'Less':
      case 'Greater': {
        const b = ins[1];
        if (!a || !b || (a.length !== b.length && a.length !== 1 && b.length !== 1)) return undefined;
        const n = Math.max(a.length, b.length);
        const f = { Equal: (x: number, y: number) => Number(x === y), Add: (x: number, y: number) => x + y, Sub: (x: number, y: number) => x - y, Mul: (x: number, y: number) => x * y, Less: (x: number, y: number) => Number(x < y), Greater: (x: number, y: number) => Number(x > y) }[p.opType]!;
        return Array.from({ length: n }, (_, i) => {
          const x = a[a.length === 1 ? 0 : i];
          const y = b[b.length === 1 ? 0 : i];
          return Number.isNaN(x) || Number.isNaN(y) ? NaN : f(x, y);
        });
      }
      case 'Not':
        return a?.map((x) => (Number.isNaN(x) ? NaN : Number(!x)));
      case 'Shape': {
        const d = fg.shapes.get(p.input[0])?.dims;
        if (!d || p.attribute.some((x) => x.name === 'start' || x.name === 'end')) return undefined;
        return d.map((x) => (typeof x === 'number' && x >= 0 ? x : NaN));
      }
      default:
        return undefined;
    }
  };
  return ev;
}

/**
 * Integer tensors the evaluator knows completely become Constants, so that the shape inference sees them (an unrolled
 * Loop's Slice bounds are Gathers from a list at the iteration number). Only small int64 results are folded.
 */
function foldIntegers(model: ModelProto): number {
  const fg = prepareGraph(model);
  const ev = evaluator(fg);
  let count = 0;
  model.graph.node = model.graph.node.map((n) => {
    if (n.opType === 'Constant' || n.output.length !== 1 || !FOLDABLE.has(n.opType) || !isDefaultDomain(n)) return n;
    const s = fg.shapes.get(n.output[0]);
    if (s?.elemType !== DataType.INT64 || !s.dims || s.dims.length > 1 || s.dims.some((d) => typeof d !== 'number')) return n;
    const v = ev(n.output[0]);
    if (!v || v.length > 64 || !v.every(Number.isFinite) || v.length !== (s.dims.length === 0 ? 1 : (s.dims[0] as number))) return n;
    count++;
    return constant(n.output[0], { type: 'int64', dims: s.dims as number[], values: v.map(BigInt) });
  });
  return count;
}

const FOLDABLE = new Set(['Gather', 'Concat', 'Add', 'Sub', 'Mul', 'Unsqueeze', 'Squeeze', 'Cast', 'Identity']);

/** Unrolls every Loop whose trip count is constant and whose condition stays true. */
function unrollLoops(model: ModelProto, budget: { nodes: number }): number {
  const g = model.graph;
  if (!g.node.some((n) => n.opType === 'Loop')) return 0;
  const fg = prepareGraph(model);
  const ev = evaluator(fg);
  let count = 0;
  const out: NodeProto[] = [];
  for (const n of g.node) {
    const unrolled = n.opType === 'Loop' && isDefaultDomain(n) ? unrollLoop(n, ev, budget) : undefined;
    if (!unrolled) {
      out.push(n);
      continue;
    }
    out.push(...unrolled);
    count++;
  }
  g.node = out;
  return count;
}

function unrollLoop(loop: NodeProto, ev: (t: string) => number[] | undefined, budget: { nodes: number }): NodeProto[] | undefined {
  const body = subgraph(loop, 'body');
  if (!body || body.node.some(hasSubgraph)) return undefined;
  const trips = loop.input[0] ? ev(loop.input[0]) : undefined;
  if (!trips || trips.length !== 1 || !(trips[0] >= 1)) return undefined;
  const cond = loop.input[1] ? ev(loop.input[1]) : [1];
  if (!cond || cond[0] !== 1) return undefined;
  // The body's condition output must be its condition input passed through (or a constant true).
  const [iterIn, condIn, ...carriedIn] = body.input.map((i) => i.name);
  const condOut = body.output[0]?.name;
  const condProducer = body.node.find((b) => b.output.includes(condOut));
  const passedOn = condProducer?.opType === 'Identity' ? condProducer.input[0] : condOut;
  const passes = passedOn === condIn || ev(passedOn)?.[0] === 1; // the input passed on, or an outer constant true
  if (!passes) return undefined;
  const M = trips[0];
  if (M * body.node.length > budget.nodes) return undefined;
  budget.nodes -= M * body.node.length;
  const nCarried = carriedIn.length;
  let carried = loop.input.slice(2);
  const scans: string[][] = body.output.slice(1 + nCarried).map(() => []);
  const nodes: NodeProto[] = [];
  const rank1 = body.input.slice(0, 2).map((v) => v.type?.tensorType?.shape?.dim?.length === 1);
  for (let i = 0; i < M; i++) {
    const rename = new Map<string, string>();
    // The iteration number and condition have the rank the body declares for them (onnxruntime feeds [1] to a
    // body that declares [1], as PyTorch's exports do).
    const iter = fresh(`${loop.name}/iter${i}`);
    nodes.push(constant(iter, { type: 'int64', dims: rank1[0] ? [1] : [], values: [BigInt(i)] }));
    rename.set(iterIn, iter);
    const c = fresh(`${loop.name}/cond${i}`);
    nodes.push(constant(c, { type: 'bool', dims: rank1[1] ? [1] : [], values: [true] }));
    rename.set(condIn, c);
    carriedIn.forEach((name, j) => rename.set(name, carried[j]));
    for (const b of body.node) {
      const outputs = b.output.map((o) => (o ? fresh(`${o}@${i}`) : o));
      b.output.forEach((o, k) => o && rename.set(o, outputs[k]));
      nodes.push({ ...b, name: fresh(b.name || b.opType), input: b.input.map((x) => rename.get(x) ?? x), output: outputs });
      // rename after reading inputs: a body node never reads its own output
    }
    const bodyOut = body.output.map((o) => rename.get(o.name) ?? o.name);
    carried = bodyOut.slice(1, 1 + nCarried);
    bodyOut.slice(1 + nCarried).forEach((s, k) => scans[k].push(s));
  }
  // Loop outputs: the final carried values, then each scan output stacked along a new first axis.
  loop.output.slice(0, nCarried).forEach((o, j) => o && nodes.push(node('Identity', [carried[j]], [o])));
  loop.output.slice(nCarried).forEach((o, k) => o && nodes.push(...stack(scans[k], 0, o)));
  return nodes;
}

/** Tensors of one shape stacked along a new axis into `out` (Unsqueeze each, Concat). */
function stack(tensors: string[], axis: number, out: string): NodeProto[] {
  const axes = fresh('axes');
  const nodes = [int64List([axis], axes)];
  const rows = tensors.map((t) => {
    const r = fresh(`${t}/unsqueezed`);
    nodes.push(node('Unsqueeze', [t, axes], [r]));
    return r;
  });
  nodes.push(node('Concat', rows, [out], { axis }));
  return nodes;
}

/** Replaces sequences whose contents are known by the tensors they hold. */
function foldSequences(model: ModelProto): number {
  const g = model.graph;
  if (!g.node.some((n) => SEQUENCE_OPS.has(n.opType))) return 0;
  const fg = prepareGraph(model);
  const ev = evaluator(fg);
  const seqs = new Map<string, string[]>();
  const replaced = new Set<NodeProto>();
  const added = new Map<NodeProto, NodeProto[]>();
  const position = (t: string | undefined, length: number, insert: boolean): number | undefined => {
    if (!t) return insert ? length : length - 1;
    const v = ev(t);
    if (!v || v.length !== 1 || !Number.isFinite(v[0])) return undefined;
    const p = v[0] < 0 ? v[0] + length : v[0];
    return p >= 0 && p <= (insert ? length : length - 1) ? p : undefined;
  };
  for (const n of fg.nodes) {
    if (!isDefaultDomain(n)) continue;
    const seq = seqs.get(n.input[0]);
    let out: string[] | undefined;
    const emit = (...ns: NodeProto[]) => {
      replaced.add(n);
      added.set(n, ns);
    };
    switch (n.opType) {
      case 'SequenceEmpty':
        out = [];
        break;
      case 'SequenceConstruct':
        out = n.input.slice();
        break;
      case 'Identity':
        if (seq) out = seq;
        break;
      case 'SequenceInsert': {
        const p = seq && position(n.input[2], seq.length, true);
        if (seq && p !== undefined) out = [...seq.slice(0, p), n.input[1], ...seq.slice(p)];
        break;
      }
      case 'SequenceErase': {
        const p = seq && position(n.input[1], seq.length, false);
        if (seq && p !== undefined) out = [...seq.slice(0, p), ...seq.slice(p + 1)];
        break;
      }
      case 'SequenceAt': {
        const p = seq && position(n.input[1], seq.length, false);
        if (seq && p !== undefined) emit(node('Identity', [seq[p]], [n.output[0]]));
        break;
      }
      case 'SequenceLength':
        if (seq) emit(int64Scalar(seq.length, n.output[0]));
        break;
      case 'ConcatFromSequence': {
        if (!seq || seq.length === 0) break;
        const axis = attrInt(n, 'axis', 0);
        emit(...(attrInt(n, 'new_axis', 0) === 1 ? stack(seq, axis, n.output[0]) : [node('Concat', seq, [n.output[0]], { axis })]));
        break;
      }
      case 'SplitToSequence': {
        const folded = splitToSequence(n, fg, ev);
        if (folded) {
          out = folded.pieces;
          added.set(n, folded.nodes);
        }
        break;
      }
      default:
        break;
    }
    if (out) {
      seqs.set(n.output[0], out);
      replaced.add(n);
      if (!added.has(n)) added.set(n, []);
    }
  }
  if (replaced.size === 0) return 0;
  // A folded sequence op is dropped only when nothing left reads its output as a sequence.
  const readers = new Set(g.node.filter((n) => !replaced.has(n)).flatMap((n) => n.input));
  const graphOutputs = new Set(g.output.map((o) => o.name));
  let count = 0;
  g.node = g.node.flatMap((n) => {
    if (!replaced.has(n)) return [n];
    const stillRead = seqs.has(n.output[0]) && (readers.has(n.output[0]) || graphOutputs.has(n.output[0]));
    if (stillRead) return [n, ...(added.get(n) ?? [])];
    count++;
    return added.get(n) ?? [];
  });
  return count;
}

/** SplitToSequence with static sizes: a Split (and Squeezes without keepdims) whose outputs are the pieces. */
function splitToSequence(n: NodeProto, fg: ForwardGraph, ev: (t: string) => number[] | undefined): { pieces: string[]; nodes: NodeProto[] } | undefined {
  const dims = fg.shapes.get(n.input[0])?.dims;
  const axis0 = attrInt(n, 'axis', 0);
  if (!dims) return undefined;
  const axis = axis0 < 0 ? axis0 + dims.length : axis0;
  const size = dims[axis];
  if (typeof size !== 'number' || size < 0) return undefined;
  const keepdims = attrInt(n, 'keepdims', 1) === 1;
  let sizes: number[];
  let squeeze = false;
  if (!n.input[1]) {
    if (size > MAX_PIECES) return undefined;
    sizes = Array.from({ length: size }, () => 1);
    squeeze = !keepdims;
  } else {
    const s = ev(n.input[1]);
    if (!s || !s.every(Number.isFinite)) return undefined;
    const scalar = fg.shapes.get(n.input[1])?.dims?.length === 0;
    if (scalar) {
      if (!(s[0] >= 1) || size / s[0] > MAX_PIECES) return undefined;
      sizes = [];
      for (let left = size; left > 0; left -= s[0]) sizes.push(Math.min(s[0], left));
    } else sizes = s;
  }
  if (sizes.reduce((a, b) => a + b, 0) !== size || sizes.some((x) => x <= 0)) return undefined;
  const nodes: NodeProto[] = [];
  const splitT = fresh('split');
  nodes.push(int64List(sizes, splitT));
  const parts = sizes.map(() => fresh(`${n.output[0]}/piece`));
  nodes.push(node('Split', [n.input[0], splitT], parts, { axis }));
  if (!squeeze) return { pieces: parts, nodes };
  const axes = fresh('axes');
  nodes.push(int64List([axis], axes));
  const pieces = parts.map((p) => {
    const q = fresh(`${p}/squeezed`);
    nodes.push(node('Squeeze', [p, axes], [q]));
    return q;
  });
  return { pieces, nodes };
}

/** Replaces every If whose condition is a constant by the nodes of its taken branch. */
function inlineIfs(model: ModelProto): number {
  const g = model.graph;
  if (!g.node.some((n) => n.opType === 'If')) return 0;
  const ev = evaluator(prepareGraph(model));
  let count = 0;
  g.node = g.node.flatMap((n) => {
    if (n.opType !== 'If' || !isDefaultDomain(n)) return [n];
    const c = ev(n.input[0]);
    if (!c || c.length !== 1 || !Number.isFinite(c[0])) return [n];
    const branch = subgraph(n, c[0] ? 'then_branch' : 'else_branch');
    if (!branch) return [n];
    count++;
    // Names inside a subgraph are unique in the whole model (ONNX's SSA rule), so the branch's nodes move as they are.
    return [...branch.node, ...n.output.map((o, k) => node('Identity', [branch.output[k].name], [o]))];
  });
  return count;
}
