// The ONNX model layer's front door, kept for existing imports: the proto types (proto-types.ts), decoding and
// encoding (proto-codec.ts), reading a model file with its external data (model-file.ts) and the tensor codec
// (tensor-codec.ts). New code may import from those files directly.
export * from './proto-types.js';
export { decodeModel, defaultOpset, serializeModel } from './proto-codec.js';
export { parseModel, loadModelFileBytes, loadModelFile, type LoadOptions } from './model-file.js';
export { ELEM_BYTES, tensorSize, tensorToFloat64, tensorToInts, isFloatType, floatTensor, valueInfo } from './tensor-codec.js';
