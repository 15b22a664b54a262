// When a rewrite that trades work on a Conv's activations for work on its weights pays. Two rewrites of the gradient
// model do that: folding a following BatchNormalization into the Conv (fold.ts: the BN's passes over the activations,
// forward and backward, become passes over the weights, W' = W·s, dW and ds from dW', and W' stays alive from the
// forward pass to the backward one) and onnxruntime's blocked NCHWc Conv (nchwc.ts: a faster kernel on the
// activations, paid for by reordering the weights, which are graph inputs, in every gradient). Both pay where the
// activations are the larger, as on resnet8 with 256 images of 32×32 (bench/), and cost where the weights are, as in
// a ResNet's deep layers on a few small images: on resnet101 with 8 images of 32×32 (42.5M parameters, 2-core
// machine) a gradient took about 6.5 s and held 8·P bytes in onnxruntime with both rewrites everywhere, 4.5 s and
// 4.5·P without the folding, 3 s and 3.9·P with neither.

/**
 * Whether the rewrite pays for one Conv, from its output dims ([N, M, spatial...], N possibly symbolic) and its
 * weight dims ([M, C/group, kernel...]), when a batch has `rows` samples: the weights per output channel
 * (C·kernel) no more than the output per channel over the batch (rows·spatial). Unknown spatial dims: it pays (the
 * rewrites' behaviour before this check).
 */
export function weightSideRewritePays(outDims: readonly (number | string)[] | undefined, weightDims: readonly number[], rows: number): boolean {
  const spatial = outDims?.slice(2);
  if (!spatial || spatial.length === 0 || spatial.some((d) => typeof d !== 'number')) return true;
  const perChannel = rows * (spatial as number[]).reduce((a, b) => a * b, 1);
  return perChannel >= weightDims.slice(1).reduce((a, b) => a * b, 1);
}

/** The per-Conv decision for a build whose batches have `rows` samples, over the given shapes; undefined (every Conv
 *  rewritten, as before the check) when the rows are not known. */
export function rewritePaysFor(
  shapeOf: (t: string) => { dims?: readonly (number | string)[] } | undefined, rows: number | undefined,
): ((convOutput: string, weightDims: number[]) => boolean) | undefined {
  if (rows === undefined || !(rows > 0)) return undefined;
  return (y, wd) => weightSideRewritePays(shapeOf(y)?.dims, wd, rows);
}
