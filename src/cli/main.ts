// The `sane` command line: commander wiring and the single error handler. Each command lives in its own file and
// is a thin layer over the API (src/api), the core loader (src/core) or the gradient exporter (src/onnx).
import { Command, CommanderError } from 'commander';
import { compareCommand, scoreCommand } from './score.js';
import { doctorCommand, type DoctorFlags } from './doctor.js';
import type { ExportFlags } from './export-gradient.js';
import { EXIT, reportError } from './exit.js';
import { addCoreOption, addScoreOptions, classAxisOption, ignoreIndexOption, labelSmoothingOption, paddingRowsOption, type ScoreFlags } from './options.js';
import { parseLoss, parseRegex } from './parse.js';
import { packageInfo } from '../util/package-root.js';
import { SCORE_DEFAULTS } from '../api/defaults.js';
import { registerScaleOutCommands } from './scale-out.js';

const EXIT_CODES_HELP = `
Exit status: 0 ok, 1 other error, 2 usage, 3 input file or data, 4 model (e.g. unsupported op),
5 numerical (non-finite loss or gradient), 6 resources (memory), 7 limit (a per-job cap, cancelled).`;

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('sane')
    .description('SANE, N_eff and the Hessian spectrum of ONNX models exported from PyTorch')
    .version(packageInfo().version, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  addScoreOptions(
    program
      .command('score')
      .description('score one model: SANE ± SE, N_eff, λ_max, λ_min, top eigenvalues, trace')
      .argument('<model>', 'ONNX model file'),
    { plot: true },
  ).action(async (model: string, flags: ScoreFlags) => {
    await scoreCommand(model, flags);
  });

  addScoreOptions(
    program
      .command('compare')
      .description('score several models on the same data and rank them by SANE (smaller is preferred)')
      .argument('<models...>', 'two or more ONNX model files'),
  ).action(async (models: string[], flags: ScoreFlags) => {
    await compareCommand(models, flags);
  });

  addCoreOption(
    program
      .command('doctor')
      .description('which numerical core (native or WASM) and onnxruntime would be used, why, and their versions')
      .option('--json', 'print a JSON object (core, reason, runtime, versions)')
      .option('--verbose', 'stack traces on errors'),
  ).action(async (flags: DoctorFlags) => {
    setExit(await doctorCommand(flags));
  });

  program
    .command('export-gradient')
    .description('write the loss-and-gradient ONNX model (inputs: data, labels, parameters; outputs: loss, grad:NAME)')
    .argument('<model>', 'ONNX model file')
    .requiredOption('--output <file.onnx>', 'where to write the gradient model')
    .option('--loss <loss>', `cross-entropy | mse | bce | output:NAME; default ${SCORE_DEFAULTS.loss}`, parseLoss)
    .option('--params <regex>', 'restrict the parameters to names matching this regular expression', parseRegex)
    .option('--output-name <name>', 'the model output the loss is applied to (default: the first output)')
    .option('--gates', 'also write the frozen-gate pair: OUT.gated.onnx (gates as inputs) and OUT.gates.onnx (computes them)')
    .addOption(paddingRowsOption())
    .addOption(ignoreIndexOption())
    .addOption(classAxisOption({ withData: false }))
    .addOption(labelSmoothingOption())
    .option('--json', 'print what was written as JSON')
    .option('--verbose', 'stack traces on errors')
    .action(async (model: string, flags: ExportFlags) => {
      // Loaded on use: the builder and protobufjs are not needed by the other commands.
      const { exportGradientCommand } = await import('./export-gradient.js');
      await exportGradientCommand(model, flags);
    });

  registerScaleOutCommands(program, setExit);
  return program;
}

/** Runs the CLI on process-style argv (node, script, ...args); returns the exit status. */
export async function run(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  // Decided from argv rather than the parsed flags so that errors during parsing honour it too.
  const verbose = argv.includes('--verbose');
  // `sane score ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return EXIT.ok; // --help, --version
    return reportError(err, verbose, (s) => process.stderr.write(s));
  }
}
