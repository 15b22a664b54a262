#!/usr/bin/env node
// Prints the paths of the given groups of native/sources.txt (the one list of the core's C/C++ sources), one per
// line, for binding.gyp: `"<!@(node scripts/sources.cjs core addon)"`. CMakeLists.txt and wasm/build.sh read the
// file themselves.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const groups = process.argv.slice(2);
const lines = fs.readFileSync(path.join(__dirname, '..', 'native', 'sources.txt'), 'utf8').split('\n');
const known = new Set(lines.map((l) => l.split(' ')[0]).filter((g) => /^[a-z]+$/.test(g)));
for (const g of groups) {
  if (!known.has(g)) {
    process.stderr.write(`scripts/sources.cjs: no group '${g}' in native/sources.txt (groups: ${[...known].join(', ')})\n`);
    process.exit(2);
  }
}
for (const line of lines) {
  const m = /^([a-z]+) (\S+)$/.exec(line);
  if (m && groups.includes(m[1])) process.stdout.write(`${m[2]}\n`);
}
