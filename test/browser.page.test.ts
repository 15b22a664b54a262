// The demo page (web/index.html) in headless Chromium: it scores models in the page (WASM core + onnxruntime-web in
// a Web Worker) to the CLI's numbers and to PyTorch's, shows progress and the plot, and shows errors. The bundle is
// rebuilt first (npm run build:browser), so the page under test is the current source.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSane } from './helpers/cli.js';
import { launchChromium, pageOutcome, recordStatus, serveRepo, type HeadlessChromium, type PageOutcome, type StaticServer } from './helpers/browser.js';
import { benchDir, fixturesDir, repoRoot } from './helpers/paths.js';

const run = promisify(execFile);
const PAGE_TIMEOUT_MS = 150_000;

interface Result {
  sane: number;
  neff: number;
  lambdaMax: number;
  lambdaMin: number;
  topEigenvalues: number[];
  numParams: number;
  estimator: string;
  backend: { core: string; runtime: string };
  model: string;
  options: Record<string, unknown>;
  error?: { name: string; message: string; reason?: string; code?: string; hint?: string };
}

interface TorchReference {
  lambda_max: number;
  metrics: Record<string, number | number[]>;
}

let server: StaticServer;
let chromium: HeadlessChromium;

beforeAll(async () => {
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-browser.mjs')], { cwd: repoRoot, timeout: 120_000 });
  server = await serveRepo({ '/__fixtures': fixturesDir, '/__bench': benchDir });
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** A fresh tab on the page (with its #status texts recorded); page errors fail the test that opened it. */
async function openPage(query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await chromium.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await recordStatus(page);
  await page.goto(`${server.origin}/web/${query}`);
  return { page, errors };
}

async function scoreInPage(query: string): Promise<PageOutcome & { page: Page; errors: string[] }> {
  const { page, errors } = await openPage(query);
  return { ...(await pageOutcome(page, PAGE_TIMEOUT_MS)), page, errors };
}

async function cli(model: string, data: string, extra: string[] = []): Promise<Result> {
  const r = await runSane(['score', model, '--data', data, '--json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Result;
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function expectSameSpectrum(page: Result, ref: Result, tol: number): void {
  expect(Math.abs(page.sane - ref.sane)).toBeLessThanOrEqual(tol);
  expect(Math.abs(page.neff - ref.neff)).toBeLessThanOrEqual(tol);
  expect(Math.abs(page.lambdaMax - ref.lambdaMax)).toBeLessThanOrEqual(tol);
  expect(page.topEigenvalues.length).toBe(ref.topEigenvalues.length);
  page.topEigenvalues.forEach((x, i) => expect(Math.abs(x - ref.topEigenvalues[i])).toBeLessThanOrEqual(tol));
}

function expectTorch(page: Result, jsonFile: string, tol: number): void {
  const ref = JSON.parse(readFileSync(jsonFile, 'utf8')) as TorchReference;
  expect(relErr(page.sane, ref.metrics['sane_c0.5'] as number)).toBeLessThan(tol);
  expect(relErr(page.neff, ref.metrics['neff_z1'] as number)).toBeLessThan(tol);
  expect(relErr(page.lambdaMax, ref.lambda_max)).toBeLessThan(tol);
}

describe('demo page in headless Chromium', () => {
  it('scores the bundled example (?model=&data=) to the CLI\'s SANE, with progress and the density plot', async () => {
    const out = await scoreInPage('?model=/examples/spirals_lr0.5.onnx&data=/examples/spirals.npz');
    expect(out.errors).toEqual([]);
    expect(out.state, out.errorText).toBe('done');
    const r = out.result as unknown as Result;
    expect(r.backend).toEqual({ core: 'wasm', runtime: 'onnxruntime-web' });
    expect(r.model).toBe('spirals_lr0.5.onnx');
    expect(r.numParams).toBe(371);
    expect(r.options.threads).toBe(1); // not cross-origin isolated: onnxruntime-web cannot have threads

    // The CLI on the same runtime (onnxruntime-web in Node, with its default core): the same numbers.
    const sameRuntime = await cli('examples/spirals_lr0.5.onnx', 'examples/spirals.npz', ['--runtime', 'web']);
    expectSameSpectrum(r, sameRuntime, 1e-6);
    // The CLI's default (onnxruntime-node): float32 gradients from other kernels. Measured: |ΔSANE| 2.3e-7 (1e-7
    // relative), the whole difference coming from the runtime (with onnxruntime-web the two cores agree to 1e-15).
    const cliDefault = await cli('examples/spirals_lr0.5.onnx', 'examples/spirals.npz');
    expect(relErr(r.sane, cliDefault.sane)).toBeLessThan(1e-6);
    // PyTorch's exact Hessian (examples/make_examples.py).
    expectTorch(r, path.join(repoRoot, 'examples', 'spirals_lr0.5.json'), 1e-3);

    // What the user sees: the metrics, progress up to the last product, the plot.
    const shown = await out.page.evaluate(() => ({
      sane: document.getElementById('sane')?.textContent,
      top: document.getElementById('top')?.textContent,
      plot: document.querySelector('#plot svg')?.outerHTML.length ?? 0,
      bar: [(document.getElementById('progress') as HTMLProgressElement).value, (document.getElementById('progress') as HTMLProgressElement).max],
    }));
    expect(Number(shown.sane)).toBeCloseTo(r.sane, 5);
    expect(shown.top?.split(', ').length).toBe(5);
    expect(shown.plot).toBeGreaterThan(1000);
    expect(shown.bar).toEqual([371, 371]);
    expect(out.statusLog.some((s) => s.startsWith('building the gradient graph'))).toBe(true);
    expect(out.statusLog.some((s) => /^exact: 1 \/ 371 Hessian-vector products/.test(s))).toBe(true);
    expect(out.statusLog.some((s) => /^exact: 371 \/ 371 Hessian-vector products/.test(s))).toBe(true);
    await out.page.close();
  });

  it('scores files chosen and dropped in the page', async () => {
    const { page, errors } = await openPage();
    // The model through the file input, the data dropped on the drop zone (a drop event carrying a File).
    const model = await page.$('input#model-file'); // typed by puppeteer as an <input>, which uploadFile needs
    await model!.uploadFile(path.join(repoRoot, 'examples', 'spirals_lr0.05.onnx'));
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('idle'); // waits for the second file
    await page.evaluate(async () => {
      const bytes = await (await fetch('/examples/spirals.npz')).arrayBuffer();
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'spirals.npz'));
      document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const out = await pageOutcome(page, PAGE_TIMEOUT_MS);
    expect(errors).toEqual([]);
    expect(out.state, out.errorText).toBe('done');
    const r = out.result as unknown as Result;
    expect(r.model).toBe('spirals_lr0.05.onnx');
    expectSameSpectrum(r, await cli('examples/spirals_lr0.05.onnx', 'examples/spirals.npz', ['--runtime', 'web']), 1e-6);
    expectTorch(r, path.join(repoRoot, 'examples', 'spirals_lr0.05.json'), 1e-3);
    await page.close();
  });

  it('scores a CNN with frozen ReLU/MaxPool gates (shared fixture) like the CLI and PyTorch', async () => {
    const model = path.join(fixturesDir, 'cnn_lr0.3.onnx');
    const data = path.join(fixturesDir, 'cnn_lr0.3.npz');
    const out = await scoreInPage('?model=/__fixtures/cnn_lr0.3.onnx&data=/__fixtures/cnn_lr0.3.npz');
    expect(out.errors).toEqual([]);
    expect(out.state, out.errorText).toBe('done');
    const r = out.result as unknown as Result;
    expectSameSpectrum(r, await cli(model, data, ['--runtime', 'web']), 1e-6);
    expectTorch(r, path.join(fixturesDir, 'cnn_lr0.3.json'), 1e-3);
    await out.page.close();
  });

  /** A PyTorch fixture of test/fixtures/models scored exactly in the page with `query` added: PyTorch's spectrum, to the
   *  exact estimator's tolerance against PyTorch's float64 Hessian (test/torchvision.models.test.ts). */
  async function expectFixtureSpectrum(name: string, query: string): Promise<void> {
    const out = await scoreInPage(`?model=/test/fixtures/models/${name}.onnx&data=/test/fixtures/models/${name}.npz&estimator=exact&${query}`);
    expect(out.errors).toEqual([]);
    expect(out.state, out.errorText).toBe('done');
    const r = out.result as unknown as Result;
    const ref = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'models', `${name}.json`), 'utf8')) as { sane: number; lambda_max: number };
    expect(relErr(r.sane, ref.sane)).toBeLessThan(1e-3);
    expect(relErr(r.lambdaMax, ref.lambda_max)).toBeLessThan(1e-3);
    await out.page.close();
  }

  it('takes the loss from the query: a Sigmoid-output binary classifier with ?loss=bce gets PyTorch\'s BCELoss spectrum', async () => {
    await expectFixtureSpectrum('bce_sigmoid_probability', 'loss=bce');
  });

  it('takes classAxis from the query: a language model whose sequence length equals its vocabulary needs ?classAxis=-1', async () => {
    // Without it the labels fit axis 1 too and PyTorch's axis 1 is taken: SANE 13.13 and λ_max 0.310 instead of 11.71, 0.613.
    await expectFixtureSpectrum('lm_square_classes_last', 'classAxis=-1');
  });

  it('takes labelSmoothing from the query: PyTorch\'s label_smoothing=0.1 on a segmentation map with ignored positions', async () => {
    await expectFixtureSpectrum('label_smoothing_map', 'labelSmoothing=0.1');
  });

  it('scores a residual CNN with BatchNorm (resnet8, 77,850 parameters) like the CLI', async () => {
    // Lanczos with few steps on few samples keeps this short; the page and the CLI get the same options.
    const opts = { estimator: 'lanczos', steps: '8', samples: '16' };
    const query = new URLSearchParams({ model: '/__bench/resnet8.onnx', data: '/__bench/resnet8.npz', ...opts });
    const out = await scoreInPage(`?${query}`);
    expect(out.errors).toEqual([]);
    expect(out.state, out.errorText).toBe('done');
    const r = out.result as unknown as Result;
    expect(r.numParams).toBe(77_850);
    const ref = await cli(path.join(benchDir, 'resnet8.onnx'), path.join(benchDir, 'resnet8.npz'), [
      '--runtime', 'web', '--estimator', opts.estimator, '--steps', opts.steps, '--samples', opts.samples,
    ]);
    expect(r.estimator).toBe('lanczos');
    expect(Math.abs(r.lambdaMax - ref.lambdaMax)).toBeLessThanOrEqual(1e-6 * Math.abs(ref.lambdaMax));
    r.topEigenvalues.forEach((x, i) => expect(Math.abs(x - ref.topEigenvalues[i])).toBeLessThanOrEqual(1e-6 * Math.abs(ref.topEigenvalues[i])));
    expect(Math.abs(r.sane - ref.sane)).toBeLessThanOrEqual(1e-6 * Math.abs(ref.sane));
    await out.page.close();
  });

  it('asks onnxruntime-web for threads when the page is cross-origin isolated, with the same result', async () => {
    const isolated = await serveRepo({}, { isolated: true });
    try {
      const page = await chromium.browser.newPage();
      await page.goto(`${isolated.origin}/web/?model=/examples/spirals_lr0.5.onnx&data=/examples/spirals.npz`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const out = await pageOutcome(page, PAGE_TIMEOUT_MS);
      expect(out.state, out.errorText).toBe('done');
      const r = out.result as unknown as Result;
      expectSameSpectrum(r, await cli('examples/spirals_lr0.5.onnx', 'examples/spirals.npz', ['--runtime', 'web']), 1e-6);
      // The worker's choice, recorded in the result's options: one per logical CPU, at most 4.
      const cpus = await page.evaluate(() => navigator.hardwareConcurrency);
      expect(r.options.threads).toBe(Math.max(1, Math.min(4, cpus)));
      await page.close();
    } finally {
      await isolated.close();
    }
  });

  it('shows the scorer\'s error (SaneError) when the model is not ONNX, as score() words it in Node', async () => {
    const out = await scoreInPage('?model=/examples/spirals.npz&data=/examples/spirals.npz');
    expect(out.errors).toEqual([]);
    expect(out.state).toBe('error');
    const e = (out.result as unknown as Result).error!;
    // The same bytes through the Node API give the reference message.
    const { score } = await import('../src/api/score.js');
    const { SaneError } = await import('../src/errors.js');
    const npz = path.join(repoRoot, 'examples', 'spirals.npz');
    const node = await score(new Uint8Array(readFileSync(npz)), npz, { core: 'wasm', runtime: 'onnxruntime-web' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(node).toBeInstanceOf(SaneError);
    const want = node as InstanceType<typeof SaneError>;
    expect(e).toMatchObject({ name: want.name, reason: want.reason, code: want.code, message: want.message });
    expect(out.errorText).toBe(`scoring spirals.npz on spirals.npz failed:\n${want.message}${want.hint ? `\nhint: ${want.hint}` : ''}`);
    expect(await out.page.evaluate(() => document.getElementById('summary')?.hidden)).toBe(true);
    await out.page.close();
  });

  it('cancels a running score', async () => {
    const { page, errors } = await openPage('?model=/__fixtures/cnn_lr0.3.onnx&data=/__fixtures/cnn_lr0.3.npz');
    await page.waitForFunction(() => /Hessian-vector products/.test(document.getElementById('status')?.textContent ?? ''), { timeout: PAGE_TIMEOUT_MS, polling: 50 });
    await page.click('#cancel');
    const out = await pageOutcome(page, 10_000);
    expect(errors).toEqual([]);
    expect(out.state).toBe('error');
    expect(out.errorText).toBe('scoring cnn_lr0.3.onnx on cnn_lr0.3.npz failed:\nError: cancelled');
    expect(await page.evaluate(() => document.getElementById('cancel')?.hidden)).toBe(true);
    await page.close();
  });

  it('shows a failed download of ?model= as an error', async () => {
    const out = await scoreInPage('?model=/examples/missing.onnx&data=/examples/spirals.npz');
    expect(out.state).toBe('error');
    expect(out.errorText).toContain('cannot fetch the model /examples/missing.onnx: HTTP 404');
    await out.page.close();
  });
});
