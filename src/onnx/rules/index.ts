// The rule table the builder uses, assembled from one file per op family, and the ops that never carry a gradient.
import type { RuleTable } from './types.js';
import { activationRules } from './activation.js';
import { elementwiseRules } from './elementwise.js';
import { linearRules } from './linear.js';
import { lossRules } from './losses.js';
import { normalizationRules } from './normalization.js';
import { poolingRules } from './pooling.js';
import { reduceRules } from './reduce.js';
import { samplingRules } from './sampling.js';
import { shapeRules } from './shape.js';

export { RuleError } from './util.js';

export const rules: RuleTable = {
  ...elementwiseRules,
  ...activationRules,
  ...linearRules,
  ...poolingRules,
  ...normalizationRules,
  ...shapeRules,
  ...reduceRules,
  ...lossRules,
  ...samplingRules,
};

/**
 * Op types that can be differentiated (default domain): those with a rule, and LSTM / GRU / RNN, which
 * src/onnx/recurrent.ts unrolls into ops with rules before the gradient graph is built.
 */
export const supportedOps: readonly string[] = [...Object.keys(rules), 'LSTM', 'GRU', 'RNN'].sort();

/** Ops that never carry a gradient: one list, kept with the slot rules in src/onnx/differentiable.ts. */
export { NON_DIFFERENTIABLE_OPS as nonDifferentiableOps } from '../differentiable.js';
