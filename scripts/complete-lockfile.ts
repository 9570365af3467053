/**
 * `npm run lock:complete`: adds the lock entries of platform-specific optional packages that
 * the registry this project is developed against does not serve (the non-Linux builds of
 * `@deno/*` and `@rollup/*`). npm leaves them out of package-lock.json when it cannot fetch
 * their metadata, and `npm ci` then refuses the lock as out of sync. The added entries are
 * marked optional with the `os`/`cpu`/`libc` their names state, so npm skips them on every
 * other platform and installs them where they match. Run it after every `npm install`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const OS = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openbsd',
  'openharmony',
  'netbsd',
  'sunos',
  'aix',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x'];

/** The platform fields a package name such as `rollup-linux-arm64-musl` states. */
function platformOf(name: string): Record<string, string[]> {
  const os = OS.find((o) => name.includes(o));
  const cpu = CPU.find((c) => name.includes(c));
  const libc = name.includes('musl') ? 'musl' : /gnu|glibc/.test(name) ? 'glibc' : undefined;
  return {
    ...(os === undefined ? {} : { os: [os] }),
    ...(cpu === undefined ? {} : { cpu: [cpu] }),
    ...(libc === undefined ? {} : { libc: [libc] }),
  };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, LockEntry | undefined> };
const added: string[] = [];
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry?.optionalDependencies ?? {})) {
    const nested = key === '' ? `node_modules/${dep}` : `${key}/node_modules/${dep}`;
    if (lock.packages[nested] !== undefined || lock.packages[`node_modules/${dep}`] !== undefined) continue;
    const name = dep.split('/').pop() ?? dep;
    lock.packages[`node_modules/${dep}`] = {
      version,
      ...(entry?.dev === true ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    } as LockEntry;
    added.push(dep);
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length === 0 ? 'lock file complete' : `added ${added.length} entries: ${added.join(', ')}`);
