// The rule table the builder uses: the rules engineer's table (src/onnx/rules/index.ts), with the temporary
// bootstrap rules only for op types it does not cover.
import type { RuleTable } from './rules/types.js';
import { bootstrapRules } from './rules/_bootstrap.js';
import { rules } from './rules/index.js';

export function defaultRules(): RuleTable {
  return { ...bootstrapRules, ...rules };
}
