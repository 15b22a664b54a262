// Forward-graph rewrites applied before the gradient is built, for speed only (the function computed is the same).
//
// Conv -> BatchNormalization (inference mode) becomes one Conv whose weights and bias are computed from the
// parameters in the graph: W' = W * s, b' = beta + s * (b - mean) with s = scale / sqrt(var + eps) per output
// channel. onnxruntime does this fusion itself on the plain model, where W and scale are constants, but not in the
// gradient model, where they are graph inputs. Folding it here removes, per Conv+BN pair, the BN pass over the
// activations and, in the backward pass, the full-size Sub/Mul/ReduceSum of the BN vjp: what is left per pair is
// a few per-channel ops on [M] and [M, C, k...] tensors and one full-size Mul-free Conv. The running statistics are
// constants (not parameters), so 1/sqrt(var + eps) and the mean are baked into Constant nodes from their values in
// the model, exactly as the BN vjp reads the fixed statistics. Measured on resnet8 (bench/gradient.ts, same run):
// see README, Performance.
import { AttrType, DataType, isDefaultDomain, type ModelProto, type NodeProto, type TensorProto } from './proto-types.js';
import { tensorToFloat64 } from './tensor-codec.js';
import { encodeTensor } from './emitter.js';
import { nodeReads } from './graph.js';

function attrNum(n: NodeProto, name: string, fallback: number): number {
  const a = n.attribute.find((x) => x.name === name);
  if (!a) return fallback;
  if (a.type === AttrType.FLOAT || a.f !== undefined) return a.f ?? fallback;
  if (a.type === AttrType.INT || a.i !== undefined) return Number(a.i ?? fallback);
  return fallback;
}

/**
 * Folds the eligible Conv -> BatchNormalization pairs in place; returns the number of pairs folded. `pays`, when
 * given, decides per pair from the Conv's output name and its weight dims (src/onnx/rewrite-pays.ts); by default
 * every eligible pair is folded.
 */
export function foldConvBatchNorm(model: ModelProto, pays?: (convOutput: string, weightDims: number[]) => boolean): number {
  const g = model.graph;
  const inits = new Map<string, TensorProto>(g.initializer.map((t) => [t.name ?? '', t]));
  const graphInputs = new Set(g.input.map((i) => i.name));
  const graphOutputs = new Set(g.output.map((o) => o.name));
  const readers = new Map<string, number>();
  const names = new Set<string>();
  for (const n of g.node) {
    // (reads inside If/Loop bodies count too)
    for (const t of nodeReads(n)) readers.set(t, (readers.get(t) ?? 0) + 1);
    for (const t of [...n.input, ...n.output]) names.add(t);
    names.add(n.name);
  }
  for (const t of inits.keys()) names.add(t);
  const fresh = (base: string) => {
    let s = base;
    for (let i = 1; names.has(s); i++) s = `${base}_${i}`;
    names.add(s);
    return s;
  };
  const producer = new Map<string, NodeProto>();
  for (const n of g.node) for (const o of n.output) if (o) producer.set(o, n);
  // a constant initializer: not overridable as a graph input
  const constValues = (t: string | undefined): Float64Array | undefined => {
    const init = t ? inits.get(t) : undefined;
    return init && !graphInputs.has(t!) ? tensorToFloat64(init) : undefined;
  };

  const drop = new Set<NodeProto>();
  const before = new Map<NodeProto, NodeProto[]>();
  let folded = 0;
  for (const bn of g.node) {
    if (bn.opType !== 'BatchNormalization' || !isDefaultDomain(bn) || attrNum(bn, 'training_mode', 0) !== 0) continue;
    if (bn.output.slice(1).some((o) => o)) continue;
    const [y, scale, beta, meanName, varName] = bn.input;
    const conv = producer.get(y);
    if (!conv || conv.opType !== 'Conv' || !isDefaultDomain(conv) || drop.has(conv) || readers.get(y) !== 1 || graphOutputs.has(y)) continue;
    const [x, w, b] = conv.input;
    const wInit = inits.get(w);
    const mean = constValues(meanName);
    const variance = constValues(varName);
    if (!wInit || !mean || !variance || !scale || !beta) continue;
    const dtype = wInit.dataType;
    if (dtype !== DataType.FLOAT && dtype !== DataType.DOUBLE) continue;
    const wd = wInit.dims.map(Number);
    const m = wd[0];
    if (mean.length !== m || variance.length !== m) continue;
    if (pays && !pays(y, wd)) continue;
    const eps = attrNum(bn, 'epsilon', 1e-5);
    const type = dtype === DataType.DOUBLE ? 'double' : 'float';
    const tag = bn.name || bn.output[0];
    const constant = (base: string, dims: number[], values: number[] | Float64Array, kind: 'float' | 'double' | 'int64' = type): [string, NodeProto] => {
      const out = fresh(`${tag}/fold_${base}`);
      const t = encodeTensor('', { type: kind, dims, values: Array.from(values) });
      return [out, { input: [], output: [out], name: fresh(`${tag}/fold_${base}_node`), opType: 'Constant', attribute: [{ name: 'value', type: AttrType.TENSOR, t }] }];
    };
    const node = (op: string, inputs: string[], base: string): [string, NodeProto] => {
      const out = fresh(`${tag}/fold_${base}`);
      return [out, { input: inputs, output: [out], name: fresh(`${tag}/fold_${base}_node`), opType: op, attribute: [] }];
    };
    const pre: NodeProto[] = [];
    const add = ([t, n]: [string, NodeProto]) => (pre.push(n), t);
    const invstd = add(constant('invstd', [m], Array.from(variance, (v) => 1 / Math.sqrt(v + eps))));
    const s = add(node('Mul', [scale, invstd], 's')); // [M]
    const sCol = add(node('Reshape', [s, add(constant('shape', [wd.length], [m, ...wd.slice(1).map(() => 1)], 'int64'))], 's_col'));
    const w2 = add(node('Mul', [w, sCol], 'weight'));
    const shift = b ? add(node('Sub', [b, add(constant('mean', [m], mean))], 'shift')) : add(constant('negmean', [m], Array.from(mean, (v) => -v)));
    const b2 = add(node('Add', [beta, add(node('Mul', [s, shift], 'scaled_shift'))], 'bias'));
    before.set(conv, pre);
    conv.input = [x, w2, b2];
    conv.output = [bn.output[0]];
    drop.add(bn);
    folded++;
  }
  if (folded) g.node = g.node.flatMap((n) => (drop.has(n) ? [] : [...(before.get(n) ?? []), n]));
  return folded;
}
