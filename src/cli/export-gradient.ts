// `sane export-gradient`: writes the loss-and-gradient model that the scorer itself uses (src/onnx/export.ts).
import { resolve } from 'node:path';
import { SaneError } from '../errors.js';
import { exportGradient, type ExportGradientOptions } from '../onnx/export.js';
import type { LossArg } from './parse.js';

export interface ExportFlags {
  loss?: LossArg;
  params?: string;
  outputName?: string;
  output: string;
  gates?: boolean;
  paddingRows?: 'frozen' | 'trained';
  ignoreIndex?: number;
  classAxis?: 1 | -1 | 'auto';
  labelSmoothing?: number;
  json?: boolean;
  verbose?: boolean;
}

export async function exportGradientCommand(model: string, flags: ExportFlags): Promise<void> {
  if (resolve(model) === resolve(flags.output)) {
    throw new SaneError('BAD_OPTION', `--output would overwrite the input model ${model}; choose another file`);
  }
  const options: ExportGradientOptions = { loss: flags.loss ?? 'cross-entropy', output: flags.output };
  if (flags.params !== undefined) options.params = flags.params;
  if (flags.outputName !== undefined) options.modelOutput = flags.outputName;
  if (flags.gates) options.gates = true;
  if (flags.paddingRows !== undefined) options.paddingRows = flags.paddingRows;
  if (flags.ignoreIndex !== undefined) options.ignoreIndex = flags.ignoreIndex;
  if (flags.classAxis !== undefined) options.classAxis = flags.classAxis;
  if (flags.labelSmoothing !== undefined) options.labelSmoothing = flags.labelSmoothing;
  const r = exportGradient(model, options);
  for (const w of r.warnings) process.stderr.write(`sane: warning: ${model}: ${w}\n`);
  if (flags.json) {
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    return;
  }
  const lines = [
    `wrote ${r.files.join(', ')}`,
    `parameters  ${r.numParams} in ${r.params.length} tensors: ${r.params.map((p) => `${p.name} [${p.dims.join('x')}]`).join(', ')}`,
    `inputs      ${[...r.dataInputs, ...(r.labelsType ? [`labels (${r.labelsType})`] : []), ...r.params.map((p) => p.name)].join(', ')}`,
    `outputs     loss, ${r.params.map((p) => `grad:${p.name}`).join(', ')}`,
  ];
  if (r.gateNames.length > 0 && !flags.gates) {
    lines.push(`note        ${r.gateNames.length} non-smooth selections (ReLU masks, argmaxes) are live in this model; --gates also writes the frozen-gate pair`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}
