// A small static type and shape inference over ONNX nodes: element types for every op (the builder needs them to
// stop gradients at integer and bool tensors), ranks and dims for the ops PyTorch exports commonly (the builder needs
// them to decide broadcast axes statically). Dims are numbers when known and strings when symbolic: two tensors with
// the same symbol have the same extent ("batch"), which lets unbroadcast stay static on dynamic-batch models.
// Anything not inferred stays unknown, and the consumers fall back to dynamic shape computations.
import type { ElemType, TensorInfo } from './rules/types.js';
import { DataType, tensorToInts, type AttributeProto, type NodeProto, type TensorProto, type ValueInfoProto } from './load.js';

export type Dim = number | string;

export interface ShapeInfo {
  /** ONNX TensorProto.DataType, 0 when unknown. */
  elemType: number;
  /** undefined when the rank is unknown. */
  dims?: Dim[];
}

let symbolCounter = 0;
export function freshSymbol(): string {
  return `?${++symbolCounter}`;
}

export function elemTypeName(t: number): ElemType | undefined {
  switch (t) {
    case DataType.FLOAT:
      return 'float';
    case DataType.DOUBLE:
      return 'double';
    case DataType.INT64:
      return 'int64';
    case DataType.INT32:
      return 'int32';
    case DataType.BOOL:
      return 'bool';
    default:
      return undefined;
  }
}

export function elemTypeCode(t: ElemType): number {
  return { float: DataType.FLOAT, double: DataType.DOUBLE, int64: DataType.INT64, int32: DataType.INT32, bool: DataType.BOOL }[t];
}

export function toTensorInfo(s: ShapeInfo | undefined): TensorInfo {
  if (!s) return {};
  const out: TensorInfo = {};
  const e = elemTypeName(s.elemType);
  if (e) out.elemType = e;
  if (s.dims) {
    out.rank = s.dims.length;
    out.dims = s.dims.map((d) => (typeof d === 'number' ? d : -1));
  }
  return out;
}

export function fromValueInfo(v: ValueInfoProto): ShapeInfo | undefined {
  const tt = v.type?.tensorType;
  if (!tt) return undefined;
  const info: ShapeInfo = { elemType: tt.elemType ?? 0 };
  if (tt.shape) {
    info.dims = (tt.shape.dim ?? []).map((d) =>
      d.dimValue !== undefined && d.dimValue !== null ? Number(d.dimValue) : d.dimParam ? `sym:${d.dimParam}` : freshSymbol(),
    );
  }
  return info;
}

export function fromTensor(t: TensorProto): ShapeInfo {
  return { elemType: t.dataType, dims: t.dims.map(Number) };
}

function attr(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((a) => a.name === name);
}
export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a?.i !== undefined ? Number(a.i) : fallback;
}
export function attrInts(node: NodeProto, name: string): number[] | undefined {
  const a = attr(node, name);
  return a?.ints ? a.ints.map(Number) : undefined;
}

const BOOL_OUT = new Set(['Equal', 'Greater', 'GreaterOrEqual', 'Less', 'LessOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf']);
const INT64_OUT = new Set(['Shape', 'Size', 'ArgMax', 'ArgMin', 'NonZero', 'NonMaxSuppression']);
const UNARY_SAME = new Set([
  'Identity', 'Relu', 'LeakyRelu', 'Elu', 'Selu', 'Celu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Softplus',
  'Softsign', 'Erf', 'Gelu', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Neg', 'Abs', 'Sign', 'Floor', 'Ceil', 'Round', 'Sin',
  'Cos', 'Softmax', 'LogSoftmax', 'Clip', 'Dropout', 'LRN', 'InstanceNormalization', 'BatchNormalization',
  'LayerNormalization', 'Mish', 'ThresholdedRelu', 'PRelu', 'Trilu', 'CumSum', 'Not', 'IsNaN', 'IsInf', 'Shrink',
  'Tan', 'Atan', 'Sinh', 'Cosh', 'Asin', 'Acos', 'Asinh', 'Acosh', 'Atanh', 'GroupNormalization', 'MeanVarianceNormalization',
]);
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Equal', 'Greater',
  'GreaterOrEqual', 'Less', 'LessOrEqual', 'And', 'Or', 'Xor', 'Mod', 'PRelu', 'BitShift']);
const REDUCE = new Set(['ReduceSum', 'ReduceMean', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2',
  'ReduceLogSum', 'ReduceLogSumExp', 'ReduceSumSquare', 'ArgMax', 'ArgMin']);

export function broadcastDims(shapes: (Dim[] | undefined)[]): Dim[] | undefined {
  if (shapes.some((s) => !s)) return undefined;
  const rank = Math.max(...shapes.map((s) => s!.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const k = i - (rank - s!.length);
      if (k < 0) continue;
      const e = s![k];
      if (e === 1) continue;
      if (d === 1) d = e;
      else if (d !== e) {
        if (typeof d === 'number' && typeof e === 'number') d = Math.max(d, e);
        else if (typeof d === 'string' && typeof e === 'number') d = e;
        else if (typeof d === 'string' && typeof e === 'string') d = freshSymbol();
      }
    }
    out.push(d);
  }
  return out;
}

function normAxis(a: number, rank: number): number {
  return a < 0 ? a + rank : a;
}

/**
 * Infers the output infos of `node`. `get` returns what is known about a tensor; `constInts` its value when it is a
 * small constant int tensor (initializer or Constant).
 */
export function inferNode(
  node: NodeProto,
  get: (name: string) => ShapeInfo | undefined,
  constInts: (name: string) => number[] | undefined,
  opset: number,
): (ShapeInfo | undefined)[] {
  const op = node.opType;
  if (node.domain && node.domain !== 'ai.onnx') return node.output.map(() => undefined);
  const ins = node.input.map((n) => (n ? get(n) : undefined));
  const x = ins[0];
  const et = x?.elemType ?? 0;
  const dims0 = x?.dims;
  const one = (info: ShapeInfo | undefined): (ShapeInfo | undefined)[] => [info, ...node.output.slice(1).map(() => undefined)];

  if (op === 'Constant') {
    const v = attr(node, 'value');
    if (v?.t) return [fromTensor(v.t)];
    if (attr(node, 'value_float')) return [{ elemType: DataType.FLOAT, dims: [] }];
    if (attr(node, 'value_floats')) return [{ elemType: DataType.FLOAT, dims: [attr(node, 'value_floats')!.floats!.length] }];
    if (attr(node, 'value_int')) return [{ elemType: DataType.INT64, dims: [] }];
    if (attr(node, 'value_ints')) return [{ elemType: DataType.INT64, dims: [attr(node, 'value_ints')!.ints!.length] }];
    return [undefined];
  }
  // Control flow and sequences: their outputs do not take the first input's type (If's is a bool condition). A wrong
  // type there once cut the loss's reach short and silently left out the parameters before an If.
  if (op === 'If' || op === 'Loop' || op === 'Scan') return controlFlowTypes(node);
  if (op === 'SequenceLength') return [{ elemType: DataType.INT64, dims: [] }];
  if (op.startsWith('Sequence') || op === 'SplitToSequence' || op === 'ConcatFromSequence' || op.startsWith('Optional')) return node.output.map(() => undefined);
  if (op === 'Shape') {
    let r = dims0?.length;
    if (r !== undefined) {
      const start = normAxis(attrInt(node, 'start', 0), r);
      const end = attr(node, 'end') ? normAxis(attrInt(node, 'end', r), r) : r;
      r = Math.max(0, Math.min(r, end) - Math.max(0, start));
    }
    return [{ elemType: DataType.INT64, dims: r === undefined ? [freshSymbol()] : [r] }];
  }
  if (op === 'Size') return [{ elemType: DataType.INT64, dims: [] }];
  if (BOOL_OUT.has(op)) {
    return [{ elemType: DataType.BOOL, dims: op === 'Not' || op === 'IsNaN' || op === 'IsInf' ? dims0 : broadcastDims(ins.map((i) => i?.dims)) }];
  }
  if (op === 'Cast') return [{ elemType: attrInt(node, 'to', 0), dims: dims0 }];
  if (op === 'CastLike') return [{ elemType: ins[1]?.elemType ?? 0, dims: dims0 }];
  if (op === 'ConstantOfShape') {
    const v = attr(node, 'value');
    const shape = constInts(node.input[0]);
    return [{ elemType: v?.t ? v.t.dataType : DataType.FLOAT, dims: shape ?? (ins[0]?.dims?.length === 1 && typeof ins[0].dims[0] === 'number' ? Array.from({ length: ins[0].dims[0] }, freshSymbol) : undefined) }];
  }
  if (op === 'Range') return [{ elemType: et, dims: [freshSymbol()] }];
  if (op === 'NonZero') return [{ elemType: DataType.INT64, dims: dims0 ? [dims0.length, freshSymbol()] : undefined }];
  if (INT64_OUT.has(op) && !REDUCE.has(op)) return one({ elemType: DataType.INT64 });
  if (op === 'Where') return [{ elemType: ins[1]?.elemType ?? ins[2]?.elemType ?? 0, dims: broadcastDims(ins.map((i) => i?.dims)) }];
  if (op === 'Dropout') return [{ elemType: et, dims: dims0 }, { elemType: DataType.BOOL, dims: dims0 }];
  if (op === 'BatchNormalization') return [{ elemType: et, dims: dims0 }, ...node.output.slice(1).map(() => undefined)];
  if (op === 'LayerNormalization') {
    return [{ elemType: et, dims: dims0 }, ...node.output.slice(1).map(() => ({ elemType: attrInt(node, 'stash_type', 1) }))];
  }
  if (op === 'MaxPool') {
    const y = poolDims(node, dims0, opset);
    return [{ elemType: et, dims: y }, { elemType: DataType.INT64, dims: y }].slice(0, node.output.length);
  }
  if (UNARY_SAME.has(op)) return one({ elemType: et, dims: dims0 });
  if (BROADCAST.has(op)) return [{ elemType: et || (ins[1]?.elemType ?? 0), dims: broadcastDims(ins.map((i) => i?.dims)) }];
  if (op === 'Gemm') {
    const a = ins[0]?.dims, b = ins[1]?.dims;
    const ta = attrInt(node, 'transA', 0), tb = attrInt(node, 'transB', 0);
    if (a?.length === 2 && b?.length === 2) return [{ elemType: et, dims: [ta ? a[1] : a[0], tb ? b[0] : b[1]] }];
    return [{ elemType: et, dims: [freshSymbol(), freshSymbol()] }];
  }
  if (op === 'MatMul') {
    const a = ins[0]?.dims, b = ins[1]?.dims;
    if (!a || !b) return [{ elemType: et }];
    const a2 = a.length === 1 ? [1, a[0]] : a;
    const b2 = b.length === 1 ? [b[0], 1] : b;
    const batch = broadcastDims([a2.slice(0, -2), b2.slice(0, -2)]) ?? [];
    const out: Dim[] = [...batch, a2[a2.length - 2], b2[b2.length - 1]];
    if (a.length === 1) out.splice(out.length - 2, 1);
    if (b.length === 1) out.splice(out.length - 1, 1);
    return [{ elemType: et, dims: out }];
  }
  if (op === 'Conv' || op === 'AveragePool' || op === 'LpPool') {
    let y = poolDims(node, dims0, opset);
    if (op === 'Conv' && y) {
      const w = ins[1]?.dims;
      y = [...y];
      y[1] = w ? w[0] : freshSymbol();
      const ks = attrInts(node, 'kernel_shape') ?? w?.slice(2).map((d) => (typeof d === 'number' ? d : -1));
      if (!ks || ks.some((k) => k < 0)) y = y.map((d, i) => (i < 2 ? d : freshSymbol()));
      else y = convDims(node, dims0!, ks).map((d, i) => (i === 1 ? y![1] : d));
    }
    return [{ elemType: et, dims: y }];
  }
  if (op === 'GlobalAveragePool' || op === 'GlobalMaxPool') return [{ elemType: et, dims: dims0 ? dims0.map((d, i) => (i < 2 ? d : 1)) : undefined }];
  if (op === 'Flatten') {
    if (!dims0) return [{ elemType: et, dims: [freshSymbol(), freshSymbol()] }];
    const ax = normAxis(attrInt(node, 'axis', 1), dims0.length);
    return [{ elemType: et, dims: [prod(dims0.slice(0, ax)), prod(dims0.slice(ax))] }];
  }
  if (op === 'Reshape') {
    const shape = constInts(node.input[1]);
    if (!shape) {
      const r = ins[1]?.dims?.[0];
      return [{ elemType: et, dims: typeof r === 'number' ? Array.from({ length: r }, freshSymbol) : undefined }];
    }
    const allowZero = attrInt(node, 'allowzero', 0);
    const out: Dim[] = shape.map((s, i) => (s === 0 && !allowZero ? (dims0?.[i] ?? freshSymbol()) : s));
    const neg = out.indexOf(-1);
    if (neg >= 0) {
      const known = out.filter((d, i) => i !== neg);
      if (dims0 && dims0.every((d) => typeof d === 'number') && known.every((d) => typeof d === 'number')) {
        out[neg] = (prod(dims0) as number) / (known as number[]).reduce((a, b) => a * b, 1);
      } else if (dims0 && cancels(dims0, known)) {
        // -1 is the input's product over the known output dims. Symbols cancel against the same symbols of the input
        // (an RNN's [T, B, D, H] reshaped to [0, 0, -1] keeps T and B and gives D·H); one symbol left over with equal
        // static products is that symbol ([batch, ...static] to [-1, static...]).
        const symbolic = dims0.filter((d): d is string => typeof d === 'string');
        for (const d of known) if (typeof d === 'string') symbolic.splice(symbolic.indexOf(d), 1);
        const staticIn = (dims0.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
        const staticOut = (known.filter((d) => typeof d === 'number') as number[]).reduce((a, b) => a * b, 1);
        if (symbolic.length === 0 && staticOut > 0 && staticIn % staticOut === 0) out[neg] = staticIn / staticOut;
        else out[neg] = symbolic.length === 1 && staticIn === staticOut ? symbolic[0] : freshSymbol();
      } else out[neg] = freshSymbol();
    }
    return [{ elemType: et, dims: out }];
  }
  if (op === 'Transpose') {
    if (!dims0) return [{ elemType: et }];
    const perm = attrInts(node, 'perm') ?? dims0.map((_, i) => dims0.length - 1 - i);
    return [{ elemType: et, dims: perm.map((p) => dims0[p]) }];
  }
  if (op === 'Squeeze' || op === 'Unsqueeze') {
    const axes = node.input[1] ? constInts(node.input[1]) : attrInts(node, 'axes');
    if (!dims0 || (op === 'Unsqueeze' && !axes)) return [{ elemType: et }];
    if (op === 'Squeeze') {
      if (!axes) {
        if (dims0.some((d) => typeof d !== 'number')) return [{ elemType: et }];
        return [{ elemType: et, dims: dims0.filter((d) => d !== 1) }];
      }
      const ax = axes.map((a) => normAxis(a, dims0.length));
      return [{ elemType: et, dims: dims0.filter((_, i) => !ax.includes(i)) }];
    }
    const r = dims0.length + axes!.length;
    const ax = axes!.map((a) => normAxis(a, r));
    const out: Dim[] = [];
    let k = 0;
    for (let i = 0; i < r; i++) out.push(ax.includes(i) ? 1 : dims0[k++]);
    return [{ elemType: et, dims: out }];
  }
  if (op === 'Concat') {
    const ds = ins.map((i) => i?.dims);
    if (ds.some((d) => !d)) return [{ elemType: et, dims: ds.find((d) => d) ? ds.find((d) => d)!.map(freshSymbol) : undefined }];
    const r = ds[0]!.length;
    const ax = normAxis(attrInt(node, 'axis', 0), r);
    const out = [...ds[0]!];
    const parts = ds.map((d) => d![ax]);
    out[ax] = parts.every((p) => typeof p === 'number') ? (parts as number[]).reduce((a, b) => a + b, 0) : freshSymbol();
    return [{ elemType: et, dims: out }];
  }
  if (op === 'Split') {
    if (!dims0) return node.output.map(() => ({ elemType: et }));
    const ax = normAxis(attrInt(node, 'axis', 0), dims0.length);
    const sizes = (node.input[1] ? constInts(node.input[1]) : attrInts(node, 'split')) ??
      (typeof dims0[ax] === 'number' && (dims0[ax] as number) % node.output.length === 0
        ? node.output.map(() => (dims0[ax] as number) / node.output.length)
        : undefined);
    return node.output.map((_, k) => ({ elemType: et, dims: dims0.map((d, i) => (i === ax ? (sizes ? sizes[k] : freshSymbol()) : d)) }));
  }
  if (op === 'Gather') {
    const idx = ins[1]?.dims;
    if (!dims0 || !idx) return [{ elemType: et }];
    const ax = normAxis(attrInt(node, 'axis', 0), dims0.length);
    return [{ elemType: et, dims: [...dims0.slice(0, ax), ...idx, ...dims0.slice(ax + 1)] }];
  }
  if (op === 'GatherElements') return [{ elemType: et, dims: ins[1]?.dims }];
  if (REDUCE.has(op)) {
    const outType = op === 'ArgMax' || op === 'ArgMin' ? DataType.INT64 : et;
    if (!dims0) return [{ elemType: outType }];
    const keep = attrInt(node, 'keepdims', 1);
    const axesFromInput = op !== 'ArgMax' && op !== 'ArgMin' && (op === 'ReduceSum' ? opset >= 13 : opset >= 18);
    let axes: number[] | undefined;
    if (op === 'ArgMax' || op === 'ArgMin') axes = [attrInt(node, 'axis', 0)];
    else if (axesFromInput) axes = node.input[1] ? constInts(node.input[1]) : [];
    else axes = attrInts(node, 'axes') ?? [];
    if (axes === undefined) return [{ elemType: outType }];
    if (axes.length === 0) {
      if (attrInt(node, 'noop_with_empty_axes', 0)) return [{ elemType: outType, dims: dims0 }];
      axes = dims0.map((_, i) => i);
    }
    const ax = axes.map((a) => normAxis(a, dims0.length));
    const out: Dim[] = [];
    dims0.forEach((d, i) => {
      if (!ax.includes(i)) out.push(d);
      else if (keep) out.push(1);
    });
    return [{ elemType: outType, dims: out }];
  }
  if (op === 'Expand') {
    const shape = constInts(node.input[1]);
    if (shape && dims0) return [{ elemType: et, dims: broadcastDims([dims0, shape]) }];
    const r = ins[1]?.dims?.[0];
    return [{ elemType: et, dims: typeof r === 'number' && dims0 ? Array.from({ length: Math.max(r, dims0.length) }, freshSymbol) : undefined }];
  }
  if (op === 'Pad' && dims0) {
    // Constant pads (input 1; optional axes from opset 18): exact sizes, which rules use for shape-specialised forms
    // (PyTorch writes AvgPool2d as a Pad and an AveragePool).
    const pads = node.input[1] ? constInts(node.input[1]) : undefined;
    const axes = node.input[3] ? constInts(node.input[3])?.map((a) => normAxis(a, dims0.length)) : dims0.map((_, i) => i);
    if (pads && axes && pads.length === 2 * axes.length) {
      const out = dims0.slice();
      axes.forEach((ax, k) => {
        const add = pads[k] + pads[k + axes.length];
        if (add !== 0) out[ax] = typeof out[ax] === 'number' && (out[ax] as number) >= 0 ? (out[ax] as number) + add : freshSymbol();
      });
      return [{ elemType: et, dims: out }];
    }
  }
  if (op === 'Slice' && dims0) {
    // Constant starts / ends (axes, steps): exact sizes, which the folding of static control flow needs (an exported
    // x.squeeze(1) of a tensor_split piece becomes an If on the piece's size).
    const starts = node.input[1] ? constInts(node.input[1]) : undefined;
    const ends = node.input[2] ? constInts(node.input[2]) : undefined;
    const axes = node.input[3] ? constInts(node.input[3]) : starts?.map((_, i) => i);
    const steps = node.input[4] ? constInts(node.input[4]) : starts?.map(() => 1);
    if (starts && ends && axes && steps && ends.length === starts.length && axes.length === starts.length && steps.length === starts.length) {
      const out = dims0.slice();
      axes.forEach((a0, k) => {
        const a = normAxis(a0, dims0.length);
        const d = out[a];
        out[a] = typeof d === 'number' && d >= 0 && steps[k] !== 0 ? sliceLength(d, starts[k], ends[k], steps[k]) : freshSymbol();
      });
      return [{ elemType: et, dims: out }];
    }
  }
  if (op === 'Slice' || op === 'Pad' || op === 'Tile' || op === 'Resize' || op === 'Upsample') {
    return [{ elemType: et, dims: dims0 ? dims0.map(freshSymbol) : undefined }];
  }
  if (op === 'OneHot') return [{ elemType: ins[2]?.elemType ?? 0 }];
  if (op === 'ConvTranspose') return [{ elemType: et, dims: dims0 ? dims0.map((d, i) => (i === 0 ? d : freshSymbol())) : undefined }];
  if (op === 'DepthToSpace' || op === 'SpaceToDepth') return [{ elemType: et, dims: dims0 ? [dims0[0], freshSymbol(), freshSymbol(), freshSymbol()] : undefined }];
  if (op === 'Einsum') {
    const eq = attr(node, 'equation')?.s;
    const text = eq ? new TextDecoder().decode(eq).replace(/\s/g, '') : '';
    const rhs = text.includes('->') ? text.split('->')[1] : undefined;
    return [{ elemType: et, dims: rhs !== undefined && !rhs.includes('.') ? Array.from(rhs, freshSymbol) : undefined }];
  }
  if (op === 'NegativeLogLikelihoodLoss' || op === 'SoftmaxCrossEntropyLoss') {
    const red = attr(node, 'reduction')?.s;
    const none = red !== undefined && new TextDecoder().decode(red) === 'none';
    const lossDims = none ? (ins[1]?.dims ?? undefined) : [];
    return [{ elemType: et, dims: lossDims }, ...(node.output.length > 1 ? [{ elemType: et, dims: dims0 }] : [])];
  }
  if (op === 'GatherND') return [{ elemType: et }];
  if (op === 'GridSample') {
    // [N, C, ...the grid's points]: the grid is [N, Ho, Wo, 2] (or [N, Do, Ho, Wo, 3])
    const grid = ins[1]?.dims;
    return [{ elemType: et, dims: dims0 && grid ? [dims0[0], dims0[1], ...grid.slice(1, -1)] : undefined }];
  }
  if (op === 'TopK') return [{ elemType: et, dims: dims0?.map(freshSymbol) }, { elemType: DataType.INT64, dims: dims0?.map(freshSymbol) }];
  if (op === 'ScatterElements' || op === 'ScatterND') return [{ elemType: et, dims: dims0 }];
  if (op === 'EyeLike') return [{ elemType: attr(node, 'dtype') ? attrInt(node, 'dtype', 1) : et, dims: dims0 }];
  // Unknown op: assume the element type of the first input (true for almost every math op).
  return node.output.map(() => (et ? { elemType: et } : undefined));
}

/** Whether every symbol of `known` can be matched with its own occurrence of the same symbol in `dims`. */
function cancels(dims: Dim[], known: Dim[]): boolean {
  const left = dims.filter((d) => typeof d === 'string');
  for (const d of known) {
    if (typeof d === 'number') continue;
    const at = left.indexOf(d);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

function prod(ds: Dim[]): Dim {
  if (ds.every((d) => typeof d === 'number')) return (ds as number[]).reduce((a, b) => a * b, 1);
  const sym = ds.filter((d) => typeof d === 'string');
  if (sym.length === 1 && ds.every((d) => typeof d === 'string' || d === 1)) return sym[0];
  return freshSymbol();
}

function poolDims(node: NodeProto, x: Dim[] | undefined, _opset: number): Dim[] | undefined {
  if (!x) return undefined;
  const ks = attrInts(node, 'kernel_shape');
  if (!ks) return x.map((d, i) => (i < 2 ? d : freshSymbol()));
  return convDims(node, x, ks);
}

function convDims(node: NodeProto, x: Dim[], ks: number[]): Dim[] {
  const n = ks.length;
  const strides = attrInts(node, 'strides') ?? ks.map(() => 1);
  const dil = attrInts(node, 'dilations') ?? ks.map(() => 1);
  const pads = attrInts(node, 'pads') ?? ks.map(() => 0).concat(ks.map(() => 0));
  const autoPad = (() => {
    const a = attr(node, 'auto_pad');
    return a?.s ? new TextDecoder().decode(a.s) : 'NOTSET';
  })();
  const ceil = attrInt(node, 'ceil_mode', 0);
  const out: Dim[] = [x[0], x[1]];
  for (let i = 0; i < n; i++) {
    const d = x[2 + i];
    if (typeof d !== 'number') {
      out.push(freshSymbol());
      continue;
    }
    const k = (ks[i] - 1) * dil[i] + 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') out.push(Math.ceil(d / strides[i]));
    else if (autoPad === 'VALID') out.push(Math.floor((d - k) / strides[i]) + 1);
    else {
      const span = d + pads[i] + pads[i + n] - k;
      let o = (ceil ? Math.ceil(span / strides[i]) : Math.floor(span / strides[i])) + 1;
      // ceil_mode: a last window that would start in the end padding is dropped (ONNX, onnxruntime, PyTorch).
      if (ceil && (o - 1) * strides[i] >= d + pads[i]) o--;
      out.push(o);
    }
  }
  return out;
}

/** Small int constants from initializers and Constant nodes (shapes, axes, pads...). */
export function intConstant(t: TensorProto | undefined): number[] | undefined {
  if (!t) return undefined;
  if (t.dataType !== DataType.INT64 && t.dataType !== DataType.INT32) return undefined;
  if (t.dims.reduce((a, b) => a * Number(b), 1) > 64) return undefined;
  return tensorToInts(t);
}

/** Element types of If / Loop / Scan outputs, from the body's (If: then_branch; Loop: after its condition). */
function controlFlowTypes(node: NodeProto): (ShapeInfo | undefined)[] {
  const body = attr(node, node.opType === 'If' ? 'then_branch' : 'body')?.g as { output?: { type?: { tensorType?: { elemType?: number } } }[] } | undefined;
  const offset = node.opType === 'Loop' ? 1 : 0;
  return node.output.map((_, k) => {
    const t = body?.output?.[k + offset]?.type?.tensorType?.elemType;
    return t ? { elemType: t } : undefined;
  });
}

/** Elements a Slice keeps along an axis of size d (ONNX's clamping of start and end, either direction). */
function sliceLength(d: number, start: number, end: number, step: number): number {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let s = start < 0 ? start + d : start;
  let e = end < 0 ? end + d : end;
  if (step > 0) {
    s = clamp(s, 0, d);
    e = clamp(e, 0, d);
  } else {
    s = clamp(s, 0, d - 1);
    e = clamp(e, -1, d - 1);
  }
  return Math.max(0, Math.ceil((e - s) / step));
}
