// The finite-difference step, shortened where a model needs it. The default relative step (RICHARDSON_REL_STEP,
// src/oracle/hvp.ts) was tuned on small tanh/softmax nets. A deep ReLU network with a saturated softmax is, once its
// selections are frozen, a polynomial of high degree in its weights under a loss whose curvature changes over small
// changes of the logits, and along its sharpest directions that step lies outside the range where the differences
// converge: torchvision's resnet50 (random weights, 8 images of 32x32, loss 6.6) had products whose Richardson error
// estimate ‖R − D1‖/‖R‖ reached 0.12 at the default step and a λ_max 15% below PyTorch's (34399 against 40562), within
// 0.16% at a quarter of the step; test/fixtures/fdstep's deep MLP (loss 34) is 39% low at the default step, 2% at a
// quarter, 1.6e-4 at a sixteenth. The other torchvision exports measured stay below 5e-3 (ResNet-18 1.8e-3), so the
// limit leaves them untouched.
//
// The estimate runs with the limit on the Richardson products; a product past it stops the run (the sharp directions
// appear within the first few Lanczos vectors: product 2 on resnet50), the step of every operator is divided by
// STEP_SHRINK and the estimate starts again from scratch (the products spent are counted, not reused: a Krylov space
// built from two operators would be neither's). At most MAX_SHRINKS times. Float32 rounding grows as the step shrinks
// (its share of an estimate about fourfold per shortening), so a shortening after which the estimate grew by
// NOISE_GROWTH or more is undone and the run finishes at the longer step without the limit. A step the user gave is
// never changed. (Warnings are plain text, read by people and by the CLI alike: the option is named both ways.)
import { FdStepTooLarge, type HvpOperator } from '../oracle/hvp.js';

/** A Richardson product whose error estimate (relative to the largest ‖Hv‖/‖v‖ so far: HvpOperator.fdErrorLimit)
 *  passes this shortens the step. */
export const FD_ERROR_LIMIT = 1e-2;
/** Each shortening divides the step by this (the central difference's truncation error by its square). */
export const STEP_SHRINK = 4;
/** At most this many shortenings (a step 64 times shorter). */
export const MAX_SHRINKS = 3;
/** An estimate this many times the previous one after a shortening: rounding, not truncation (see above). */
export const NOISE_GROWTH = 3.5;

export interface StepShortening<T> {
  result: T;
  /** How many times the step was divided by STEP_SHRINK. */
  shortenings: number;
  warning?: string;
}

/** Runs `estimate` on `operators` (their Richardson products checked), shortening their step as above if `adapt`. */
export async function estimateWithShortening<T>(
  estimate: () => Promise<T>, operators: HvpOperator[], adapt: boolean,
): Promise<StepShortening<T>> {
  if (!adapt) return { result: await estimate(), shortenings: 0 };
  const history: { relStep: number; fdError: number }[] = [];
  let shortenings = 0;
  let limited = true;
  try {
    for (;;) {
      for (const x of operators) x.fdErrorLimit = limited ? FD_ERROR_LIMIT : undefined;
      try {
        const result = await estimate();
        return { result, shortenings, warning: history.length ? warningFor(history, operators[0]) : undefined };
      } catch (e) {
        if (!(e instanceof FdStepTooLarge)) throw e;
        const previous = history[history.length - 1];
        history.push({ relStep: e.relStep, fdError: e.fdError });
        if (previous && e.fdError >= NOISE_GROWTH * previous.fdError) {
          for (const x of operators) x.stepScale *= STEP_SHRINK;
          shortenings--;
          limited = false;
        } else {
          for (const x of operators) x.stepScale /= STEP_SHRINK;
          shortenings++;
          limited = shortenings < MAX_SHRINKS;
        }
        // The error estimates reported are those of the products the result comes from.
        for (const x of operators) x.resetErrors();
      }
    }
  } finally {
    for (const x of operators) x.fdErrorLimit = undefined;
  }
}

function warningFor(history: { relStep: number; fdError: number }[], op: HvpOperator): string {
  const seen = history.map((h) => `${h.fdError.toPrecision(2)} at ${h.relStep.toPrecision(2)}`).join(', ');
  const worst = op.worstScaledError;
  return (
    `the finite-difference step was set to ${(op.relStep as number).toPrecision(2)} of the parameters' scale: ` +
    `products' error estimates passed ${FD_ERROR_LIMIT} at longer steps (${seen}), the model's curvature changing ` +
    `within the default step` +
    (worst > FD_ERROR_LIMIT ? `; they reach ${worst.toPrecision(2)} at this step too, so the products may be inexact` : '') +
    '; fdStep (--fd-step) sets the step'
  );
}
