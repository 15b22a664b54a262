// The rule table the builder uses: the rules engineer's table (src/onnx/rules/index.ts).
import type { RuleTable } from './rules/types.js';
import { rules } from './rules/index.js';

export function defaultRules(): RuleTable {
  return { ...rules };
}
