// Reading tensor values out of TensorProtos (raw_data or the typed fields, float16/bfloat16 widened) and making the
// small tensors and value infos the builder emits. A tensor whose stored data does not cover its dims is refused
// before anything of its declared size is allocated.
import { CorruptModelError, ModelError } from './errors.js';
import { DataType, type TensorProto, type TypeProto, type ValueInfoProto } from './proto-types.js';

function rawView(t: TensorProto): DataView | null {
  if (!t.rawData || t.rawData.byteLength === 0) return null;
  return new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
}

export function tensorSize(t: { dims: number[] }): number {
  return t.dims.reduce((a, b) => a * Number(b), 1);
}

/** Bytes per element of the ONNX data types the project reads. */
export const ELEM_BYTES: Record<number, number> = {
  [DataType.FLOAT]: 4, [DataType.DOUBLE]: 8, [DataType.FLOAT16]: 2, [DataType.BFLOAT16]: 2, [DataType.INT64]: 8,
  [DataType.INT32]: 4, [DataType.INT16]: 2, [DataType.UINT16]: 2, [DataType.INT8]: 1, [DataType.UINT8]: 1, [DataType.BOOL]: 1,
  [DataType.UINT32]: 4, [DataType.UINT64]: 8,
};

/** A tensor whose stored data does not cover its dims is a corrupt file, not a reason to read out of bounds. */
export function checkDataLength(t: TensorProto, n: number): void {
  const w = ELEM_BYTES[t.dataType];
  const raw = t.rawData && t.rawData.byteLength > 0 ? t.rawData.byteLength : undefined;
  const typed = Math.max(0, ...[t.floatData, t.doubleData, t.int64Data, t.int32Data, t.uint64Data].map((a) => a?.length ?? 0));
  const have = raw !== undefined && w ? Math.floor(raw / w) : typed;
  if (have < n) {
    throw new CorruptModelError(`tensor ${t.name ?? '?'} holds ${have} values but its dims [${t.dims.join(', ')}] need ${n}`);
  }
}

/** Values of a floating-point tensor as float64 numbers (float, double, float16, bfloat16). */
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
