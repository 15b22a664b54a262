// The demo page (web/index.html): files dropped or chosen, or ?model=URL&data=URL, scored by onnx-sane's browser
// module in a Web Worker; progress, the metrics, the density plot and the result JSON (#result) shown here.
// Plain JavaScript so the page needs no build of its own: only dist/browser/, which `npm ci` / `npm run build` make.

const $ = (id) => document.getElementById(id);
const BUNDLE = '../dist/browser/onnx-sane.mjs';

/** Options the URL may set (numbers are parsed; the rest are passed as given). */
const NUMERIC_OPTIONS = [
  'top', 'steps', 'probes', 'seed', 'samples', 'batchSize', 'exactLimit', 'saneC', 'neffZ', 'saneK', 'fdStep', 'ignoreIndex', 'labelSmoothing',
  'maxParams', 'maxProducts', 'maxSeconds', 'memoryBudget', 'gateMemoryBudget', 'maxInputBytes',
];
const STRING_OPTIONS = ['loss', 'estimator', 'negative', 'gates', 'paddingRows', 'fdScheme', 'params', 'labelsKey'];
/** Options that take a number or a word (classAxis: 1, -1 or auto). */
const NUMBER_OR_WORD_OPTIONS = ['classAxis'];

let library;
async function loadLibrary() {
  library ??= import(BUNDLE).catch((e) => {
    library = undefined;
    throw new Error(
      `cannot load the browser bundle ${new URL(BUNDLE, import.meta.url).pathname} (${e.message}). ` +
        'Run `npm ci` or `npm run build` in the repository, then serve its root and open /web/.',
    );
  });
  return library;
}

function fmt(x, digits = 6) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1);
}
const withErr = (v, se) => (se ? `${fmt(v)} ± ${fmt(se, 2)}` : fmt(v));

function setState(state) {
  document.body.dataset.state = state;
}

function showProgress(p) {
  const bar = $('progress');
  const elapsed = `${p.elapsedSeconds.toFixed(1)} s`;
  let text;
  if (p.stage === 'reading') text = 'reading the data';
  else if (p.stage === 'preparing') text = 'building the gradient graph, starting onnxruntime-web, computing the gates';
  else text = `${p.stage}: ${p.hvpDone} / ${p.hvpTotal} Hessian-vector products`;
  if (p.hvpTotal > 0) {
    bar.max = p.hvpTotal;
    bar.value = p.hvpDone;
    if (p.hvpDone < p.hvpTotal && p.etaSeconds > 0) text += `, about ${Math.ceil(p.etaSeconds)} s left`;
  } else {
    bar.removeAttribute('value'); // indeterminate until the products start
  }
  $('status').textContent = `${text} (${elapsed})`;
}

/** What is being scored, shown above an error ("scoring m.onnx on d.npz failed:"). */
let current = '';

function showError(err) {
  const info = { name: err?.name ?? 'Error', message: err?.message ?? String(err) };
  if (err?.reason) Object.assign(info, { reason: err.reason, code: err.code });
  if (err?.hint) info.hint = err.hint;
  const box = $('error');
  // A SaneError's message is written for users (as the CLI prints it); other errors keep their class name.
  box.textContent =
    `${current ? `scoring ${current} failed:\n` : ''}` +
    `${info.reason ? '' : `${info.name}: `}${info.message}${info.hint ? `\nhint: ${info.hint}` : ''}`;
  box.hidden = false;
  $('result').textContent = JSON.stringify({ error: info }, null, 2);
  $('status').textContent = 'failed';
  $('progress').value = 0; // not indeterminate any more
  setState('error');
}

async function showResult(lib, r) {
  $('sane').textContent = withErr(r.sane, r.saneStdErr);
  $('neff').textContent = withErr(r.neff, r.neffStdErr);
  $('lambda-max').textContent = fmt(r.lambdaMax);
  $('lambda-min').textContent = fmt(r.lambdaMin);
  $('top').textContent = r.topEigenvalues.map((x) => fmt(x)).join(', ');
  $('about').textContent =
    `${r.model}: P = ${r.numParams} parameters, ${r.numSamples} samples, ${r.estimator}, ${r.hvpCount} ` +
    `Hessian-vector products in ${r.seconds.toFixed(1)} s (${r.backend.core} core, ${r.backend.runtime})`;
  $('summary').hidden = false;
  $('result').textContent = JSON.stringify(r, null, 2);
  try {
    const svg = await lib.densitySvg(r);
    $('plot').innerHTML = svg ?? `<p class="muted">the ${r.estimator} estimator gives no spectral density</p>`;
  } catch (e) {
    $('plot').textContent = `the density plot failed: ${e.message}`;
  }
  $('status').textContent = `done in ${r.seconds.toFixed(1)} s`;
  setState('done');
}

let running = false;
/** Aborts the running score: scoreInWorker terminates its worker (the only way to stop a WebAssembly loop). */
let controller = null;

/** Scores model and data (Blobs, or ArrayBuffers with names) and shows the outcome. */
async function run(model, data, options, names = {}) {
  if (running) return;
  running = true;
  current = `${names.modelName ?? model.name ?? 'the model'} on ${names.dataName ?? data.name ?? 'the data'}`;
  $('run').disabled = true;
  $('error').hidden = true;
  $('summary').hidden = true;
  $('plot').textContent = '';
  $('result').textContent = '';
  $('progress-box').hidden = false;
  showProgress({ stage: 'reading', hvpDone: 0, hvpTotal: 0, elapsedSeconds: 0, etaSeconds: 0 });
  setState('running');
  controller = new AbortController();
  $('cancel').hidden = false;
  try {
    const lib = await loadLibrary();
    const r = await lib.scoreInWorker(model, data, options, showProgress, { ...names, signal: controller.signal });
    await showResult(lib, r);
  } catch (e) {
    showError(e);
  } finally {
    controller = null;
    $('cancel').hidden = true;
    running = false;
    $('run').disabled = !(chosen.model && chosen.data);
  }
}

// ---- options ------------------------------------------------------------------------------------------------------

/** The option fields of the page (id -> ScoreOptions key); empty fields are left to the library's defaults. */
const OPTION_FIELDS = { 'opt-samples': 'samples', 'opt-steps': 'steps', 'opt-probes': 'probes', 'opt-top': 'top' };

function pageOptions() {
  const options = { estimator: $('estimator').value };
  for (const [id, key] of Object.entries(OPTION_FIELDS)) {
    const v = $(id).value.trim();
    if (v !== '') options[key] = Number(v);
  }
  return options;
}

/** Shows options given in the URL in the page's fields, so that a re-run with dropped files uses them too. */
function showOptions(options) {
  if (options.estimator) $('estimator').value = options.estimator;
  for (const [id, key] of Object.entries(OPTION_FIELDS)) if (options[key] !== undefined) $(id).value = String(options[key]);
}

// ---- files dropped or chosen --------------------------------------------------------------------------------------

const chosen = { model: null, data: null };

function take(files) {
  for (const f of files) {
    if (/\.onnx$/i.test(f.name)) chosen.model = f;
    else if (/\.np[zy]$/i.test(f.name)) chosen.data = f;
  }
  $('chosen').textContent =
    `model: ${chosen.model?.name ?? '(none)'}, data: ${chosen.data?.name ?? '(none)'}` +
    (chosen.model && chosen.data ? '' : ' (an .onnx and an .npz are needed)');
  $('run').disabled = !(chosen.model && chosen.data) || running;
  if (chosen.model && chosen.data) run(chosen.model, chosen.data, pageOptions());
}

function wireInputs() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    take(e.dataTransfer?.files ?? []);
  });
  $('model-file').addEventListener('change', (e) => take(e.target.files));
  $('data-file').addEventListener('change', (e) => take(e.target.files));
  $('cancel').addEventListener('click', () => controller?.abort(new Error('cancelled')));
  $('run').addEventListener('click', () => {
    if (chosen.model && chosen.data) run(chosen.model, chosen.data, pageOptions());
  });
}

// ---- ?model=URL&data=URL ------------------------------------------------------------------------------------------

function optionsFromQuery(q) {
  const options = {};
  for (const k of STRING_OPTIONS) if (q.has(k)) options[k] = q.get(k);
  for (const k of NUMERIC_OPTIONS) if (q.has(k)) options[k] = Number(q.get(k));
  for (const k of NUMBER_OR_WORD_OPTIONS) if (q.has(k)) options[k] = /^-?\d+$/.test(q.get(k)) ? Number(q.get(k)) : q.get(k);
  return options;
}

async function fetchBytes(url, what) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`cannot fetch the ${what} ${url}: ${e.message}`);
  }
  if (!res.ok) throw new Error(`cannot fetch the ${what} ${url}: HTTP ${res.status} ${res.statusText}`);
  return res.arrayBuffer();
}

async function runFromQuery(q) {
  const modelUrl = q.get('model');
  const dataUrl = q.get('data');
  const nameOf = (u) => decodeURIComponent(new URL(u, location.href).pathname.replace(/^.*\//, ''));
  setState('running');
  try {
    if (!modelUrl || !dataUrl) throw new Error('both ?model=URL and &data=URL are needed');
    $('chosen').textContent = `model: ${modelUrl}, data: ${dataUrl} (from the page's address)`;
    current = `${nameOf(modelUrl)} on ${nameOf(dataUrl)}`;
    const options = optionsFromQuery(q);
    showOptions(options);
    const [model, data] = await Promise.all([fetchBytes(modelUrl, 'model'), fetchBytes(dataUrl, 'data')]);
    await run(model, data, options, { modelName: nameOf(modelUrl), dataName: nameOf(dataUrl) });
  } catch (e) {
    showError(e);
  }
}

wireInputs();
const query = new URLSearchParams(location.search);
if (query.has('model') || query.has('data')) runFromQuery(query);
