// The rule table the builder uses by default: the per-family rules of src/onnx/rules/ (options.rules overrides it).
import type { RuleTable } from './rules/types.js';
import { rules } from './rules/index.js';

export function defaultRules(): RuleTable {
  return rules;
}
