// Converting arrays from the dtype they were saved in to the tensor type a model input wants. Widening and
// integer-valued floats are accepted; conversions that would change meaning (non-integer floats to class indices,
// a type onnxruntime cannot be fed) are refused with the array and input named.
import { SaneError } from '../errors.js';
import type { ArrayData, TensorData } from './types.js';

const DTYPE_ALIASES: Record<string, TensorData['type'] | 'float16' | 'int16' | 'uint16' | 'uint32' | 'uint64'> = {
  f4: 'float32', float32: 'float32', f8: 'float64', float64: 'float64', double: 'float64', float: 'float32',
  f2: 'float16', float16: 'float16',
  i8: 'int64', int64: 'int64', i4: 'int32', int32: 'int32', i2: 'int16', int16: 'int16', i1: 'int8', int8: 'int8',
  u1: 'uint8', uint8: 'uint8', u2: 'uint16', uint16: 'uint16', u4: 'uint32', uint32: 'uint32', u8: 'uint64',
  uint64: 'uint64', b1: 'bool', bool: 'bool',
};

/** 'float32' for '<f4', '|b1', 'float32', ... */
export function normalizeDtype(dtype: string): string {
  const d = dtype.replace(/^[<>|=]/, '').toLowerCase();
  return DTYPE_ALIASES[d] ?? d;
}

export const isFloatType = (t: string) => t === 'float32' || t === 'float64' || t === 'float16';
export const isIntType = (t: string) => /^u?int(8|16|32|64)$/.test(t);

/** Converts array contents to the tensor type the model wants, refusing lossy conversions that change meaning. */
export function convert(arr: ArrayData, to: TensorData['type'], what: string): TensorData['data'] {
  const from = normalizeDtype(arr.dtype);
  const src = arr.data as ArrayLike<number | bigint>;
  const n = src.length;
  switch (to) {
    case 'float32':
    case 'float64': {
      if (!isFloatType(from) && !isIntType(from) && from !== 'bool') {
        throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype}, the model expects ${to}`);
      }
      if (to === 'float32' && src instanceof Float32Array) return src;
      if (to === 'float64' && src instanceof Float64Array) return src;
      const out = to === 'float32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
    case 'int64':
    case 'int32': {
      if (isFloatType(from)) {
        // Integer data saved as floats (common for labels) is accepted when every value is integral.
        for (let i = 0; i < n; i++) {
          const v = Number(src[i]);
          if (!Number.isInteger(v)) {
            throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype} with non-integer value ${v} at flat index ${i}; the model expects ${to}`);
          }
        }
      } else if (!isIntType(from) && from !== 'bool') {
        throw new SaneError('DATA_SHAPE', `${what} has dtype ${arr.dtype}, the model expects ${to}`);
      }
      if (to === 'int64') {
        if (src instanceof BigInt64Array) return src;
        const out = new BigInt64Array(n);
        for (let i = 0; i < n; i++) out[i] = BigInt(Number(src[i]));
        return out;
      }
      if (src instanceof Int32Array) return src;
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
    case 'bool':
    case 'uint8': {
      if (src instanceof Uint8Array) return src;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]) ? (to === 'bool' ? 1 : Number(src[i])) : 0;
      return out;
    }
    case 'int8': {
      if (src instanceof Int8Array) return src;
      const out = new Int8Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
      return out;
    }
  }
}

export function tensorType(t: string, inputName: string): TensorData['type'] {
  if (['float32', 'float64', 'int64', 'int32', 'bool', 'uint8', 'int8'].includes(t)) return t as TensorData['type'];
  throw new SaneError('DATA_SHAPE', `model input '${inputName}' has type ${t}, which the scorer cannot feed from data`);
}

