#!/usr/bin/env node
// The package as a user gets it (issue 10): `npm pack`, then `npm i <tarball>` into an empty project in a temporary
// folder, without any onnxruntime environment variable, and the bundled example scored through `npx sane score` and
// through `import { score } from 'onnx-sane'`; then with onnxruntime-node removed (onnxruntime-web is used) and with
// the native prebuild removed (the WASM core, still with onnxruntime-node). Each run must give the example's SANE
// (PyTorch's value in examples/spirals_lr0.5.json, within 1%) and name in `backend` what it used.
//
// Offline, npm drops onnxruntime-node from the plain install (its postinstall downloads CUDA binaries and fails;
// it is an optional dependency, so the install succeeds anyway). The runs that need it then use a second install
// made the way the README says keeps it offline: ONNXRUNTIME_NODE_INSTALL=skip. Online both installs have it.
//
//   node scripts/check-packed.mjs    (after npm ci; .ci/run calls it)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reference = JSON.parse(readFileSync(join(root, 'examples', 'spirals_lr0.5.json'), 'utf8'));
const expectedSane = reference.metrics['sane_c0.5'];
const keep = process.argv.includes('--keep');

// A user's environment: none of the variables that steer onnxruntime-node's install or this package's choices.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !/^(ONNXRUNTIME_NODE_INSTALL|npm_config_onnxruntime|SANE_CORE$|SANE_LAUNCH$|SANE_SKIP_NATIVE_BUILD$)/i.test(k),
  ),
);

function die(msg) {
  process.stderr.write(`check-packed: FAILED: ${msg}\n`);
  process.exit(1);
}

function run(cmd, args, { cwd, env = cleanEnv } = {}) {
  process.stdout.write(`  $ ${cmd} ${args.join(' ')}   (in ${cwd})\n`);
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) die(`${cmd}: ${r.error.message}`);
  return r;
}

function mustRun(cmd, args, opts) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) die(`${cmd} ${args.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

const tmp = mkdtempSync(join(tmpdir(), 'sane-packed-'));
process.on('exit', () => {
  if (!keep) rmSync(tmp, { recursive: true, force: true });
});

// 1. The tarball, with the compiled CLI and the prebuild in it. The prebuild is moved aside first, as a fresh clone
// has none: `npm pack` must make it itself (prepack, scripts/prepack-prebuild.cjs). Put back if the pack fails.
const prebuilds = join(root, 'prebuilds');
const aside = join(root, 'prebuilds.check-packed');
rmSync(aside, { recursive: true, force: true });
if (existsSync(prebuilds)) renameSync(prebuilds, aside);
console.log('== npm pack (from a checkout without prebuilds/: prepack makes it)');
const pack = run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: root });
if (pack.status !== 0) {
  if (existsSync(aside) && !existsSync(prebuilds)) renameSync(aside, prebuilds);
  die(`npm pack exited with ${pack.status}\n${pack.stdout}\n${pack.stderr}`);
}
rmSync(aside, { recursive: true, force: true });
// prepack's build log comes first (with lines such as '[59/61] Building ...'): the JSON starts at a line '[' then '{'.
const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[\s*\{/m)));
const files = new Set(packed.files.map((f) => f.path));
for (const f of ['bin/sane.js', 'dist/cli/main.js', 'dist/index.js', 'native/sources.txt', 'wasm/dist/sane_core.cjs']) {
  if (!files.has(f)) die(`the tarball lacks ${f}`);
}
if (![...files].some((f) => f.startsWith(`prebuilds/${process.platform}-${process.arch}/`))) die('the tarball lacks the prebuild');
if ([...files].some((f) => f.startsWith('test/'))) die('the tarball contains test/');
const tarball = join(tmp, packed.filename);
const packedScripts = JSON.parse(mustRun('tar', ['-xOzf', tarball, 'package/package.json'], { cwd: tmp }).stdout).scripts ?? {};
for (const s of ['preinstall', 'install', 'postinstall']) {
  if (packedScripts[s]) die(`the package has a ${s} script: npm would warn on every install (and it must not be needed)`);
}
console.log(`  ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 2 ** 20).toFixed(1)} MiB`);

// npm's warnings, less two that are not this package's doing. npm 11 lists every dependency with install scripts
// not approved in the project's allowScripts:
//  - onnxruntime-node (postinstall: the CUDA download), when it is installed at all;
//  - protobufjs (postinstall: a version-scheme check), which onnxruntime-web depends on: only a project-level
//    override could replace it.
//  - msgpackr-extract (install: node-gyp rebuild), an optional native speed-up of msgpackr, which BullMQ (the job
//    queue of `sane worker`) depends on; msgpackr works without it.
//  - onnx-sane's own `prepare`, listed because a file: tarball is a "non-registry source"; from the registry npm
//    neither runs nor lists it. onnx-sane has no preinstall/install/postinstall (checked below), so any other
//    listing of it fails.
const TOLERATED_SCRIPT_ENTRY = [/^onnxruntime-node@[\d.]+ \(postinstall: /, /^protobufjs@[\d.]+ \(postinstall: /, /^msgpackr-extract@[\d.]+ \(install: /, /^onnx-sane@[\d.]+ \(prepare: [^;]*\)$/];
function npmWarnings(output) {
  const out = [];
  for (const line of output.split('\n')) {
    if (!/^npm warn/i.test(line)) continue;
    const m = /^npm warn install-scripts\s*(.*)$/i.exec(line);
    if (m) {
      const entry = m[1].trim();
      // The header, the footer and blank lines of that list; its entries are checked one by one.
      if (entry === '' || /install scripts not yet covered by allowScripts:$/.test(entry) || /^Run `npm install-scripts ls`/.test(entry)) continue;
      if (TOLERATED_SCRIPT_ENTRY.some((re) => re.test(entry))) continue;
    }
    out.push(line);
  }
  return out;
}

// 2. An empty project that installs it.
function install(name, env) {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `sane-${name}`, private: true, type: 'module' }, null, 2));
  const r = mustRun('npm', ['i', '--no-audit', '--no-fund', tarball], { cwd: dir, env });
  const warnings = npmWarnings(`${r.stdout}\n${r.stderr}`);
  if (warnings.length > 0) die(`npm warned during the install:\n${warnings.join('\n')}`);
  for (const f of ['spirals_lr0.5.onnx', 'spirals.npz']) cpSync(join(root, 'examples', f), join(dir, f));
  writeFileSync(
    join(dir, 'api.mjs'),
    "import { score } from 'onnx-sane';\n" +
      "const r = await score('spirals_lr0.5.onnx', 'spirals.npz');\n" +
      'console.log(JSON.stringify({ sane: r.sane, backend: r.backend }));\n',
  );
  const hasOrtNode = existsSync(join(dir, 'node_modules', 'onnxruntime-node', 'package.json'));
  console.log(`  installed; onnxruntime-node ${hasOrtNode ? 'present' : 'absent (npm dropped the optional dependency)'}`);
  return { dir, hasOrtNode };
}

const results = [];
function scenario(label, dir, expected) {
  console.log(`== ${label}: expecting core ${expected.core}, runtime ${expected.runtime}`);
  const doctor = JSON.parse(mustRun('npx', ['sane', 'doctor', '--json'], { cwd: dir }).stdout);
  console.log(`  doctor: core ${doctor.core} (${doctor.reason}); runtime ${doctor.runtime} (${doctor.runtimeReason})`);
  const cli = JSON.parse(mustRun('npx', ['sane', 'score', 'spirals_lr0.5.onnx', '--data', 'spirals.npz', '--json'], { cwd: dir }).stdout);
  const api = JSON.parse(mustRun(process.execPath, ['api.mjs'], { cwd: dir }).stdout.trim().split('\n').pop());
  for (const [how, r] of [['npx sane score', cli], ["import { score } from 'onnx-sane'", api]]) {
    const rel = Math.abs(r.sane / expectedSane - 1);
    console.log(`  ${how}: SANE ${r.sane.toFixed(4)} (PyTorch ${expectedSane.toFixed(4)}), backend ${JSON.stringify(r.backend)}`);
    if (!(rel < 0.01)) die(`${label}, ${how}: SANE ${r.sane} is not within 1% of ${expectedSane}`);
    if (r.backend.core !== expected.core || r.backend.runtime !== expected.runtime) {
      die(`${label}, ${how}: backend ${JSON.stringify(r.backend)}, expected ${JSON.stringify(expected)}`);
    }
    results.push(`${label} / ${how}: SANE ${r.sane.toFixed(4)}, ${r.backend.core} + ${r.backend.runtime}`);
  }
  if (doctor.core !== expected.core || doctor.runtime !== expected.runtime) {
    die(`${label}: sane doctor says core ${doctor.core}, runtime ${doctor.runtime}; expected ${JSON.stringify(expected)}`);
  }
}

console.log('== install without any onnxruntime environment variable');
const plain = install('plain', cleanEnv);
scenario('plain install', plain.dir, { core: 'native', runtime: plain.hasOrtNode ? 'onnxruntime-node' : 'onnxruntime-web' });

let full = plain;
if (!plain.hasOrtNode) {
  console.log('== install with ONNXRUNTIME_NODE_INSTALL=skip (keeps onnxruntime-node offline)');
  full = install('with-ort-node', { ...cleanEnv, ONNXRUNTIME_NODE_INSTALL: 'skip' });
  if (!full.hasOrtNode) die('onnxruntime-node is missing even with ONNXRUNTIME_NODE_INSTALL=skip');
}
const pkg = join(full.dir, 'node_modules', 'onnx-sane');
scenario('installed', full.dir, { core: 'native', runtime: 'onnxruntime-node' });

renameSync(join(pkg, 'prebuilds'), join(pkg, 'prebuilds.hidden'));
scenario('native prebuild removed', full.dir, { core: 'wasm', runtime: 'onnxruntime-node' });
renameSync(join(pkg, 'prebuilds.hidden'), join(pkg, 'prebuilds'));

const ortNode = join(full.dir, 'node_modules', 'onnxruntime-node');
renameSync(ortNode, `${ortNode}.hidden`);
scenario('onnxruntime-node removed', full.dir, { core: 'native', runtime: 'onnxruntime-web' });
renameSync(`${ortNode}.hidden`, ortNode);

console.log('== check-packed: OK');
for (const line of results) console.log(`  ${line}`);
