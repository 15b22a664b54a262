// Which ops and which inputs carry a gradient. The builder uses this both to pick the trainable parameters (an
// initializer is trainable when the loss depends on it through differentiable inputs only) and to find the nodes
// on a path from a parameter to the loss. Integer and bool tensors never carry a gradient either (checked by type).

/** Ops whose outputs do not depend differentiably on any input: shape computations, constants, comparisons,
 * piecewise-constant functions (their derivative is zero almost everywhere, as in PyTorch). */
export const NON_DIFFERENTIABLE_OPS: ReadonlySet<string> = new Set([
  'Shape', 'Size', 'Constant', 'ConstantOfShape', 'Range', 'EyeLike', 'NonZero', 'ArgMax', 'ArgMin',
  'Equal', 'Greater', 'GreaterOrEqual', 'Less', 'LessOrEqual', 'Not', 'And', 'Or', 'Xor', 'IsNaN', 'IsInf',
  'Sign', 'Floor', 'Ceil', 'Round', 'OneHot', 'BitShift', 'Mod', 'Unique', 'NonMaxSuppression',
  'RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Multinomial', 'Bernoulli',
  'BitwiseAnd', 'BitwiseOr', 'BitwiseXor', 'BitwiseNot', 'StringNormalizer', 'CategoryMapper',
]);

/**
 * Inputs that are shapes, axes, indices, conditions or statistics. A gradient never flows into these slots, and an
 * initializer used only there is not a parameter. Pow's exponent and Clip's bounds are differentiable in principle
 * but PyTorch never trains them (they are constants such as 2.0 or 6.0 folded into initializers), so they count as
 * non-differentiable here.
 */
const NON_DIFFERENTIABLE_SLOTS: Record<string, readonly number[]> = {
  Reshape: [1],
  Expand: [1],
  Tile: [1],
  Slice: [1, 2, 3, 4],
  Gather: [1],
  GatherElements: [1],
  GatherND: [1],
  ScatterElements: [1],
  ScatterND: [1],
  Squeeze: [1],
  Unsqueeze: [1],
  Pad: [1, 2, 3],
  Resize: [1, 2, 3],
  Upsample: [1],
  Split: [1],
  ReduceSum: [1],
  ReduceMean: [1],
  ReduceMax: [1],
  ReduceMin: [1],
  ReduceProd: [1],
  ReduceL1: [1],
  ReduceL2: [1],
  ReduceLogSum: [1],
  ReduceLogSumExp: [1],
  ReduceSumSquare: [1],
  BatchNormalization: [3, 4],
  Dropout: [1, 2],
  Where: [0],
  Clip: [1, 2],
  Pow: [1],
  TopK: [1],
  CumSum: [1],
  Trilu: [1],
  ConstantOfShape: [0],
  CastLike: [1],
  // labels and class weights of the loss ops (output:NAME models computing their own loss)
  NegativeLogLikelihoodLoss: [1, 2],
  SoftmaxCrossEntropyLoss: [1, 2],
};

export function isDifferentiableSlot(opType: string, slot: number): boolean {
  if (NON_DIFFERENTIABLE_OPS.has(opType)) return false;
  return !(NON_DIFFERENTIABLE_SLOTS[opType]?.includes(slot) ?? false);
}

/** Outputs that never carry a gradient (indices, masks, saved statistics). */
export function isDifferentiableOutput(opType: string, slot: number): boolean {
  if (NON_DIFFERENTIABLE_OPS.has(opType)) return false;
  if (opType === 'MaxPool' || opType === 'TopK' || opType === 'Dropout' || opType === 'LayerNormalization' || opType === 'BatchNormalization') {
    return slot === 0;
  }
  return true;
}
