// Reading an ONNX model from a file: the bytes (with clear errors for a missing path, a directory or a file above
// the 2 GB protobuf limit), the decoded model, and its external data. External-data locations are untrusted text
// inside the file: they must stay in the model's folder (no absolute paths, no '..', no symlinks out), and the
// lengths they declare are checked against the file and the input memory budget before a buffer is allocated.
import fs from 'node:fs';
import path from 'node:path';
import { CorruptModelError, ModelFileError } from './errors.js';
import { decodeModel } from './proto-codec.js';
import { ELEM_BYTES, tensorSize } from './tensor-codec.js';
import { MAX_PROTO_BYTES, type ModelProto, type TensorProto } from './proto-types.js';
import { confinePath } from '../util/confine.js';
import { checkDeclaredBytes, defaultInputBudget } from '../util/input-budget.js';

export interface LoadOptions {
  /** Folder that external-data locations are relative to (the model file's folder). */
  baseDir?: string;
  /** Name used in error messages. */
  label?: string;
  /** Bytes the model's tensors may declare in all (default: defaultInputBudget()). */
  maxBytes?: number;
}

/** Decodes a serialized ModelProto, checks the sizes its tensors declare, resolves external data, checks the opset. */
export function parseModel(bytes: Uint8Array, options: LoadOptions = {}): ModelProto {
  const label = options.label ?? 'model';
  const model = decodeModel(bytes, label);
  const budget = options.maxBytes ?? defaultInputBudget();
  checkDeclaredTensors(model, budget, label);
  resolveExternalData(model, options.baseDir, label, budget);
  return model;
}

/** The bytes of an .onnx file, with clear errors for a missing path, a directory or a file above 2 GB. */
export function loadModelFileBytes(file: string, options: { maxBytes?: number } = {}): Uint8Array {
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
  checkDeclaredBytes(stat.size, options.maxBytes ?? defaultInputBudget(), `model file ${file}`);
  return fs.readFileSync(file);
}

/** Reads an .onnx file (with external data next to it). */
export function loadModelFile(file: string, options: { maxBytes?: number } = {}): ModelProto {
  return parseModel(loadModelFileBytes(file, options), { baseDir: path.dirname(path.resolve(file)), label: file, maxBytes: options.maxBytes });
}

function modelTensors(model: ModelProto): TensorProto[] {
  const tensors: TensorProto[] = [...model.graph.initializer];
  for (const n of model.graph.node) for (const a of n.attribute) if (a.t) tensors.push(a.t);
  return tensors;
}

/**
 * Dims are the file's word for how much a tensor holds; everything downstream (the parameter vector, constant
 * folding) allocates from them. Negative or non-integral dims are corrupt; the declared total must fit the budget.
 */
function checkDeclaredTensors(model: ModelProto, budget: number, label: string): void {
  let total = 0;
  for (const t of modelTensors(model)) {
    if (t.dims.some((d) => !Number.isSafeInteger(Number(d)) || Number(d) < 0)) {
      throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} has invalid dims [${t.dims.join(', ')}]`);
    }
    total += tensorSize(t) * (ELEM_BYTES[t.dataType] ?? 1);
    checkDeclaredBytes(total, budget, `${label}: its tensors (at ${t.name ?? '?'})`);
  }
}

function resolveExternalData(model: ModelProto, baseDir: string | undefined, label: string, budget: number): void {
  let total = 0;
  const sizes = new Map<string, number>();
  for (const t of modelTensors(model)) {
    if (t.dataLocation !== 1) continue;
    const entries = new Map((t.externalData ?? []).map((e) => [e.key, e.value]));
    const location = entries.get('location');
    if (!location) throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} has external data without a location`);
    if (!baseDir) {
      throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} stores its data in external file "${location}"; give the model's folder (baseDir) to resolve it`);
    }
    // onnxruntime refuses such locations too, but only after we would have read them: refuse first.
    const file = confinePath(baseDir, location, `${label}: external data of tensor ${t.name ?? '?'}`);
    const offset = Number(entries.get('offset') ?? 0);
    let length = entries.has('length') ? Number(entries.get('length')) : -1;
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < -1) {
      throw new CorruptModelError(`${label}: tensor ${t.name ?? '?'} has an invalid external-data offset or length`);
    }
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      throw new ModelFileError(`${label}: external data file "${location}" of tensor ${t.name ?? '?'} not found (looked for ${file})`);
    }
    try {
      if (!sizes.has(file)) sizes.set(file, fs.fstatSync(fd).size);
      const size = sizes.get(file)!;
      if (length < 0) length = size - offset;
      // A declared length the file cannot hold is corrupt; checking it here keeps Buffer.alloc to what exists.
      if (offset + length > size) {
        throw new CorruptModelError(`${label}: external data file "${location}" is too short for tensor ${t.name ?? '?'} (offset ${offset}, length ${length}, file ${size} bytes)`);
      }
      total += length;
      if (total > MAX_PROTO_BYTES) {
        throw new CorruptModelError(`${label}: parameters with external data add up to more than 2 GB; models this large are not supported`);
      }
      checkDeclaredBytes(total, budget, `${label}: its external data (at ${t.name ?? '?'})`);
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
