// The scoring options shared by `sane score` and `sane compare`, and their translation into ScoreOptions. Defaults
// are filled in by score() from SCORE_DEFAULTS (src/api/defaults.ts), which the help text quotes, so the CLI and
// the API cannot drift apart; only values the user gave are passed on.
import { Command, Option } from 'commander';
import type { ScoreOptions, RuntimeName } from '../api/types.js';
import { SCORE_DEFAULTS as D } from '../api/defaults.js';
import {
  collectInputMapping,
  parseByteSize,
  parseChoice,
  parseAnyInteger,
  parseLoss,
  parseNonNegativeInt,
  parsePositiveFloat,
  parsePositiveInt,
  parseRegex,
  parseUnitFloat,
  type LossArg,
} from './parse.js';

export const CORE_CHOICES = ['auto', 'native', 'wasm'] as const;
export const RUNTIME_CHOICES = ['node', 'web'] as const;

/** What commander hands the action for the scoring options (camel-cased flag names). */
export interface ScoreFlags {
  data: string;
  loss?: LossArg;
  estimator?: ScoreOptions['estimator'];
  exactLimit?: number;
  top?: number;
  steps?: number;
  probes?: number;
  seed?: number;
  saneC?: number;
  neffZ?: number;
  negative?: ScoreOptions['negative'];
  saneK?: number;
  params?: string;
  perLayer?: boolean;
  batchSize?: number;
  samples?: number;
  input?: Record<string, string>;
  labels?: string;
  gates?: ScoreOptions['gates'];
  paddingRows?: ScoreOptions['paddingRows'];
  ignoreIndex?: number;
  classAxis?: ScoreOptions['classAxis'];
  labelSmoothing?: number;
  fd?: ScoreOptions['fdScheme'];
  fdStep?: number;
  threads?: number;
  core?: (typeof CORE_CHOICES)[number];
  runtime?: (typeof RUNTIME_CHOICES)[number];
  memoryBudget?: number;
  maxParams?: number;
  maxProducts?: number;
  maxSeconds?: number;
  maxInputBytes?: number;
  json?: boolean;
  density?: boolean;
  plot?: string;
  verbose?: boolean;
}

function choice<T extends string>(flags: string, description: string, choices: readonly T[], what: string): Option {
  // Option.choices() would do, but its message does not say which option; ours does, and exits 2 the same way.
  return new Option(flags, `${description} (${choices.join('|')})`).argParser(parseChoice(choices, what));
}

export function addCoreOption(cmd: Command): Command {
  return cmd.addOption(
    choice('--core <build>', 'numerical core build; default: $SANE_CORE, else native with WASM fallback', CORE_CHOICES, '--core'),
  );
}

/** Shared by score and export-gradient: both build the gradient model the option changes. */
export function paddingRowsOption(): Option {
  return choice(
    '--padding-rows <mode>',
    `an embedding table's only all-zero row (nn.Embedding's padding_idx): frozen: no gradient from its lookups, as in PyTorch; trained: an ordinary parameter; default ${D.paddingRows}`,
    ['frozen', 'trained'] as const,
    '--padding-rows',
  );
}

/** Shared by score and export-gradient (a build option there too). */
export function ignoreIndexOption(): Option {
  return new Option('--ignore-index <k>', `cross-entropy: labels equal to k are left out of the mean, as PyTorch's ignore_index (default ${D.ignoreIndex})`).argParser(parseAnyInteger);
}

/** Shared by score and export-gradient (a build option there too). */
export function labelSmoothingOption(): Option {
  return new Option('--label-smoothing <eps>', `cross-entropy: PyTorch's label_smoothing, targets (1 - eps)·y + eps/classes (default ${D.labelSmoothing})`).argParser(parseUnitFloat);
}

const CLASS_AXES = { '1': 1, '-1': -1, auto: 'auto' } as const;

/** Shared by score and export-gradient: where cross-entropy reads the classes. */
export function classAxisOption({ withData = true }: { withData?: boolean } = {}): Option {
  const parse = parseChoice(Object.keys(CLASS_AXES) as (keyof typeof CLASS_AXES)[], '--class-axis');
  const auto = withData ? "the last when only that fits the labels' shape, else 1" : '1 (no labels to read the shape from)';
  return new Option(
    '--class-axis <axis>',
    `cross-entropy: the logits' class axis: 1 as PyTorch's F.cross_entropy; -1 the last (a language model's [batch, seq, vocab] with labels [batch, seq]); auto: ${auto}; default ${D.classAxis} (1|-1|auto)`,
  ).argParser((v: string) => CLASS_AXES[parse(v)]);
}

/** `plot`: only `sane score` draws one (a plot per model would need a file name per model). */
export function addScoreOptions(cmd: Command, { plot = false }: { plot?: boolean } = {}): Command {
  cmd
    .requiredOption('--data <file>', 'samples: .npz (arrays named after the model inputs, labels in y) or .npy')
    .option('--loss <loss>', `cross-entropy | mse | bce (binary cross-entropy on logits, or on a final Sigmoid's probabilities) | output:NAME (a scalar loss output of the model); default ${D.loss}`, parseLoss)
    .addOption(
      choice(
        '--estimator <name>',
        `exact: all P products; lanczos: extreme eigenvalues; slq: stochastic quadrature; auto: exact for small P, else lanczos+slq; default ${D.estimator}`,
        ['auto', 'exact', 'lanczos', 'slq'] as const,
        '--estimator',
      ),
    )
    .option('--exact-limit <P>', `largest P for the exact estimator (default ${D.exactLimit})`, parsePositiveInt)
    .option('--top <K>', `number of top eigenvalues to report (default ${D.top})`, parsePositiveInt)
    .option('--steps <M>', 'cap on the Lanczos steps (lanczos: default max(60, 3·top + 20), stops when converged; each SLQ probe: default 150, stops when its quadrature settles; what a capped probe leaves unsettled is in the error bars, and a warning says so)', parsePositiveInt)
    .option('--probes <N>', 'SLQ probe vectors (default: up to 10, stopping after 4 once their spread is negligible next to the quadrature error)', parsePositiveInt)
    .option('--seed <S>', `seed of probes, start vectors and the --samples subset (default ${D.seed})`, parseNonNegativeInt)
    .option('--sane-c <C>', `SANE threshold factor c (default ${D.saneC})`, parsePositiveFloat)
    .option('--neff-z <Z>', `N_eff scale z (default ${D.neffZ})`, parsePositiveFloat)
    .addOption(choice('--negative <policy>', `negative eigenvalues: |λ| or clipped to 0 (default ${D.negative})`, ['abs', 'clip'] as const, '--negative'))
    .option('--sane-k <K>', `SANE_k: scale by the k-th largest |λ| instead of λ_max (default ${D.saneK})`, parsePositiveInt)
    .option('--params <regex>', 'restrict the parameters to names matching this regular expression', parseRegex)
    .option('--per-layer', 'also report SANE per parameter group')
    .option('--batch-size <B>', 'samples per onnxruntime run (the loss stays the mean over all samples)', parsePositiveInt)
    .option('--samples <N>', 'score a random subset of N samples (drawn with --seed)', parsePositiveInt)
    .option('--input <NAME=KEY>', 'feed data array KEY to model input NAME (repeatable)', collectInputMapping)
    .option('--labels <key>', `data array holding the labels (default ${D.labelsKey})`)
    .addOption(ignoreIndexOption())
    .addOption(classAxisOption())
    .addOption(labelSmoothingOption())
    .addOption(
      choice('--gates <mode>', `frozen: hold ReLU masks/argmaxes at θ; live: plain finite differences; default ${D.gates}`, ['frozen', 'live'] as const, '--gates'),
    )
    .addOption(paddingRowsOption())
    .addOption(choice('--fd <scheme>', `finite-difference scheme; auto: richardson (4 gradients a product) for exact/lanczos, central (2) for slq probes; default ${D.fdScheme}`, ['auto', 'central', 'forward', 'richardson'] as const, '--fd'))
    .option('--fd-step <h>', 'relative finite-difference step (default: chosen by the core, shortened where the products show it too long; given, it is kept)', parsePositiveFloat)
    .option('--threads <T>', 'onnxruntime intra-op threads', parsePositiveInt);
  addCoreOption(cmd);
  cmd
    .addOption(
      choice(
        '--runtime <name>',
        'onnxruntime package; default: node when it loads (with either core), else web',
        RUNTIME_CHOICES,
        '--runtime',
      ),
    )
    .option('--memory-budget <bytes>', 'memory for the Lanczos basis, e.g. 2GiB, 512MiB, 1e9 (default: a share of free memory)', parseByteSize)
    .option('--max-params <n>', 'refuse a model with more parameters (exit 7)', parsePositiveInt)
    .option('--max-products <n>', 'stop after this many Hessian-vector products (exit 7)', parsePositiveInt)
    .option('--max-seconds <s>', 'stop after this much wall time, checked after each product (exit 7)', parsePositiveFloat)
    .option('--max-input-bytes <bytes>', 'bytes the data arrays and model tensors may declare, e.g. 1GiB (default: a quarter of RAM, at most 2 GiB)', parseByteSize)
    .option('--json', 'print one JSON object (the ScoreResult) on stdout instead of the summary')
    .option('--density', 'with --json: include the spectral density arrays (grid, values)');
  if (plot) cmd.option('--plot <file.svg>', 'write the spectral density with λ_max and c·λ_max marked (SVG)');
  cmd.option('--verbose', 'stack traces on errors');
  return cmd;
}

const RUNTIME_NAME: Record<(typeof RUNTIME_CHOICES)[number], RuntimeName> = {
  node: 'onnxruntime-node',
  web: 'onnxruntime-web',
};

/** Only the options the user set; score() fills in the defaults. */
export function toScoreOptions(f: ScoreFlags): ScoreOptions {
  const o: ScoreOptions = {};
  if (f.loss !== undefined) o.loss = f.loss;
  if (f.estimator !== undefined) o.estimator = f.estimator;
  if (f.exactLimit !== undefined) o.exactLimit = f.exactLimit;
  if (f.top !== undefined) o.top = f.top;
  if (f.steps !== undefined) o.steps = f.steps;
  if (f.probes !== undefined) o.probes = f.probes;
  if (f.seed !== undefined) o.seed = f.seed;
  if (f.saneC !== undefined) o.saneC = f.saneC;
  if (f.neffZ !== undefined) o.neffZ = f.neffZ;
  if (f.negative !== undefined) o.negative = f.negative;
  if (f.saneK !== undefined) o.saneK = f.saneK;
  if (f.params !== undefined) o.params = f.params;
  if (f.perLayer) o.perLayer = true;
  // The density is long to print and only --json --density and --plot show it.
  o.density = !!(f.density || f.plot !== undefined);
  if (f.batchSize !== undefined) o.batchSize = f.batchSize;
  if (f.samples !== undefined) o.samples = f.samples;
  if (f.input !== undefined) o.inputMap = f.input;
  if (f.labels !== undefined) o.labelsKey = f.labels;
  if (f.ignoreIndex !== undefined) o.ignoreIndex = f.ignoreIndex;
  if (f.classAxis !== undefined) o.classAxis = f.classAxis;
  if (f.labelSmoothing !== undefined) o.labelSmoothing = f.labelSmoothing;
  if (f.gates !== undefined) o.gates = f.gates;
  if (f.paddingRows !== undefined) o.paddingRows = f.paddingRows;
  if (f.fd !== undefined) o.fdScheme = f.fd;
  if (f.fdStep !== undefined) o.fdStep = f.fdStep;
  if (f.threads !== undefined) o.threads = f.threads;
  if (f.core !== undefined) o.core = f.core;
  if (f.runtime !== undefined) o.runtime = RUNTIME_NAME[f.runtime];
  if (f.memoryBudget !== undefined) o.memoryBudget = f.memoryBudget;
  if (f.maxParams !== undefined) o.maxParams = f.maxParams;
  if (f.maxProducts !== undefined) o.maxProducts = f.maxProducts;
  if (f.maxSeconds !== undefined) o.maxSeconds = f.maxSeconds;
  if (f.maxInputBytes !== undefined) o.maxInputBytes = f.maxInputBytes;
  return o;
}
