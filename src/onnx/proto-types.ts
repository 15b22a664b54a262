// Plain-object views of the ONNX proto messages (the protobufjs `toObject` form, int64 as numbers; only the fields
// this project touches), the enums the builder uses, the size limits of the format and the default-domain test. Types,
// constants and that one predicate only.

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

/** Whether a node or an opset import is in ONNX's default domain ('' or 'ai.onnx'). */
export const isDefaultDomain = (x: { domain?: string }): boolean => !x.domain || x.domain === 'ai.onnx';

export const AttrType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

/** The oldest default-domain opset read; below 13 the model is first rewritten into its opset-13 form
 *  (opset-upgrade.ts). */
export const MIN_OPSET = 11;
export const MAX_OPSET = 21;
/** A protobuf message cannot exceed 2 GiB; larger models need external data, and we cannot write them back. */
export const MAX_PROTO_BYTES = 2 ** 31 - 1;
