// Emits new nodes and constants into a graph under construction, with fresh unique names and incremental type/shape
// inference, and implements the shape helpers the rules rely on (unbroadcast).
import type { AttrValue, TensorSpec, TensorInfo } from './rules/types.js';
import { AttrType, DataType, type AttributeProto, type NodeProto, type TensorProto } from './load.js';
import { elemTypeCode, inferNode, toTensorInfo, type Dim, type ShapeInfo } from './shapes.js';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class Emitter {
  nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly constCache = new Map<string, string>();
  private counter = 0;
  /** Where emit() appends; swapped while running code whose nodes must be discarded. */
  sink: NodeProto[];

  constructor(
    readonly opset: number,
    readonly shapes: Map<string, ShapeInfo>,
    private readonly taken: Set<string>,
    private readonly constInts: (name: string) => number[] | undefined,
  ) {
    this.sink = this.nodes;
  }

  fresh(base: string): string {
    let name: string;
    do name = `sane/${base}_${++this.counter}`;
    while (this.taken.has(name));
    this.taken.add(name);
    return name;
  }

  info(tensor: string): TensorInfo {
    return toTensorInfo(this.shapes.get(tensor));
  }

  shape(tensor: string): ShapeInfo | undefined {
    return this.shapes.get(tensor);
  }

  emit(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputs = 1): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(opType));
    this.emitNamed(opType, inputs, outs, attrs);
    return outs;
  }

  /** Emits a node with given output names (used to keep forward tensor names). */
  emitNamed(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}): NodeProto {
    for (const i of inputs) if (typeof i !== 'string') throw new Error(`emit ${opType}: input ${String(i)} is not a tensor name`);
    const node: NodeProto = {
      opType,
      name: this.fresh(`${opType}_node`),
      input: inputs,
      output: outputs,
      attribute: Object.entries(attrs).map(([name, v]) => encodeAttr(name, v)),
      domain: '',
    };
    this.sink.push(node);
    this.inferInto(node);
    return node;
  }

  inferInto(node: NodeProto): void {
    let inferred: (ShapeInfo | undefined)[] = [];
    try {
      inferred = inferNode(node, (t) => this.shapes.get(t), (t) => this.constInts(t) ?? this.localInts.get(t), this.opset);
    } catch {
      inferred = [];
    }
    node.output.forEach((o, k) => {
      if (o && inferred[k] && !this.shapes.has(o)) this.shapes.set(o, inferred[k]!);
    });
  }

  op(opType: string, inputs: string[], attrs?: Record<string, AttrValue>): string {
    return this.emit(opType, inputs, attrs, 1)[0];
  }

  private readonly localInts = new Map<string, number[]>();

  constant(spec: TensorSpec): string {
    const key = `${spec.type}|${spec.dims.join(',')}|${spec.values.map(String).join(',')}`;
    const hit = this.constCache.get(key);
    if (hit) return hit;
    const name = this.fresh('const');
    const t = encodeTensor(name, spec);
    this.initializers.push(t);
    this.shapes.set(name, { elemType: t.dataType, dims: spec.dims });
    if ((spec.type === 'int64' || spec.type === 'int32') && spec.values.length <= 64) {
      this.localInts.set(name, (spec.values as (number | bigint)[]).map(Number));
    }
    this.constCache.set(key, name);
    return name;
  }

  scalarLike(value: number, like: string): string {
    const e = this.shapes.get(like)?.elemType;
    return this.constant({ type: e === DataType.DOUBLE ? 'double' : 'float', dims: [], values: [value] });
  }

  ints(values: number[]): string {
    return this.constant({ type: 'int64', dims: [values.length], values });
  }

  /** Sums `grad` over the axes along which `target` was broadcast to produce it, giving it target's shape. */
  unbroadcast(grad: string, target: string): string {
    const g = this.shapes.get(grad)?.dims;
    const t = this.shapes.get(target)?.dims;
    if (g && t && g.length >= t.length) {
      const lead = g.length - t.length;
      const axes: number[] = [];
      let ambiguous = false;
      for (let i = 0; i < g.length; i++) {
        if (i < lead) {
          axes.push(i);
          continue;
        }
        const td = t[i - lead];
        const gd = g[i];
        if (td === gd) continue;
        if (td === 1) axes.push(i);
        // Two different static dims mean an inferred shape is off: let onnxruntime's own shapes decide.
        else ambiguous = true;
      }
      if (!ambiguous) {
        if (axes.length === 0) return grad;
        const reduced = this.op('ReduceSum', [grad, this.ints(axes)], { keepdims: 1 });
        if (lead === 0) return reduced;
        return this.op('Squeeze', [reduced, this.ints(axes.slice(0, lead))]);
      }
    }
    return this.dynamicUnbroadcast(grad, target, g?.length, t?.length);
  }

  private dynamicUnbroadcast(grad: string, target: string, rg?: number, rt?: number): string {
    const sg = this.op('Shape', [grad]);
    const st = this.op('Shape', [target]);
    let padded: string;
    if (rg !== undefined && rt !== undefined) {
      padded = rg > rt ? this.op('Concat', [this.ints(new Array(rg - rt).fill(1)), st], { axis: 0 }) : st;
    } else {
      const diff = this.op('Sub', [this.op('Size', [sg]), this.op('Size', [st])]);
      const ones = this.op('ConstantOfShape', [this.op('Reshape', [diff, this.ints([1])])], {
        value: { tensor: { type: 'int64', dims: [1], values: [1] } },
      });
      padded = this.op('Concat', [ones, st], { axis: 0 });
    }
    const one = this.ints([1]);
    const mask = this.op('And', [this.op('Equal', [padded, one]), this.op('Not', [this.op('Equal', [sg, one])])]);
    const axes = this.op('Reshape', [this.op('NonZero', [mask]), this.ints([-1])]);
    const reduced = this.op('ReduceSum', [grad, axes], { keepdims: 1, noop_with_empty_axes: 1 });
    const out = this.op('Reshape', [reduced, st]);
    const ts = this.shapes.get(target);
    if (ts) this.shapes.set(out, { elemType: this.shapes.get(grad)?.elemType ?? ts.elemType, dims: ts.dims });
    return out;
  }
}

export function encodeAttr(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { name, type: AttrType.INT, i: v } : { name, type: AttrType.FLOAT, f: v };
  }
  if (typeof v === 'string') return { name, type: AttrType.STRING, s: utf8.encode(v) };
  if (Array.isArray(v) && v.some((x) => typeof x === 'string')) return { name, type: AttrType.STRINGS, strings: (v as string[]).map((x) => utf8.encode(x)) };
  if (Array.isArray(v)) {
    const nums = v as number[];
    return nums.every((x) => Number.isInteger(x)) ? { name, type: AttrType.INTS, ints: nums } : { name, type: AttrType.FLOATS, floats: nums };
  }
  if ('float' in v) return { name, type: AttrType.FLOAT, f: v.float };
  if ('floats' in v) return { name, type: AttrType.FLOATS, floats: v.floats };
  if ('tensor' in v) return { name, type: AttrType.TENSOR, t: encodeTensor('', v.tensor) };
  throw new Error(`attribute ${name}: unsupported value ${JSON.stringify(v)}`);
}

export function encodeTensor(name: string, spec: TensorSpec): TensorProto {
  const n = spec.values.length;
  let raw: Uint8Array;
  let dataType: number;
  switch (spec.type) {
    case 'float':
      dataType = DataType.FLOAT;
      raw = new Uint8Array(Float32Array.from(spec.values as number[], Number).buffer);
      break;
    case 'double':
      dataType = DataType.DOUBLE;
      raw = new Uint8Array(Float64Array.from(spec.values as number[], Number).buffer);
      break;
    case 'int64': {
      dataType = DataType.INT64;
      const a = new BigInt64Array(n);
      (spec.values as (number | bigint)[]).forEach((x, i) => (a[i] = BigInt(x)));
      raw = new Uint8Array(a.buffer);
      break;
    }
    case 'int32':
      dataType = DataType.INT32;
      raw = new Uint8Array(Int32Array.from(spec.values as number[], Number).buffer);
      break;
    case 'bool':
      dataType = DataType.BOOL;
      raw = Uint8Array.from(spec.values as unknown as number[], (x) => (x ? 1 : 0));
      break;
    default:
      throw new Error(`constant of type ${String(spec.type)} is not supported`);
  }
  const size = spec.dims.reduce((a, b) => a * b, 1);
  if (size !== n) throw new Error(`constant: ${n} values for dims [${spec.dims.join(', ')}]`);
  return { name, dims: spec.dims, dataType, rawData: raw };
}

/** Decodes an attribute into the form rules see: number, number[], string, string[] or { tensor } spec. */
export function decodeAttr(a: AttributeProto): unknown {
  const type = a.type ?? 0;
  if (type === AttrType.FLOAT || (type === 0 && a.f !== undefined)) return a.f ?? 0;
  if (type === AttrType.INT || (type === 0 && a.i !== undefined)) return Number(a.i ?? 0);
  if (type === AttrType.STRING) return a.s ? fromUtf8.decode(a.s) : '';
  if (type === AttrType.FLOATS) return a.floats ?? [];
  if (type === AttrType.INTS) return (a.ints ?? []).map(Number);
  if (type === AttrType.STRINGS) return (a.strings ?? []).map((s) => fromUtf8.decode(s));
  if (type === AttrType.TENSOR && a.t) return decodeTensorSpec(a.t);
  if (a.t) return decodeTensorSpec(a.t);
  return undefined;
}

import { tensorToFloat64, tensorToInts, isFloatType } from './load.js';

export function decodeTensorSpec(t: TensorProto): TensorSpec {
  const dims = t.dims.map(Number);
  if (isFloatType(t.dataType)) {
    return { type: t.dataType === DataType.DOUBLE ? 'double' : 'float', dims, values: Array.from(tensorToFloat64(t)) };
  }
  const type = t.dataType === DataType.BOOL ? 'bool' : t.dataType === DataType.INT32 ? 'int32' : 'int64';
  const values = tensorToInts(t);
  return { type, dims, values: type === 'bool' ? values.map((v) => v !== 0) : values };
}

export function dimsToValueInfoDims(dims: Dim[] | undefined): (number | string)[] | undefined {
  if (!dims) return undefined;
  return dims.map((d) => (typeof d === 'number' ? d : d.startsWith('sym:') ? d.slice(4) : -1));
}

export { elemTypeCode };
