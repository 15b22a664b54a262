// Exporter-changed parameters (issue 7, item 3): whether the trainable initializers of an ONNX model are not the
// PyTorch module's parameters in a way that changes the Hessian spectrum.
//
// torch.onnx.export in its default eval mode (training=TrainingMode.EVAL, with or without constant folding) folds
// every BatchNormalization that follows a convolution into it: the Conv's weight becomes w·γ/√(σ²+ε) and its bias
// (β − μγ/√(σ²+ε)), stored as new initializers named `onnx::Conv_<n>`, and the BatchNormalization node disappears. The
// model computes the same function, but the parameters are a different (per-channel rescaled) coordinate system, and
// γ, β are gone: the Hessian in those coordinates has another spectrum than PyTorch's. A parameter of the module
// keeps its own name (`layer1.0.conv1.weight`, or `w` for a root parameter), so an exporter-made name on the weight
// or bias of a Conv, ConvTranspose or Gemm is the sign. A Linear applied to a 3-D input is stored transposed under
// `onnx::MatMul_<n>`: a permutation of the same parameters, with the same spectrum, so MatMul is not flagged.
import { parseModel, type ModelProto, type NodeProto } from './load.js';

/** Ops whose weight/bias an eval-mode export replaces when it folds a following BatchNormalization into them. */
const FOLD_TARGETS = new Set(['Conv', 'ConvTranspose', 'Gemm']);

/** Initializer names torch.onnx.export makes up for tensors it computed (constant folding, BatchNorm fusion). */
const EXPORTER_MADE = /^onnx::[A-Za-z]+_\d+$/;

/**
 * Human-readable warnings (empty when nothing is detected) about parameters the exporter changed in a way that changes
 * the spectrum. Pure: reads the model only. Accepts a parsed model or the bytes of an .onnx file.
 */
export function detectExporterChanges(model: ModelProto | Uint8Array): string[] {
  const m = model instanceof Uint8Array ? parseModel(model) : model;
  const g = m.graph;
  const inits = new Set((g.initializer ?? []).map((t) => t.name ?? ''));
  const folded: { node: NodeProto; names: string[] }[] = [];
  for (const n of g.node) {
    if (!FOLD_TARGETS.has(n.opType) || (n.domain && n.domain !== 'ai.onnx')) continue;
    // weight and bias (Gemm: B and C); input 0 is the activation
    const names = n.input.slice(1, 3).filter((t) => t && inits.has(t) && EXPORTER_MADE.test(t));
    if (names.length > 0) folded.push({ node: n, names });
  }
  if (folded.length === 0) return [];
  const shown = folded.slice(0, 5).map(({ node, names }) => `${node.opType} "${node.name || node.output[0]}" (${names.join(', ')})`);
  const more = folded.length > shown.length ? ` and ${folded.length - shown.length} more` : '';
  const hasBn = g.node.some((n) => n.opType === 'BatchNormalization');
  return [
    `${folded.length} layer${folded.length === 1 ? '' : 's'} hold${folded.length === 1 ? 's' : ''} parameters that the exporter computed rather than ` +
      `the PyTorch module's: ${shown.join('; ')}${more}. An eval-mode torch.onnx.export folds BatchNormalization into the ` +
      `convolution before it${hasBn ? ' (the BatchNormalization nodes left in this model follow no convolution)' : ''}, so the Hessian is taken in the fused, ` +
      `rescaled weights and its spectrum (SANE, N_eff, λ_max) is not the PyTorch model's. To keep PyTorch's parameters, export with ` +
      `torch.onnx.export(model, x, path, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False) (model.eval() first).`,
  ];
}
