// The rule table the builder uses, assembled from one file per op family, and the ops that never carry a gradient.
import type { NonDifferentiableOps, RuleTable } from './types.js';
import { activationRules } from './activation.js';
import { elementwiseRules } from './elementwise.js';
import { linearRules } from './linear.js';
import { lossRules } from './losses.js';
import { normalizationRules } from './normalization.js';
import { poolingRules } from './pooling.js';
import { reduceRules } from './reduce.js';
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
};

/**
 * Op types that can be differentiated (default domain): those with a rule, and LSTM / GRU / RNN, which
 * src/onnx/recurrent.ts unrolls into ops with rules before the gradient graph is built.
 */
export const supportedOps: readonly string[] = [...Object.keys(rules), 'LSTM', 'GRU', 'RNN'].sort();

/**
 * Ops whose outputs carry no gradient: shape computations, constants, comparisons, index producers. The builder
 * never asks them for a vjp (their outputs are integer/bool or independent of the parameters' values).
 */
export const nonDifferentiableOps: NonDifferentiableOps = new Set([
  'Shape',
  'Size',
  'Constant',
  'ConstantOfShape',
  'Range',
  'EyeLike',
  'RandomNormal',
  'RandomNormalLike',
  'RandomUniform',
  'RandomUniformLike',
  'Equal',
  'Greater',
  'GreaterOrEqual',
  'Less',
  'LessOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'IsNaN',
  'IsInf',
  'ArgMax',
  'ArgMin',
  'NonZero',
  'Sign',
  'Floor',
  'Ceil',
  'Round',
  'OneHot',
]);
