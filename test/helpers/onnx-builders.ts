// Small ONNX graph construction for tests: named nodes, typed initializers, graph inputs/outputs, serialized with the
// project's own protobuf schema (src/onnx/load.ts). Values are plain number arrays; types are the ElemType strings of
// the rule contract.
import type { AttrValue, ElemType } from '../../src/onnx/rules/types.js';
import { serializeModel, valueInfo, DataType, type ModelProto, type NodeProto, type TensorProto } from '../../src/onnx/load.js';
import { encodeAttr, encodeTensor } from '../../src/onnx/emitter.js';

export const ELEM: Record<ElemType, number> = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
  int32: DataType.INT32,
  bool: DataType.BOOL,
};

export interface TensorDef {
  name: string;
  type: ElemType;
  dims: number[];
  values: ArrayLike<number> | boolean[];
}

export interface NodeDef {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, AttrValue>;
  name?: string;
}

export interface IoDef {
  name: string;
  type: ElemType;
  /** Omit for unknown shape; -1 or a string for a symbolic dim. */
  dims?: (number | string)[];
}

export interface GraphDef {
  nodes: NodeDef[];
  initializers?: TensorDef[];
  inputs?: IoDef[];
  outputs: IoDef[];
  opset?: number;
}

export function tensor(def: TensorDef): TensorProto {
  const values = Array.from(def.values as ArrayLike<number>, (v) => (typeof v === 'boolean' ? Number(v) : v));
  return encodeTensor(def.name, { type: def.type, dims: def.dims, values: def.type === 'bool' ? values.map((v) => v !== 0) : values });
}

export function node(def: NodeDef, i = 0): NodeProto {
  return {
    opType: def.op,
    name: def.name ?? `${def.op.toLowerCase()}_${i}`,
    input: def.inputs,
    output: def.outputs,
    attribute: Object.entries(def.attrs ?? {}).map(([k, v]) => encodeAttr(k, v)),
    domain: '',
  };
}

export function modelProto(def: GraphDef): ModelProto {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: def.opset ?? 17 }],
    producerName: 'onnx-sane-tests',
    graph: {
      name: 'test',
      node: def.nodes.map((n, i) => node(n, i)),
      initializer: (def.initializers ?? []).map(tensor),
      input: (def.inputs ?? []).map((io) => valueInfo(io.name, ELEM[io.type], io.dims)),
      output: def.outputs.map((io) => valueInfo(io.name, ELEM[io.type], io.dims)),
      valueInfo: [],
    },
  };
}

export function buildModel(def: GraphDef): Uint8Array {
  return serializeModel(modelProto(def));
}

/** Deterministic PRNG (mulberry32) with normal draws, so failures reproduce. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  uniform(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    const u = Math.max(this.uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }
  normals(n: number, scale = 1): number[] {
    return Array.from({ length: n }, () => this.normal() * scale);
  }
  /** Values bounded away from 0 by `margin` (for inputs of kinked ops at 0). */
  awayFromZero(n: number, margin = 0.1): number[] {
    return Array.from({ length: n }, () => {
      const v = this.normal();
      return Math.sign(v || 1) * (Math.abs(v) + margin);
    });
  }
  /** A random permutation of n values spaced `gap` apart (distinct, so arg-max selections have margins). */
  distinct(n: number, gap = 0.05): number[] {
    const v = Array.from({ length: n }, (_, i) => (i - n / 2) * gap);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      [v[i], v[j]] = [v[j], v[i]];
    }
    return v;
  }
  ints(n: number, lo: number, hi: number): number[] {
    return Array.from({ length: n }, () => lo + Math.floor(this.uniform() * (hi - lo)));
  }
}

export const prod = (d: number[]): number => d.reduce((a, b) => a * b, 1);
