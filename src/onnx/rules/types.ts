// The contract between the gradient-graph builder (src/onnx/builder) and the differentiation rules
// (src/onnx/rules/*, one file per op family). A rule only emits ONNX nodes through the context; it never touches the
// model, the parameter set or the loss. Everything here produces standard-domain ONNX ops only.

/** An attribute value as rules pass it: numbers are INT unless `float()` wraps them; arrays of numbers are INTS. */
export type AttrValue =
  | number
  | string
  | number[]
  | string[]
  | { float: number }
  | { floats: number[] }
  | { tensor: TensorSpec };

export type ElemType = 'float' | 'double' | 'int64' | 'int32' | 'bool';

export interface TensorSpec {
  type: ElemType;
  dims: number[];
  values: number[] | bigint[] | boolean[];
}

/** What the builder knows statically about a tensor (from the model's value_info or its own shape inference). */
export interface TensorInfo {
  elemType?: ElemType;
  /** Static rank when known. */
  rank?: number;
  /** Static dims when known (-1 for a symbolic or unknown dim). */
  dims?: number[];
}

export interface RuleContext {
  /** The forward node (onnx.NodeProto as decoded by protobufjs). */
  readonly node: {
    opType: string;
    name: string;
    input: string[];
    output: string[];
    attribute: unknown[];
    domain?: string;
  };
  /** Opset of the default domain. */
  readonly opset: number;
  /** Gradient tensor name for each forward output, or null where no gradient flows back through it. */
  readonly gradOutputs: (string | null)[];
  /** For each forward input: does the loss need its gradient (it lies on a path from a parameter)? */
  readonly needsGrad: boolean[];

  /** Attribute of the forward node (decoded: number, number[], string, tensor as TensorSpec), or the default. */
  attr<T = unknown>(name: string, fallback?: T): T;
  info(tensor: string): TensorInfo;

  /** Emits a node; returns its output names (fresh, unique). */
  emit(opType: string, inputs: string[], attrs?: Record<string, AttrValue>, outputs?: number): string[];
  /** Emits one node and returns its single output. */
  op(opType: string, inputs: string[], attrs?: Record<string, AttrValue>): string;
  /** A constant tensor as an initializer (deduplicated); `like` gives the element type of an existing tensor. */
  constant(spec: TensorSpec): string;
  /** Scalar constant with the element type of tensor `like` (float or double). */
  scalarLike(value: number, like: string): string;
  /** Int64 1-D constant, e.g. axes or shapes. */
  ints(values: number[]): string;

  /** Sums `grad` over the broadcast dimensions so that it gets the shape of `target` (dynamic shapes allowed). */
  unbroadcast(grad: string, target: string): string;

  /**
   * Frozen selections. `compute` emits, from the forward node's live inputs/outputs, the tensors that hold the
   * selection state (masks as bool, indices as int64). In the live gradient model these are used directly; in the
   * gate model they become outputs named `gate:<node>:<key>`; in the gated gradient model they are inputs of that
   * name and `compute` is not emitted. Returns the tensor name to use in either case.
   */
  gate(key: string, compute: () => string, kind?: GateKind): string;
  /** True while emitting the gated (frozen-selection) gradient model. */
  readonly frozen: boolean;

  /**
   * Optional (additive, rules engineer): whether a forward tensor is computed from a parameter — also for bool/int
   * tensors that carry no gradient. Where gates its condition only when this says so (gates it always if absent).
   */
  dependsOnParams?(tensor: string): boolean;

  /**
   * Optional: whether a tensor computed from the data alone (no parameter on its path) and taking `bytesPerSample`
   * bytes per sample may be hoisted, i.e. computed once per batch by the gate model and fed as a gate instead of
   * recomputed in every gradient. The builder grants it while the build's allowance (GradientOptions
   * .hoistBytesPerSample) lasts, in node order, the same way in the live and the gated build. Absent: never.
   */
  hoist?(bytesPerSample: number): boolean;

  /**
   * Present when the model will run on onnxruntime-node and its Convs with weights as inputs become NCHWc Convs of
   * this block size (nchwc.ts, after the build): rules may prefer forms that the rewrite speeds up.
   */
  readonly nchwc?: { block: number };
}

/**
 * A differentiation rule for one op type.
 * - `vjp` returns, for each forward input, the name of its gradient tensor or null (no gradient / not needed).
 *   It must only produce gradients for inputs with needsGrad[i].
 * - `frozenForward` (non-smooth ops only) emits the forward outputs computed with the selections held at their gate
 *   values (e.g. Relu(x) -> x * mask); the builder uses it in place of the node in the gated gradient model so that
 *   theta +- eps v never crosses a kink. It returns the names it computed, one per forward output; the builder
 *   rewires consumers. Rules that use ctx.gate() in vjp must define frozenForward with the same gates.
 */
export interface Rule {
  vjp(ctx: RuleContext): (string | null)[];
  frozenForward?(ctx: RuleContext): string[];
}

export type RuleTable = Record<string, Rule>;

/** What a gate holds: a selection frozen at θ (the default), or a data-only tensor hoisted out of the gradient. */
export type GateKind = 'selection' | 'hoisted';
