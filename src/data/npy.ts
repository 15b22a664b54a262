// Parsing numpy .npy arrays (format versions 1 to 3): the header, a Python dict literal giving dtype, fortran_order
// and shape, then the raw little-endian data. The declared size is checked before anything of that size exists.
import { SaneError } from '../errors.js';
import { checkDeclaredBytes, defaultInputBudget } from '../util/input-budget.js';

export type NpyDtype = 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const DTYPES: Record<string, { dtype: NpyDtype; bytes: number; make: (b: ArrayBuffer) => NpyData }> = {
  f4: { dtype: 'float32', bytes: 4, make: (b) => new Float32Array(b) },
  f8: { dtype: 'float64', bytes: 8, make: (b) => new Float64Array(b) },
  i1: { dtype: 'int8', bytes: 1, make: (b) => new Int8Array(b) },
  i2: { dtype: 'int16', bytes: 2, make: (b) => new Int16Array(b) },
  i4: { dtype: 'int32', bytes: 4, make: (b) => new Int32Array(b) },
  i8: { dtype: 'int64', bytes: 8, make: (b) => new BigInt64Array(b) },
  u1: { dtype: 'uint8', bytes: 1, make: (b) => new Uint8Array(b) },
  u2: { dtype: 'uint16', bytes: 2, make: (b) => new Uint16Array(b) },
  u4: { dtype: 'uint32', bytes: 4, make: (b) => new Uint32Array(b) },
  u8: { dtype: 'uint64', bytes: 8, make: (b) => new BigUint64Array(b) },
  b1: { dtype: 'bool', bytes: 1, make: (b) => new Uint8Array(b) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** What an .npy header declares, and where its data starts. */
export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  fortranOrder: boolean;
  /** Bytes per element. */
  itemBytes: number;
  /** Bytes the declared shape and dtype need. */
  dataBytes: number;
  dataStart: number;
  make: (b: ArrayBuffer) => NpyData;
}

/**
 * Parses the header of an .npy file (needs only its first bytes): dtype, order and shape, and the data size they
 * declare. Nothing of that size is allocated here; callers check it against their budget first.
 */
export function parseNpyHeader(bytes: Uint8Array, label = 'array'): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw new SaneError('CORRUPT_FILE', `${label}: not a .npy array (bad magic)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    headerLen = view.getUint32(8, true);
    start = 12;
  } else throw new SaneError('CORRUPT_FILE', `${label}: .npy format version ${major} is not supported`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new SaneError('CORRUPT_FILE', `${label}: unreadable .npy header ${JSON.stringify(header.trim())}`);
  }
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => Number.parseInt(s, 10));
  if (shape.some((d) => !Number.isFinite(d) || d < 0)) throw new SaneError('CORRUPT_FILE', `${label}: bad shape (${shapeText})`);
  const order = descr[0];
  const code = descr.slice(1);
  const spec = DTYPES[code];
  if (!spec || !['<', '>', '|', '='].includes(order)) {
    throw new SaneError(
      'DATA_SHAPE',
      `${label}: numpy dtype '${descr}' is not supported (use float32, float64, int64, int32, int16, int8, uint8..uint64 or bool; e.g. x.astype(np.float32))`,
    );
  }
  if (order === '>' && spec.bytes > 1) {
    throw new SaneError('DATA_SHAPE', `${label}: big-endian dtype '${descr}' is not supported; save with x.astype(x.dtype.newbyteorder('<'))`);
  }
  if (bytes.length < start + headerLen) throw new SaneError('CORRUPT_FILE', `${label}: truncated .npy header`);
  const count = shape.reduce((a, b) => a * b, 1);
  return { dtype: spec.dtype, shape, fortranOrder: fortran === 'True', itemBytes: spec.bytes, dataBytes: count * spec.bytes, dataStart: start + headerLen, make: spec.make };
}

/**
 * Parses one .npy file's bytes. `label` names it in error messages. The size the header declares is checked against
 * `maxBytes` (default: the input budget) and against the bytes present before the array is allocated.
 */
export function parseNpy(bytes: Uint8Array, label = 'array', maxBytes = defaultInputBudget()): NpyArray {
  const h = parseNpyHeader(bytes, label);
  const { shape, dataStart, dataBytes: nbytes } = h;
  const spec = { dtype: h.dtype, make: h.make };
  checkDeclaredBytes(nbytes, maxBytes, `${label}: array of shape [${shape.join(', ')}] (${h.dtype})`);
  if (bytes.length - dataStart < nbytes) {
    throw new SaneError('CORRUPT_FILE', `${label}: truncated (${bytes.length - dataStart} data bytes for shape [${shape.join(', ')}] of ${spec.dtype})`);
  }
  // Copy into a fresh, aligned buffer (zip members start at arbitrary offsets).
  const buf = new ArrayBuffer(nbytes);
  new Uint8Array(buf).set(bytes.subarray(dataStart, dataStart + nbytes));
  let data = spec.make(buf);
  if (h.fortranOrder && shape.length > 1) data = fortranToC(data, shape);
  return { dtype: spec.dtype, shape, data };
}

function fortranToC(data: NpyData, shape: number[]): NpyData {
  const out = new (data.constructor as new (n: number) => NpyData)(data.length);
  const r = shape.length;
  const cStride = new Array(r).fill(1);
  for (let i = r - 2; i >= 0; i--) cStride[i] = cStride[i + 1] * shape[i + 1];
  const idx = new Array(r).fill(0);
  for (let f = 0; f < data.length; f++) {
    let c = 0;
    for (let k = 0; k < r; k++) c += idx[k] * cStride[k];
    (out as unknown as number[])[c] = (data as unknown as number[])[f];
    for (let k = 0; k < r; k++) {
      if (++idx[k] < shape[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}
