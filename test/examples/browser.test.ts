/**
 * examples/browser: built with Vite, served on 127.0.0.1 and driven in headless Chromium with
 * both AES-GCM backends. The last page is kept as test/examples/.artifacts/browser.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchArgs } from '../runtime/runners/chromium.js';
import { artifacts, root, serveDirectory } from './helpers.js';

const example = join(root, 'examples/browser');
let page: Page;
let close: () => Promise<void>;

beforeAll(async () => {
  await build({ configFile: join(example, 'vite.config.ts'), logLevel: 'silent' });
  const { server, origin } = await serveDirectory(join(example, 'dist'));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  close = async () => {
    await browser.close();
    server.close();
  };
  page = await browser.newPage({ viewport: { width: 900, height: 760 } });
  await page.goto(`${origin}/`);
  await page.waitForSelector('#status[data-state="ready"]');
}, 60_000);

afterAll(async () => {
  await close();
});

/** Clicks the button with `backend` selected; returns the final state and the table's rows. */
async function runWith(backend: string): Promise<{ state: string | null; rows: (string | null)[][] }> {
  await page.selectOption('#backend', backend);
  await page.click('#run');
  await page.waitForSelector('#status:not([data-state="running"])');
  const rows = await page.$$eval('#steps tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((cell) => cell.textContent)),
  );
  return { state: await page.getAttribute('#status', 'data-state'), rows };
}

describe('browser example', { timeout: 60_000 }, () => {
  it('loads the sample document and sees crypto.subtle on 127.0.0.1', async () => {
    expect(await page.inputValue('#source')).toContain('quantum_security_flag: true');
    expect(await page.textContent('#status')).toBe('crypto.subtle available');
  });

  it.each(['webcrypto', 'noble'])(
    'signs, seals and opens in the page with the %s backend',
    async (backend) => {
      const { state, rows } = await runWith(backend);
      expect(state).toBe('done');
      expect(rows.map((row) => row[1])).toEqual([
        'validate',
        'sign + verify',
        'tampered copy',
        'seal',
        'open',
        'open, one key wrong',
      ]);
      expect(rows.every((row) => row[0] === 'ok')).toBe(true);
      expect(rows[2]?.[2]).toBe('BAD_SIGNATURE');
      expect(rows[3]?.[2]).toContain(`4 layers, ${backend}`);
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'browser.png'), fullPage: true });
    },
  );

  it('marks the validation step failed for an edited document without ## Intent', async () => {
    await page.fill('#source', (await page.inputValue('#source')).replace('## Intent', '## Purpose'));
    const { state, rows } = await runWith('webcrypto');
    expect(state).toBe('failed');
    expect(rows.filter((row) => row[0] === 'FAIL').map((row) => row[1])).toEqual(['validate']);
  });
});
