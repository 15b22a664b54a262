// Models exported for deployment often end in a softmax (nn.Softmax(dim=1) appended to the classifier). PyTorch never
// trains cross-entropy on those probabilities: nn.CrossEntropyLoss is taken on the logits before the softmax, and
// nn.NLLLoss(torch.log(p)) is the same function of the logits. Cross-entropy read literally from the probabilities
// (log_softmax of a softmax) is another, much flatter loss: a wrong number without a word. So cross-entropy on an
// output that is a softmax over its class axis is taken on the softmax's input, as binary cross-entropy on a
// Sigmoid output is (loss.ts).
//
// The softmax is recognised in the forms exporters write it: the opset-13 op over one axis; opset 11/12's coerced op
// as opset-upgrade.ts rewrites it (Flatten at k, the op over axis 1, Reshape back to Shape(x): normalised over k..r-1);
// and PyTorch's opset-11 export of softmax over a non-last dim, which moves that dim last between two Transposes.
// Hand-written softmaxes (Exp / ReduceSum / Div) are not recognised; the note in the README says so.
import type { ForwardGraph } from './graph.js';
import type { NodeProto } from './proto-types.js';
import { isDefaultDomain } from './proto-types.js';
import { attrInt, attrInts } from './shapes.js';

interface Normalised {
  /** The tensor the softmax is taken of. */
  input: string;
  /** The axes it normalises over, in the coordinates of the tensor examined (which has the input's shape). */
  axes: number[];
}

// Deliberately not a type guard: a false result must not narrow a NodeProto to never.
const isOp = (n: NodeProto | undefined, op: string): boolean => n !== undefined && n.opType === op && isDefaultDomain(n);

function rankOf(fg: ForwardGraph, name: string): number | undefined {
  return fg.shapes.get(name)?.dims?.length;
}

const norm = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** The softmax `name` is, if it is one in a form above. */
function softmaxOf(fg: ForwardGraph, name: string, depth = 0): Normalised | undefined {
  const n = fg.producer.get(name);
  if (depth > 2 || !n) return undefined;
  if (isOp(n, 'Softmax')) {
    const r = rankOf(fg, n.input[0]);
    return r === undefined ? undefined : { input: n.input[0], axes: [norm(attrInt(n, 'axis', -1), r)] };
  }
  if (isOp(n, 'Reshape')) {
    const sm = fg.producer.get(n.input[0]);
    const flat = sm && fg.producer.get(sm.input[0]);
    const shape = fg.producer.get(n.input[1]);
    if (!sm || !flat || !shape || !isOp(sm, 'Softmax') || !isOp(flat, 'Flatten') || !isOp(shape, 'Shape') || shape.input[0] !== flat.input[0]) return undefined;
    if (shape.attribute.some((a) => a.name === 'start' || a.name === 'end')) return undefined;
    const x = flat.input[0];
    const r = rankOf(fg, x);
    if (r === undefined || norm(attrInt(sm, 'axis', -1), 2) !== 1) return undefined;
    const k = norm(attrInt(flat, 'axis', 1), r);
    return { input: x, axes: Array.from({ length: r - k }, (_, i) => k + i) };
  }
  if (isOp(n, 'Transpose')) {
    const inner = softmaxOf(fg, n.input[0], depth + 1);
    if (!inner) return undefined;
    const before = fg.producer.get(inner.input);
    if (!before || !isOp(before, 'Transpose')) return undefined;
    const perm = attrInts(n, 'perm');
    const back = attrInts(before, 'perm');
    if (!perm || !back || perm.length !== back.length || perm.some((p, i) => back[p] !== i)) return undefined;
    // The output's axis i is the inner softmax's axis perm[i], which is the original input's axis i again.
    return { input: before.input[0], axes: perm.flatMap((p, i) => (inner.axes.includes(p) ? [i] : [])) };
  }
  return undefined;
}

/**
 * The logits behind output `name` when it is a softmax over the class axis `axis` (other normalised axes of static
 * size 1 do not change it), else undefined.
 */
export function softmaxLogits(fg: ForwardGraph, name: string, axis: number): string | undefined {
  const found = softmaxOf(fg, name);
  const dims = fg.shapes.get(name)?.dims;
  if (!found || !dims) return undefined;
  const a = norm(axis, dims.length);
  const others = found.axes.filter((x) => x !== a);
  return found.axes.includes(a) && others.every((x) => dims[x] === 1) ? found.input : undefined;
}
