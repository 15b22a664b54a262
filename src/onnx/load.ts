// Parsing and serializing ONNX models with protobufjs, by reflection over the onnx.proto schema shipped in
// src/onnx/schema (no generated code to keep in sync). Models are handled as plain objects (the protobufjs
// `toObject` form with int64 as numbers), which is what the builder edits and what `serializeModel` encodes back.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { CorruptModelError, ModelError, ModelFileError } from './errors.js';

// ---- plain-object views of the proto messages (only the fields this project touches) ----

export interface AttributeProto {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  g?: unknown;
  refAttrName?: string;
}

export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  domain?: string;
  overload?: string;
  attribute: AttributeProto[];
  docString?: string;
}

export interface StringStringEntry {
  key: string;
  value: string;
}

export interface TensorProto {
  dims: number[];
  dataType: number;
  name?: string;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: number[];
  doubleData?: number[];
  uint64Data?: number[];
  rawData?: Uint8Array;
  dataLocation?: number;
  externalData?: StringStringEntry[];
}

export interface DimensionProto {
  dimValue?: number;
  dimParam?: string;
}

export interface TypeProto {
  tensorType?: { elemType: number; shape?: { dim: DimensionProto[] } };
}

export interface ValueInfoProto {
  name: string;
  type?: TypeProto;
  docString?: string;
}

export interface GraphProto {
  node: NodeProto[];
  name?: string;
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  valueInfo: ValueInfoProto[];
  sparseInitializer?: unknown[];
}

export interface OperatorSetId {
  domain?: string;
  version: number;
}

export interface FunctionProto {
  name: string;
  input: string[];
  output: string[];
  attribute?: string[];
  attributeProto?: AttributeProto[];
  node: NodeProto[];
  opsetImport?: OperatorSetId[];
  domain?: string;
  overload?: string;
}

export interface ModelProto {
  irVersion?: number;
  opsetImport: OperatorSetId[];
  producerName?: string;
  producerVersion?: string;
  graph: GraphProto;
  functions?: FunctionProto[];
  metadataProps?: StringStringEntry[];
}

// ---- ONNX enums used across the builder ----

export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  BFLOAT16: 16,
} as const;

export const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

export const MIN_OPSET = 13;
export const MAX_OPSET = 21;
/** A protobuf message cannot exceed 2 GiB; larger models need external data, and we cannot write them back. */
export const MAX_PROTO_BYTES = 2 ** 31 - 1;

// ---- schema ----

let modelType: protobuf.Type | undefined;

function schemaPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From src/onnx (tsx, vitest) or dist/onnx (compiled; the .proto is not copied by tsc).
  const candidates = [path.join(here, 'schema', 'onnx.proto'), path.join(here, '..', '..', 'src', 'onnx', 'schema', 'onnx.proto')];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`onnx.proto schema not found (looked in ${candidates.join(', ')})`);
}

function getModelType(): protobuf.Type {
  if (!modelType) {
    const root = protobuf.loadSync(schemaPath());
    modelType = root.lookupType('onnx.ModelProto');
  }
  return modelType;
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, arrays: true, defaults: false };

// ---- parsing ----

export interface LoadOptions {
  /** Folder that external-data locations are relative to (the model file's folder). */
  baseDir?: string;
  /** Name used in error messages. */
  label?: string;
}

/** Decodes a serialized ModelProto, resolves external data, checks the opset range. */
export function parseModel(bytes: Uint8Array, options: LoadOptions = {}): ModelProto {
  const label = options.label ?? 'model';
  if (bytes.byteLength > MAX_PROTO_BYTES) {
    throw new CorruptModelError(`${label}: ${bytes.byteLength} bytes is above the 2 GB protobuf limit; models this large are not supported`);
  }
  let model: ModelProto;
  try {
    const type = getModelType();
    model = type.toObject(type.decode(bytes), TO_OBJECT) as ModelProto;
  } catch (e) {
    throw new CorruptModelError(`${label}: not a valid ONNX model (${(e as Error).message})`, { cause: e });
  }
  if (!model.graph) throw new CorruptModelError(`${label}: not a valid ONNX model (no graph)`);
  normalizeGraph(model.graph);
  for (const f of model.functions ?? []) {
    f.node = f.node ?? [];
    f.input = f.input ?? [];
    f.output = f.output ?? [];
    for (const n of f.node) normalizeNode(n);
  }
  model.opsetImport = model.opsetImport ?? [];
  checkOpset(model, label);
  resolveExternalData(model, options.baseDir, label);
  return model;
}

/** The bytes of an .onnx file, with clear errors for a missing path, a directory or a file above 2 GB. */
export function loadModelFileBytes(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ModelFileError(`model file not found: ${file}`);
  }
  if (stat.isDirectory()) throw new ModelFileError(`model path is a directory, not a file: ${file}`);
  if (stat.size > MAX_PROTO_BYTES) {
    throw new CorruptModelError(`${file}: ${stat.size} bytes is above the 2 GB protobuf limit; models this large are not supported (save the weights as external data: onnx.save(model, path, save_as_external_data=True))`);
  }
  return fs.readFileSync(file);
}

/** Reads an .onnx file (with external data next to it). */
export function loadModelFile(file: string): ModelProto {
  return parseModel(loadModelFileBytes(file), { baseDir: path.dirname(path.resolve(file)), label: file });
}

function normalizeNode(n: NodeProto): void {
  n.input = n.input ?? [];
  n.output = n.output ?? [];
  n.attribute = n.attribute ?? [];
  n.name = n.name ?? '';
  n.domain = n.domain ?? '';
}

function normalizeGraph(g: GraphProto): void {
  g.node = g.node ?? [];
  g.initializer = g.initializer ?? [];
  g.input = g.input ?? [];
  g.output = g.output ?? [];
  g.valueInfo = g.valueInfo ?? [];
  for (const n of g.node) normalizeNode(n);
  for (const t of g.initializer) t.dims = t.dims ?? [];
}

/** The default-domain opset the model imports. */
export function defaultOpset(model: ModelProto): number {
  const imp = model.opsetImport.find((o) => !o.domain || o.domain === 'ai.onnx');
  return imp ? Number(imp.version) : 0;
}

function checkOpset(model: ModelProto, label: string): void {
  const v = defaultOpset(model);
  if (v === 0) throw new ModelError(`${label}: the model imports no default-domain (ai.onnx) opset`);
  if (v < MIN_OPSET || v > MAX_OPSET) {
    throw new ModelError(
      `${label}: opset ${v} is not supported (supported: ${MIN_OPSET} to ${MAX_OPSET}); re-export with torch.onnx.export(..., opset_version=17)`,
    );
  }
}

function resolveExternalData(model: ModelProto, baseDir: string | undefined, label: string): void {
  const tensors: TensorProto[] = [...model.graph.initializer];
  for (const n of model.graph.node) for (const a of n.attribute) if (a.t) tensors.push(a.t);
  let total = 0;
  const cache = new Map<string, number>();
  for (const t of tensors) {
    if (t.dataLocation !== 1) continue;
    const entries = new Map((t.externalData ?? []).map((e) => [e.key, e.value]));
    const location = entries.get('location');
    if (!location) throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} has external data without a location`);
    if (!baseDir) {
      throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} stores its data in external file "${location}"; give the model's folder (baseDir) to resolve it`);
    }
    const file = path.resolve(baseDir, location);
    const offset = Number(entries.get('offset') ?? 0);
    let length = entries.has('length') ? Number(entries.get('length')) : -1;
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      throw new ModelFileError(`${label}: external data file "${location}" of tensor ${t.name ?? '?'} not found (looked for ${file})`);
    }
    try {
      if (length < 0) {
        if (!cache.has(file)) cache.set(file, fs.fstatSync(fd).size);
        length = cache.get(file)! - offset;
      }
      total += length;
      if (total > MAX_PROTO_BYTES) {
        throw new CorruptModelError(`${label}: parameters with external data add up to more than 2 GB; models this large are not supported`);
      }
      const buf = Buffer.alloc(length);
      const got = fs.readSync(fd, buf, 0, length, offset);
      if (got !== length) {
        throw new CorruptModelError(`${label}: external data file "${location}" is too short for tensor ${t.name ?? '?'} (offset ${offset}, length ${length})`);
      }
      t.rawData = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } finally {
      fs.closeSync(fd);
    }
    t.dataLocation = 0;
    t.externalData = [];
  }
}

// ---- serializing ----

export function serializeModel(model: ModelProto): Uint8Array {
  const type = getModelType();
  const msg = type.fromObject(model as unknown as Record<string, unknown>);
  const bytes = type.encode(msg).finish();
  if (bytes.byteLength > MAX_PROTO_BYTES) {
    throw new ModelError(`the gradient model would be ${bytes.byteLength} bytes, above the 2 GB protobuf limit`);
  }
  return bytes;
}

// ---- tensor data ----

function rawView(t: TensorProto): DataView | null {
  if (!t.rawData || t.rawData.byteLength === 0) return null;
  return new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
}

export function tensorSize(t: { dims: number[] }): number {
  return t.dims.reduce((a, b) => a * Number(b), 1);
}

/** Values of a floating-point tensor as float64 numbers (float, double, float16). */
const ELEM_BYTES: Record<number, number> = {
  [DataType.FLOAT]: 4, [DataType.DOUBLE]: 8, [DataType.FLOAT16]: 2, [DataType.BFLOAT16]: 2, [DataType.INT64]: 8,
  [DataType.INT32]: 4, [DataType.INT16]: 2, [DataType.UINT16]: 2, [DataType.INT8]: 1, [DataType.UINT8]: 1, [DataType.BOOL]: 1,
};

/** A tensor whose stored data does not cover its dims is a corrupt file, not a reason to read out of bounds. */
function checkDataLength(t: TensorProto, n: number): void {
  const w = ELEM_BYTES[t.dataType];
  const raw = t.rawData && t.rawData.byteLength > 0 ? t.rawData.byteLength : undefined;
  const typed = Math.max(0, ...[t.floatData, t.doubleData, t.int64Data, t.int32Data, t.uint64Data].map((a) => a?.length ?? 0));
  const have = raw !== undefined && w ? Math.floor(raw / w) : typed;
  if (have < n) {
    throw new CorruptModelError(`tensor ${t.name ?? '?'} holds ${have} values but its dims [${t.dims.join(', ')}] need ${n}`);
  }
}

export function tensorToFloat64(t: TensorProto): Float64Array {
  const n = tensorSize(t);
  checkDataLength(t, n);
  const out = new Float64Array(n);
  const raw = rawView(t);
  switch (t.dataType) {
    case DataType.FLOAT:
      if (raw) for (let i = 0; i < n; i++) out[i] = raw.getFloat32(4 * i, true);
      else out.set((t.floatData ?? []).slice(0, n));
      break;
    case DataType.DOUBLE:
      if (raw) for (let i = 0; i < n; i++) out[i] = raw.getFloat64(8 * i, true);
      else out.set((t.doubleData ?? []).slice(0, n));
      break;
    case DataType.FLOAT16:
      if (raw) for (let i = 0; i < n; i++) out[i] = halfToFloat(raw.getUint16(2 * i, true));
      else (t.int32Data ?? []).slice(0, n).forEach((v, i) => (out[i] = halfToFloat(v)));
      break;
    case DataType.BFLOAT16: {
      const f = new DataView(new ArrayBuffer(4));
      const bits = (i: number) => (raw ? raw.getUint16(2 * i, true) : (t.int32Data ?? [])[i] ?? 0);
      for (let i = 0; i < n; i++) {
        f.setUint32(0, bits(i) << 16);
        out[i] = f.getFloat32(0);
      }
      break;
    }
    default:
      throw new ModelError(`tensor ${t.name ?? '?'}: data type ${t.dataType} is not floating point`);
  }
  return out;
}

/** Values of an integer tensor (int64, int32, ...) as numbers. */
export function tensorToInts(t: TensorProto): number[] {
  const n = tensorSize(t);
  checkDataLength(t, n);
  const raw = rawView(t);
  const out: number[] = new Array(n);
  switch (t.dataType) {
    case DataType.INT64:
      for (let i = 0; i < n; i++) out[i] = raw ? Number(raw.getBigInt64(8 * i, true)) : Number((t.int64Data ?? [])[i]);
      return out;
    case DataType.INT32:
    case DataType.INT16:
    case DataType.INT8:
    case DataType.UINT8:
    case DataType.UINT16:
    case DataType.BOOL: {
      const bytes: Record<number, number> = { [DataType.INT32]: 4, [DataType.INT16]: 2, [DataType.INT8]: 1, [DataType.UINT8]: 1, [DataType.UINT16]: 2, [DataType.BOOL]: 1 };
      const w = bytes[t.dataType];
      for (let i = 0; i < n; i++) {
        if (!raw) out[i] = Number((t.int32Data ?? [])[i]);
        else if (w === 4) out[i] = raw.getInt32(4 * i, true);
        else if (w === 2) out[i] = t.dataType === DataType.INT16 ? raw.getInt16(2 * i, true) : raw.getUint16(2 * i, true);
        else out[i] = t.dataType === DataType.INT8 ? raw.getInt8(i) : raw.getUint8(i);
      }
      return out;
    }
    case DataType.FLOAT:
    case DataType.DOUBLE:
      return Array.from(tensorToFloat64(t));
    default:
      throw new ModelError(`tensor ${t.name ?? '?'}: data type ${t.dataType} cannot be read as integers`);
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

export function isFloatType(dataType: number): boolean {
  return dataType === DataType.FLOAT || dataType === DataType.DOUBLE || dataType === DataType.FLOAT16 || dataType === DataType.BFLOAT16;
}

/** A float32 tensor in raw_data form. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorProto {
  const f = Float32Array.from(values as ArrayLike<number>);
  return { name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(f.buffer) };
}

export function valueInfo(name: string, elemType: number, dims?: (number | string)[]): ValueInfoProto {
  const tensorType: NonNullable<TypeProto['tensorType']> = { elemType };
  if (dims) tensorType.shape = { dim: dims.map((d) => (typeof d === 'number' ? (d >= 0 ? { dimValue: d } : {}) : { dimParam: d })) };
  return { name, type: { tensorType } };
}
