// The scoring API in one import: score(), compare() and what they take and return.
export { score } from './score.js';
export { compare, rankBySane, type CompareHooks } from './compare.js';
export { prepareScoring, type ScoringSetup } from './setup.js';
export { SCORE_DEFAULTS } from './defaults.js';
export type * from './types.js';
