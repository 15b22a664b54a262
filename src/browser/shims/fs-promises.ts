// node:fs/promises in the browser bundle: the asynchronous face of the virtual file system in ./fs.ts.
import { promises } from './fs.js';

export const { stat, readFile, writeFile, mkdir } = promises;
export default promises;
