// node:url in the browser bundle. Modules compute their own folder from import.meta.url, which in a page is an
// http(s) or blob URL rather than file://: its path stands in (see ./fs.ts for what can be read there).
export function fileURLToPath(u: string | URL): string {
  return decodeURIComponent(new URL(String(u)).pathname);
}

export function pathToFileURL(p: string): URL {
  return new URL(`file://${encodeURI(p)}`);
}

export default { fileURLToPath, pathToFileURL };
