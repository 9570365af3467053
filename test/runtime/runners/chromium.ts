import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { RuntimeReport } from '../harness.js';
import { withFailure } from '../matrix.js';

/** Debian's chromium package; the runner drives it with playwright-core. */
export const chromiumPath = '/usr/bin/chromium';

export const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Serves an empty page and `outDir`/`script` (default suite.js) on 127.0.0.1 (a secure context,
 * so crypto.subtle exists).
 */
export async function serveSuite(
  outDir: string,
  script = 'suite.js',
): Promise<{ server: Server; origin: string }> {
  const suite = await readFile(join(outDir, script));
  const server = createServer((request, response) => {
    if (request.url === `/${script}`) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(suite);
    } else {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>mamlkit</title>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the test server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/**
 * Runs the bundled suite in headless Chromium and returns the page's report with the browser's
 * version. A warning or error on the page's console, or an uncaught error, fails the row.
 */
export async function runInChromium(outDir: string, timeoutMs: number): Promise<RuntimeReport> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} not found: install it with \`apt-get install -y chromium\``);
  }
  const { server, origin } = await serveSuite(outDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: launchArgs,
    timeout: timeoutMs,
  });
  try {
    const page = await browser.newPage();
    const noise: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') noise.push(message.text());
    });
    page.on('pageerror', (error) => noise.push(error.message));
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${origin}/`);
    // A string, not a function: the page evaluates it as is, untouched by the TypeScript loader.
    const report = await page.evaluate<RuntimeReport>(
      `import('/suite.js').then((m) => m.runSuite('chromium'))`,
    );
    const versioned = { ...report, version: browser.version() };
    return noise.length === 0
      ? versioned
      : withFailure(versioned, { name: 'console is quiet', error: noise.slice(0, 5).join(' ⏎ ') });
  } finally {
    await browser.close();
    server.close();
  }
}
