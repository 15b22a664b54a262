// Decoding and encoding ModelProto bytes with protobufjs, by reflection over the onnx.proto schema shipped in
// src/onnx/schema (no generated code to keep in sync). Decoding normalises the optional repeated fields to arrays
// and checks the opset range (bringing opsets 11 and 12 to 13: opset-upgrade.ts); it does no file I/O (external data
// is model-file.ts's job).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { CorruptModelError, ModelError } from './errors.js';
import { UPGRADED_OPSET, upgradeToOpset13 } from './opset-upgrade.js';
import { MAX_OPSET, MAX_PROTO_BYTES, MIN_OPSET, isDefaultDomain, type GraphProto, type ModelProto, type NodeProto } from './proto-types.js';

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

/** Decodes a serialized ModelProto (no external data resolved), normalises it and checks the opset range. */
export function decodeModel(bytes: Uint8Array, label = 'model'): ModelProto {
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
  const opset = checkOpset(model, label);
  if (opset < UPGRADED_OPSET) upgradeToOpset13(model, opset, label);
  return model;
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
  const imp = model.opsetImport.find(isDefaultDomain);
  return imp ? Number(imp.version) : 0;
}

/** The model's default-domain opset, once it is known to be in the range read. */
function checkOpset(model: ModelProto, label: string): number {
  const v = defaultOpset(model);
  if (v === 0) throw new ModelError(`${label}: the model imports no default-domain (ai.onnx) opset`);
  if (v < MIN_OPSET || v > MAX_OPSET) {
    throw new ModelError(
      `${label}: opset ${v} is not supported (supported: ${MIN_OPSET} to ${MAX_OPSET}); re-export with torch.onnx.export(..., opset_version=17)`,
    );
  }
  return v;
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

