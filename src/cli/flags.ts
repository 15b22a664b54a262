// The command-line spelling of the API's options. Lower layers name options with `opt('steps')` tokens
// (src/errors.ts); this table is the one place that knows the flags, so an error seen through the CLI says
// `--steps` and the same error seen through score() says `steps`.
import type { OptionName, OptionSpeller } from '../errors.js';

interface Flag {
  flag: string;
  /** The CLI's spelling of a value where it differs from the API's. */
  value?: (v: string) => string;
}

/** null: the option has no flag (API only). */
export const FLAG_OF_OPTION: Record<OptionName, Flag | null> = {
  loss: { flag: '--loss' },
  estimator: { flag: '--estimator' },
  exactLimit: { flag: '--exact-limit' },
  top: { flag: '--top' },
  steps: { flag: '--steps' },
  probes: { flag: '--probes' },
  seed: { flag: '--seed' },
  saneC: { flag: '--sane-c' },
  neffZ: { flag: '--neff-z' },
  negative: { flag: '--negative' },
  saneK: { flag: '--sane-k' },
  params: { flag: '--params' },
  perLayer: { flag: '--per-layer' },
  density: { flag: '--density' },
  batchSize: { flag: '--batch-size' },
  samples: { flag: '--samples' },
  inputMap: { flag: '--input' },
  labelsKey: { flag: '--labels' },
  ignoreIndex: { flag: '--ignore-index' },
  classAxis: { flag: '--class-axis' },
  labelSmoothing: { flag: '--label-smoothing' },
  gates: { flag: '--gates' },
  paddingRows: { flag: '--padding-rows' },
  fdScheme: { flag: '--fd' },
  fdStep: { flag: '--fd-step' },
  threads: { flag: '--threads' },
  core: { flag: '--core' },
  runtime: { flag: '--runtime', value: (v) => v.replace(/^onnxruntime-/, '') },
  memoryBudget: { flag: '--memory-budget' },
  gateMemoryBudget: null,
  output: { flag: '--output' },
  maxParams: { flag: '--max-params' },
  maxProducts: { flag: '--max-products' },
  maxSeconds: { flag: '--max-seconds' },
  maxInputBytes: { flag: '--max-input-bytes' },
};

export const cliSpelling: OptionSpeller = (name, value) => {
  const f = FLAG_OF_OPTION[name];
  if (!f) return value === undefined ? `the API option ${name}` : `the API option ${name}: ${value}`;
  if (value === undefined) return f.flag;
  return `${f.flag} ${f.value ? f.value(value) : value}`;
};
