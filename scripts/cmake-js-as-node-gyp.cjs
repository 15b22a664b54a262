#!/usr/bin/env node
// prebuildify 6 can only drive node-gyp (`node-gyp rebuild --target=V --devdir=D --release [--arch=A]`). This stands
// in for node-gyp and builds with cmake-js instead, which works offline here (N-API headers come from the
// node-api-headers package because package.json declares binary.napi_versions). prebuildify then picks up
// build/Release/sane_core.node. Used by `npm run prebuildify` via --node-gyp.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const args = process.argv.slice(2);
const value = (name) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : undefined;
};
const cmakeJs = path.join(path.dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
const cmd = [cmakeJs, 'rebuild'];
if (args.includes('--debug')) cmd.push('--debug');
if (value('arch')) cmd.push('--arch', value('arch'));
const r = spawnSync(process.execPath, cmd, { stdio: 'inherit' });
process.exit(r.status ?? 1);
