// protobufjs in the browser bundle: the real package (the build resolves 'protobufjs' imported from this file to
// it), with loadSync reading the .proto from the virtual file system (./fs.ts) instead of refusing outside Node.
// protobuf.parse with default options is what Root.loadSync applies to a file's text.
import protobuf from 'protobufjs';
import { readFileSync } from './fs.js';

function loadSync(file: string): protobuf.Root {
  return protobuf.parse(readFileSync(file, 'utf8') as string).root;
}

const browserProtobuf: typeof protobuf = Object.assign(Object.create(protobuf) as typeof protobuf, { loadSync });
export default browserProtobuf;
