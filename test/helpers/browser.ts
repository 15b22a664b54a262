// Headless Chromium on the demo page: a static server for the repository root on 127.0.0.1 (sirv, a random port)
// and Debian's chromium driven by puppeteer-core (no browser download). Missing chromium is an error, never a skip.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import sirv from 'sirv';
import { repoRoot } from './paths.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the repository root read-only, as "any static file server" would (no special headers unless `isolated`),
 * and `mounts` (URL prefix -> folder) beside it, e.g. the shared fixtures, which live outside the repository.
 */
export async function serveRepo(mounts: Record<string, string> = {}, options: { isolated?: boolean } = {}): Promise<StaticServer> {
  const notFound = (res: http.ServerResponse) => {
    res.statusCode = 404;
    res.end('not found');
  };
  const handler = sirv(repoRoot, { dev: true, dotfiles: false });
  const mounted = Object.entries(mounts).map(([prefix, dir]) => ({ prefix, handler: sirv(dir, { dev: true, dotfiles: false }) }));
  const server = http.createServer((req, res) => {
    if (options.isolated) {
      // Cross-origin isolation: SharedArrayBuffer, hence onnxruntime-web's threads, become available to the page.
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const m = mounted.find((x) => req.url?.startsWith(`${x.prefix}/`));
    if (!m) return handler(req, res, () => notFound(res));
    req.url = req.url!.slice(m.prefix.length);
    return m.handler(req, res, () => notFound(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface HeadlessChromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'sane-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: profile,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the page ended with: body[data-state] and the JSON in #result. */
export interface PageOutcome {
  state: string;
  result: Record<string, unknown>;
  errorText: string;
  statusLog: string[];
}

/** Records every text #status shows, so a test can check that progress was reported. */
export async function recordStatus(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const log: string[] = [];
    (window as unknown as { __statusLog: string[] }).__statusLog = log;
    document.addEventListener('DOMContentLoaded', () => {
      const el = document.getElementById('status');
      if (!el) return;
      new MutationObserver(() => log.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
    });
  });
}

/**
 * Waits until the page is done or failed (bounded) and reads the outcome. Polls from here with short evaluations:
 * a waitForFunction is one DevTools call that lasts as long as the wait, and long scores outlast its protocol timeout.
 */
export async function pageOutcome(page: Page, timeoutMs: number): Promise<PageOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => document.body.dataset.state ?? '');
    if (state === 'done' || state === 'error') break;
    if (Date.now() > deadline) {
      const status = await page.evaluate(() => document.getElementById('status')?.textContent ?? '');
      throw new Error(`the page did not finish within ${timeoutMs / 1000} s (state ${state}, status: ${status})`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return page.evaluate(() => ({
    state: document.body.dataset.state ?? '',
    result: JSON.parse(document.getElementById('result')?.textContent || '{}') as Record<string, unknown>,
    errorText: document.getElementById('error')?.hidden ? '' : (document.getElementById('error')?.textContent ?? ''),
    statusLog: (window as unknown as { __statusLog?: string[] }).__statusLog ?? [],
  }));
}
