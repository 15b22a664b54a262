// exportGradient (behind `sane export-gradient`): writes the plain (live) gradient model, or with `gates`, the gated
// model plus its gate model beside it.
import fs from 'node:fs';
import path from 'node:path';
import { SaneError, opt } from '../errors.js';
import { loadModelFileBytes } from './load.js';
import { buildGradientModels, type GradientModels, type LossSpec } from './gradient.js';

export interface ExportGradientOptions {
  loss: LossSpec;
  params?: string;
  /** Model output holding logits/predictions (default: the first output). */
  modelOutput?: string;
  /** Where to write the gradient model. */
  output: string;
  /** Also write the gated gradient model and its gate model (OUT.gated.onnx, OUT.gates.onnx) when there are gates. */
  gates?: boolean;
  /** GradientOptions.paddingRows (default 'frozen'). */
  paddingRows?: 'frozen' | 'trained';
  /** GradientOptions.ignoreIndex (default -100). */
  ignoreIndex?: number;
  /** GradientOptions.classAxis: without data to read the labels' shape from, 'auto' (the default) is axis 1. */
  classAxis?: 1 | -1 | 'auto';
  /** GradientOptions.labelSmoothing (default 0). */
  labelSmoothing?: number;
}

export interface ExportGradientResult {
  /** Files written. */
  files: string[];
  params: { name: string; dims: number[] }[];
  numParams: number;
  dataInputs: string[];
  labelsType: GradientModels['labelsType'];
  gateNames: string[];
  /** Parameters the exporter changed (see exporter-changes.ts). */
  warnings: string[];
}

export function exportGradient(modelPath: string, options: ExportGradientOptions): ExportGradientResult {
  if (!options.output) throw new SaneError('BAD_OPTION', `export-gradient needs ${opt('output', 'OUT.onnx')}`);
  const bytes = loadModelFileBytes(modelPath);
  const g = buildGradientModels(bytes, {
    loss: options.loss,
    params: options.params,
    output: options.modelOutput,
    baseDir: path.dirname(path.resolve(modelPath)),
    label: modelPath,
    paddingRows: options.paddingRows,
    ignoreIndex: options.ignoreIndex,
    classAxis: options.classAxis,
    labelSmoothing: options.labelSmoothing,
  });
  const files: string[] = [];
  const write = (file: string, data: Uint8Array) => {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, data);
    } catch (e) {
      throw new SaneError('BAD_OPTION', `cannot write ${file}: ${(e as Error).message}`, { cause: e });
    }
    files.push(file);
  };
  write(options.output, g.live);
  if (options.gates && g.gates) {
    const stem = options.output.replace(/\.onnx$/i, '');
    write(`${stem}.gated.onnx`, g.gradient);
    write(`${stem}.gates.onnx`, g.gates);
  }
  return {
    files,
    params: g.params.map((p) => ({ name: p.name, dims: p.dims })),
    numParams: g.numParams,
    dataInputs: g.dataInputs,
    labelsType: g.labelsType,
    gateNames: g.gateNames,
    warnings: g.warnings,
  };
}
