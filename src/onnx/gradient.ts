// The public entry point: an inference ONNX model in, loss-and-gradient models out (issue 3).
//
// Gradient model contract: inputs are the model's data inputs, `labels` (cross-entropy / mse / bce), one input per
// parameter under its own name and, in the gated model, the `gate:...` tensors; outputs are `loss` (scalar, mean over
// the batch) and `grad:NAME` per parameter, in params order.
import type { RuleTable } from './rules/types.js';
import type { LossSpec } from './loss.js';
import { detectExporterChanges } from './exporter-changes.js';
import { detectCircularPadExport } from './circular-pad-export.js';
import { parseModel, serializeModel } from './load.js';
import type { ModelProto } from './proto-types.js';
import { materializeInitializerAliases, prepareGraph } from './graph.js';
import { inlineFunctions } from './inline.js';
import { hasRecurrent, unrollRecurrent } from './recurrent.js';
import { foldStaticControlFlow } from './static-control-flow.js';
import { fuseHardswish } from './fusions.js';
import { dropNoOpPads } from './no-op-pads.js';
import { foldConvBatchNorm } from './fold.js';
import { maskPaddingRows, paddingRowWarning } from './padding-rows.js';
import { rewritePaysFor } from './rewrite-pays.js';
import { analyzePaths, assembleModel, build, checkRules, lossReach } from './builder.js';
import { initialTheta, selectParams, type ParamInfo } from './params.js';
import { resolveLoss, type ClassAxisOption, LABELS } from './loss.js';
import { valueInfo } from './load.js';
import { dimsToValueInfoDims } from './emitter.js';
import { defaultRules } from './rules-table.js';
import { convertConvsToNchwc } from './nchwc.js';
import { floatMaskGates } from './float-masks.js';
import type { ShapeInfo } from './shapes.js';

export type { LossSpec, ParamInfo };

export interface GradientOptions {
  loss: LossSpec;
  params?: string | RegExp;
  /** Model output holding logits/predictions; default: the first output. */
  output?: string;
  /** Folder for external data files. */
  baseDir?: string;
  /** The model's name in error messages (its path); default 'model'. */
  label?: string;
  /** Bytes the model's tensors may declare (default: the input memory budget). */
  maxBytes?: number;
  /** Fold Conv -> BatchNormalization pairs into one Conv before differentiating (default true; fold.ts). */
  foldBatchNorm?: boolean;
  /** The samples of a batch the gradient will run on, when known: the rewrites that trade work on a Conv's
   *  activations for work on its weights (the BatchNormalization folding, the NCHWc Convs) are then made only where
   *  that pays (rewrite-pays.ts: the weights no larger than the Conv's output over the batch). Default: wherever
   *  they apply. */
  batchRows?: number;
  /** MLAS's NCHWc block size, when the models will run on onnxruntime-node and `probeNchwcBlock` found it: Convs
   *  with weights as inputs then use onnxruntime's blocked kernels (nchwc.ts). Default: none (plain Convs). */
  nchwcBlock?: number;
  /** Feed the gates that the gradient model only multiplies by (ReLU masks) as 0/1 floats computed by the gate model,
   *  instead of bools cast on every gradient (float-masks.ts). Default false: on the 2-core machine it saved kernel
   *  time but no measurable wall time, for four times the gate memory; the Casts it removes are single-threaded,
   *  so machines with more cores may gain. */
  floatMasks?: boolean;
  /** Bytes per sample that data-only tensors hoisted into the gate model may take (RuleContext.hoist: the first
   *  Conv's im2col patches), computed once per batch instead of in every gradient. They ride with the gates, so only
   *  the gated model (and the gate model) has them. Default 0: nothing hoisted. */
  hoistBytesPerSample?: number;
  /** An embedding table's only all-zero row, read by Gather: 'frozen' (default) takes it as nn.Embedding's
   *  padding_idx, whose row PyTorch never trains, and masks it out of the lookups (padding-rows.ts); 'trained' leaves
   *  it an ordinary parameter. */
  paddingRows?: 'frozen' | 'trained';
  /** cross-entropy: the label of positions left out of the mean (PyTorch's ignore_index; default -100). */
  ignoreIndex?: number;
  /** cross-entropy: the logits' class axis, 1 (PyTorch's), -1 (the last: a language model's [batch, seq, vocab]),
   *  or 'auto' (default): the last when only that reading fits `labelsShape` (loss.ts classAxisFor), else 1. */
  classAxis?: ClassAxisOption;
  /** cross-entropy: PyTorch's label_smoothing ε in [0, 1] (default 0; loss.ts). */
  labelSmoothing?: number;
  /** The shape of the labels the model will be scored on, for cross-entropy: classAxis 'auto', and labels shaped like
   *  the logits read as class probabilities (the first axis is not read). */
  labelsShape?: readonly number[];
  /** Rule table override (tests). */
  rules?: RuleTable;
}

export interface GradientModels {
  params: ParamInfo[];
  numParams: number;
  /** Flat initial parameter values in params order. */
  theta: Float32Array;
  /** Model inputs the user must feed (excluding labels and params). */
  dataInputs: string[];
  /** null for output:NAME losses whose labels are model inputs. */
  labelsType: 'int64' | 'float' | null;
  /** Serialized gated gradient model (== live when there are no gates). */
  gradient: Uint8Array;
  /** Serialized plain gradient model (serialized on first access when there are gates). */
  readonly live: Uint8Array;
  /** Serialized gate model (forward at theta -> gate:* outputs), null when no non-smooth op is on the path. */
  gates: Uint8Array | null;
  /** Names of gate tensors (inputs of `gradient`, outputs of `gates`). */
  gateNames: string[];
  /** The gates among gateNames that hold hoisted data-only tensors rather than selections (options.hoistBytesPerSample). */
  hoistedGates: string[];
  /** Convs of `gradient` (and `live`) rewritten to onnxruntime's NCHWc Conv (options.nchwcBlock; nchwc.ts). */
  nchwcConvs: number;
  /** Conv -> BatchNormalization pairs folded into one Conv (fold.ts; options.foldBatchNorm, batchRows). */
  foldedBatchNorms: number;
  /** What the user should know about the model as exported (parameters the exporter changed, circular padding
   *  exported wrongly, padding rows held). */
  warnings: string[];
  /** cross-entropy: the class axis taken (1, or -1 for the last). */
  classAxis?: 1 | -1;
  /** cross-entropy: labels as class indices, or class probabilities (labels shaped like the logits; loss.ts). */
  targets?: 'indices' | 'probabilities';
  /** The class axis of the loss's output as declared in the file, when a positive number: the class count of a
   *  cross-entropy model without running it. */
  declaredClasses?: number;
}

export function buildGradientModels(modelBytes: Uint8Array, options: GradientOptions): GradientModels {
  const model = parseModel(modelBytes, { baseDir: options.baseDir, label: options.label, maxBytes: options.maxBytes });
  // Before any rewriting: the names the exporter gave are the evidence.
  const warnings = [...detectExporterChanges(model), ...detectCircularPadExport(model)];
  inlineFunctions(model);
  fuseHardswish(model);
  dropNoOpPads(model);
  materializeInitializerAliases(model);
  foldStaticControlFlow(model);
  if (options.paddingRows !== 'trained') warnings.push(...maskPaddingRows(model).map(paddingRowWarning));
  let foldedBatchNorms = 0;
  if (options.foldBatchNorm !== false) {
    // The Convs' output shapes (from the model as it stands) decide per pair; a graph whose shapes cannot be read
    // folds every pair, as without batchRows.
    let shapes: Map<string, ShapeInfo> | undefined;
    if (options.batchRows && model.graph.node.some((n) => n.opType === 'BatchNormalization')) {
      try {
        shapes = prepareGraph(model).shapes;
      } catch {
        shapes = undefined;
      }
    }
    foldedBatchNorms = foldConvBatchNorm(model, shapes && rewritePaysFor((t) => shapes!.get(t), options.batchRows));
  }
  let fg = prepareGraph(model);
  // LSTM / GRU / RNN: unrolled over their (static) sequence length into standard ops, one node at a time (a stacked
  // layer's input shape is known once the layer before it is unrolled), re-preparing the graph after each.
  while (hasRecurrent(model) && unrollRecurrent(model, fg)) fg = prepareGraph(model);
  const rules = options.rules ?? defaultRules();
  const loss = resolveLoss(fg, options.loss, { output: options.output, ignoreIndex: options.ignoreIndex, classAxis: options.classAxis, labelSmoothing: options.labelSmoothing, labelsShape: options.labelsShape });
  if (loss.note) warnings.push(loss.note);
  const declaredClasses = loss.classAxis ? declaredDim(model, options.output ?? fg.outputs[0], loss.classAxis) : undefined;
  const reach = lossReach(fg, loss.target);
  const params = selectParams(fg, reach, options.params, warnings);
  const names = params.map((p) => p.name);
  const analysis = analyzePaths(fg, names, reach);
  checkRules({ fg, analysis, rules });

  const hoistBytesPerSample = options.hoistBytesPerSample ?? 0;
  const live = build({ fg, params: names, analysis, rules, target: loss.target, emitLoss: loss.emit, mode: 'live', nchwcBlock: options.nchwcBlock, hoistBytesPerSample });
  // The NCHWc rewrite on a shallow copy (the gate model below is assembled on live.model as it is); if it fails, the
  // plain model.
  let nchwcConvs = 0;
  const blocked = (m: ModelProto, shapes: Map<string, ShapeInfo>): ModelProto => {
    if (!options.nchwcBlock) return m;
    const copy = { ...m, opsetImport: [...m.opsetImport], graph: { ...m.graph, node: [...m.graph.node], initializer: [...m.graph.initializer] } };
    try {
      nchwcConvs = convertConvsToNchwc(copy, (t) => shapes.get(t), options.nchwcBlock, rewritePaysFor((t) => shapes.get(t), options.batchRows)).converted;
      return copy;
    } catch {
      nchwcConvs = 0;
      return m;
    }
  };
  const gateNames = [...live.gates.keys()];

  // With gates, scoring opens the gated model and the live one is serialized only when asked for (a third of a
  // small model's build time, which a batch job that builds its graph pays).
  let liveBytes: Uint8Array | undefined;
  const liveModel = () => (liveBytes ??= serializeModel(blocked(live.model, live.emitter.shapes)));
  let gradient: Uint8Array;
  let gates: Uint8Array | null = null;
  if (gateNames.length === 0) gradient = liveModel();
  else {
    const gated = build({ fg, params: names, analysis, rules, target: loss.target, emitLoss: loss.emit, mode: 'gated', gateInfo: live.gateInfo, nchwcBlock: options.nchwcBlock, hoistBytesPerSample });
    const floatGates = options.floatMasks ? floatMaskGates(gated.model, gateNames) : new Map<string, number>();
    gradient = serializeModel(blocked(gated.model, gated.emitter.shapes));
    // The gate model: the live build's nodes, cut down to what the gate tensors need.
    const e = live.emitter;
    const outputs = gateNames.map((g) => {
      const info = live.gateInfo.get(g)!;
      const to = floatGates.get(g);
      if (to !== undefined) e.emitNamed('Cast', [live.gates.get(g)!], [g], { to });
      else e.emitNamed('Identity', [live.gates.get(g)!], [g]);
      return valueInfo(g, to ?? info.elemType, dimsToValueInfoDims(info.dims));
    });
    const inputs = live.graphInputs;
    gates = serializeModel(assembleModel(live.model, e.nodes, live.initializers, inputs, outputs, 'gates'));
  }

  return {
    warnings,
    params,
    numParams: params.reduce((a, p) => a + p.size, 0),
    theta: initialTheta(fg, params),
    dataInputs: fg.dataInputs.filter((n) => n !== LABELS || loss.kind === 'output'),
    labelsType: loss.labelsType,
    gradient,
    get live() {
      return liveModel();
    },
    gates,
    gateNames,
    hoistedGates: gateNames.filter((g) => live.hoisted.has(g)),
    nchwcConvs,
    foldedBatchNorms,
    ...(loss.classAxis ? { classAxis: loss.classAxis } : {}),
    ...(loss.targets ? { targets: loss.targets } : {}),
    ...(declaredClasses !== undefined ? { declaredClasses } : {}),
  };
}

/** Size of `axis` (negative: from the end) of the graph output `name` as declared in the file, when a positive number. */
function declaredDim(model: ModelProto, name: string, axis: number): number | undefined {
  const dims = model.graph.output.find((o) => o.name === name)?.type?.tensorType?.shape?.dim;
  const d = dims?.[axis < 0 ? dims.length + axis : axis]?.dimValue;
  const n = d === undefined || d === null ? NaN : Number(d);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

