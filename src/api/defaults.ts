// The defaults of score()'s options, in one table: the option resolver fills them in and the CLI's help text quotes
// them, so the two cannot drift apart. Options absent here default to "decided later" (a batch size from the data,
// the Lanczos steps and probes from the estimator, the FD step from the core, the runtime from what loads).
import { DEFAULT_EXACT_LIMIT } from '../estimators/exact.js';

export const SCORE_DEFAULTS = {
  loss: 'cross-entropy',
  estimator: 'auto',
  exactLimit: DEFAULT_EXACT_LIMIT,
  top: 5,
  seed: 0,
  saneC: 0.5,
  neffZ: 1,
  negative: 'abs',
  saneK: 1,
  perLayer: false,
  density: true,
  labelsKey: 'y',
  ignoreIndex: -100,
  classAxis: 'auto',
  labelSmoothing: 0,
  gates: 'frozen',
  paddingRows: 'frozen',
  // Richardson-extrapolated central differences for the extremes (exact, lanczos), plain central differences for
  // the SLQ probes, whose statistical error (percents) dwarfs the finite-difference error (src/oracle/hvp.ts). Forward
  // differences for the probes were measured and not taken (README "The finite-difference step").
  fdScheme: 'auto',
} as const;
