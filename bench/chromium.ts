/**
 * `npm run bench -- --chromium [<name>…]`: the benches that need no Node.js module (sign, gate,
 * envelope-web) bundled for the browser (esbuild, so `#native` resolves to its `default` target
 * and `mamlkit` to dist/ as in an application's bundle) and measured in headless Chromium, driven
 * as the runtime matrix drives it (test/runtime/runners/chromium.ts). bench/run.ts renders the
 * tables with runtime `chromium <version>`.
 */
import { mkdir } from 'node:fs/promises';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath, launchArgs, serveSuite } from '../test/runtime/runners/chromium.js';
import type { CaseTiming } from './harness.js';

/** The bench files that run in a browser. */
export const BROWSER_BENCHES: readonly string[] = ['envelope-web', 'gate', 'sign'];

/** One group as the page measured it. */
export interface MeasuredGroup {
  readonly title: string;
  readonly note?: string;
  readonly interleaved: boolean;
  readonly timings: CaseTiming[];
}

/** What a run in Chromium gives: the browser's version and each bench's groups. */
export interface ChromiumResults {
  readonly version: string;
  readonly benches: ReadonlyMap<string, readonly MeasuredGroup[]>;
}

/** The page's entry: imports the wanted benches and measures one by name, logging each case. */
function entry(names: readonly string[]): string {
  return [
    "import { measureGroup } from './harness.ts';",
    ...names.map((name, i) => `import bench${i} from './${name}.bench.ts';`),
    `const benches = { ${names.map((name, i) => `'${name}': bench${i}`).join(', ')} };`,
    'export async function measure(name) {',
    '  const out = [];',
    '  for (const group of await benches[name]()) {',
    '    const timings = await measureGroup(group, (c) => console.log(`${name} › ${group.title} › ${c.name}`));',
    '    await group.close?.();',
    '    out.push({ title: group.title, note: group.note, interleaved: group.interleaved === true, timings });',
    '  }',
    '  return out;',
    '}',
  ].join('\n');
}

/** Bundles the wanted benches and measures each in one headless Chromium page. */
export async function measureInChromium(
  benchDir: string,
  names: readonly string[],
): Promise<ChromiumResults> {
  const outDir = `${benchDir}.out/chromium/`;
  await mkdir(outDir, { recursive: true });
  await build({
    stdin: { contents: entry(names), resolveDir: benchDir, loader: 'ts', sourcefile: 'chromium-entry.ts' },
    outfile: `${outDir}bench.js`,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    logOverride: { 'ignored-bare-import': 'silent' },
  });
  const { server, origin } = await serveSuite(outDir, 'bench.js');
  // --expose-gc: the harness collects garbage before each case and round, as under Node.js.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...launchArgs, '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => process.stderr.write(`chromium: ${message.text()}\n`));
    page.on('pageerror', (error) => process.stderr.write(`chromium: ${error.message}\n`));
    await page.goto(`${origin}/`);
    const benches = new Map<string, readonly MeasuredGroup[]>();
    for (const name of names) {
      // A string, not a function: the page evaluates it as is, untouched by the TypeScript loader.
      const groups = await page.evaluate<MeasuredGroup[]>(
        `import('/bench.js').then((m) => m.measure(${JSON.stringify(name)}))`,
      );
      benches.set(name, groups);
    }
    return { version: browser.version(), benches };
  } finally {
    await browser.close();
    server.close();
  }
}
