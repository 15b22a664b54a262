// tsc compiles only .ts: copy the non-TS files the compiled code reads (the onnx.proto schema) next to it in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const from = path.join(root, 'src', 'onnx', 'schema');
const to = path.join(root, 'dist', 'onnx', 'schema');
fs.mkdirSync(to, { recursive: true });
for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
