// PyTorch buffers that an export leaves as float initializers on differentiable paths, where they look like
// parameters. PyTorch never differentiates a buffer, so its gradient and Hessian leave them out, and so must we:
// - spectral normalisation's power-iteration vectors (both APIs), found by their names beside the parameter;
// - a tensor holding ±inf or NaN: no trained parameter can (the loss would not be finite), but an additive attention
//   mask can (nn.Transformer.generate_square_subsequent_mask: 0 on and below the diagonal, -inf above);
// - a sinusoidal position table (the PyTorch transformer tutorial's PositionalEncoding `pe`, and the many models
//   that copy it): every column exactly sin(p·ω) or cos(p·ω) along the positions. Found by its values, so a
//   warning says it was left out.
import type { ForwardGraph } from './graph.js';
import { DataType, isFloatType, tensorSize, tensorToFloat64, type TensorProto } from './load.js';
import { checkDataLength } from './tensor-codec.js';

export interface BufferFinding {
  name: string;
  /** What the user should be told, or null when the buffer is left out without a word (its name or values make
   *  it certain). */
  warning: string | null;
}

/** Float initializers among `candidates` (the ones the loss reaches) that are PyTorch buffers. */
export function findBuffers(fg: ForwardGraph, candidates: Iterable<string>): BufferFinding[] {
  const all = new Set(fg.model.graph.initializer.map((t) => t.name ?? ''));
  const out: BufferFinding[] = [];
  for (const name of candidates) {
    const t = fg.initializers.get(name);
    if (!t || !isFloatType(t.dataType)) continue;
    if (isSpectralNormVector(name, all)) {
      out.push({ name, warning: null });
      continue;
    }
    const size = tensorSize(t);
    checkDataLength(t, size); // before reading in place: a truncated tensor is a corrupt file, not a RangeError
    const at = valueReader(t);
    if (!allFinite(t, at, size)) {
      out.push({ name, warning: null });
      continue;
    }
    const dims = t.dims.map(Number);
    // Only a table whose first row is 0s and 1s is read whole (big weights are not copied to be looked at).
    const features = dims.filter((d) => d !== 1)[1];
    const firstRow = features !== undefined && size <= MAX_TABLE && Array.from({ length: features }, (_, j) => at(j)).every((v) => v === 0 || v === 1);
    if (firstRow && isSinusoidalTable(tensorToFloat64(t), dims)) {
      out.push({
        name,
        warning:
          `initializer "${name}" [${dims.join(', ')}] is a sinusoidal position table (every column sin(p·ω) or cos(p·ω) ` +
          'over the positions), a buffer in PyTorch: left out of the parameters as PyTorch leaves it out of its gradient',
      });
    }
  }
  return out;
}

/** Position tables larger than this (elements) are not considered: the tutorial's is 5000 × d_model. */
const MAX_TABLE = 16 * 2 ** 20;

/** Whether every value is finite: v·0 is 0 for finite v and NaN for ±inf and NaN, so one sum tells. float32 bytes
 *  are read through a typed array (DataView reads took a quarter of ResNet-50's build). */
function allFinite(t: TensorProto, at: (i: number) => number, size: number): boolean {
  const raw = t.rawData;
  let zero = 0;
  if (raw && raw.byteLength === 4 * size && t.dataType === DataType.FLOAT) {
    // Decoded bytes sit at any offset in the file's buffer: copied through an aligned window of 64K values.
    const window = new Float32Array(Math.min(size, 65536));
    const bytes = new Uint8Array(window.buffer);
    for (let start = 0; start < size; start += window.length) {
      const n = Math.min(window.length, size - start);
      bytes.set(raw.subarray(4 * start, 4 * (start + n)));
      for (let i = 0; i < n; i++) zero += window[i] * 0;
    }
  } else {
    for (let i = 0; i < size; i++) zero += at(i) * 0;
  }
  return zero === 0;
}

/** Element i of a float tensor without copying it (a model's largest weights run to hundreds of MB). */
function valueReader(t: TensorProto): (i: number) => number {
  const raw = t.rawData && t.rawData.byteLength > 0 ? new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength) : null;
  if (raw && t.dataType === DataType.FLOAT) return (i) => raw.getFloat32(4 * i, true);
  if (raw && t.dataType === DataType.DOUBLE) return (i) => raw.getFloat64(8 * i, true);
  if (!raw && t.dataType === DataType.FLOAT && t.floatData) return (i) => t.floatData![i];
  if (!raw && t.dataType === DataType.DOUBLE && t.doubleData) return (i) => t.doubleData![i];
  const all = tensorToFloat64(t); // float16 / bfloat16: rare, and converted once
  return (i) => all[i];
}

/**
 * torch.nn.utils.spectral_norm keeps W as `NAME_orig` with buffers `NAME_u`, `NAME_v`; its parametrizations form as
 * `P.parametrizations.NAME.original` with buffers `P.parametrizations.NAME.0._u`, `._v`. The export computes
 * σ = uᵀ W v from those buffers, a differentiable path.
 */
function isSpectralNormVector(n: string, names: Set<string>): boolean {
  const legacy = /^(.*)_(u|v)$/.exec(n);
  if (legacy && names.has(`${legacy[1]}_orig`)) return true;
  const param = /^(.*\.parametrizations\.[^.]+)\.0\._(u|v)$/.exec(n);
  return !!param && names.has(`${param[1]}.original`);
}

// The tutorial computes the table in float32, with the angle p·ω rounded to float32 before the sine, which moves a
// value by up to p · 6e-8: the recurrence below then holds to 4.0e-4 over the tutorial's 5000 positions (d = 512,
// measured), so the tolerance grows with the positions (2e-3 at 5000). The first row is exact (sin 0 = 0, cos 0 = 1).
// A table of trained or random values misses these by orders of magnitude.
const FIRST_ROW_TOLERANCE = 1e-6;
const tolerance = (positions: number) => 1e-3 + 2e-7 * positions;
const MIN_POSITIONS = 4;

/**
 * A table whose dims other than two are 1, read as [positions, features] (positions the first of the two), in which
 * every feature column c is sin(p·ω) or cos(p·ω) for its own ω: c[0] is 0 or 1, c[p+1] + c[p-1] = 2 cos(ω) c[p] (the
 * sinusoids' recurrence) with c[1] = sin ω or cos ω accordingly, and at least one column is not constant (an all-zero
 * table, an untrained nn.Parameter, satisfies the recurrence too).
 */
export function isSinusoidalTable(values: Float64Array, dims: number[]): boolean {
  const big = dims.filter((d) => d !== 1);
  if (big.length !== 2) return false;
  const [positions, features] = big;
  if (positions < MIN_POSITIONS || features < 2) return false;
  const TOLERANCE = tolerance(positions);
  let varying = false;
  for (let j = 0; j < features; j++) {
    const c = (p: number) => values[p * features + j];
    const first = c(0);
    const isSin = Math.abs(first) <= FIRST_ROW_TOLERANCE;
    if (!isSin && Math.abs(first - 1) > FIRST_ROW_TOLERANCE) return false;
    // 2 cos ω by least squares over the recurrence, then every position checked against it
    let num = 0;
    let den = 0;
    for (let p = 1; p + 1 < positions; p++) {
      num += (c(p + 1) + c(p - 1)) * c(p);
      den += c(p) * c(p);
    }
    if (den === 0) return false;
    const cosW = num / den / 2;
    if (!(Math.abs(cosW) <= 1 + TOLERANCE)) return false;
    const expectedFirst = isSin ? Math.sqrt(Math.max(0, 1 - cosW * cosW)) : cosW;
    if (Math.abs(c(1) - expectedFirst) > TOLERANCE) return false;
    for (let p = 0; p < positions; p++) {
      if (Math.abs(c(p)) > 1 + TOLERANCE) return false;
      if (p >= 1 && p + 1 < positions && Math.abs(c(p + 1) + c(p - 1) - 2 * cosW * c(p)) > TOLERANCE) return false;
    }
    if (Math.abs(c(positions - 1) - first) > TOLERANCE || Math.abs(c(1) - first) > TOLERANCE) varying = true;
  }
  return varying;
}
