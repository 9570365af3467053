import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSigningJwk, generateSigningKeyPair } from '../../src/sign/index.js';
import { ensureBuilt, keygen, listing, mamlkit, tempDir, VALID_MAML } from './helpers.js';

beforeAll(ensureBuilt, 300_000);

const dir = tempDir();
const PASSPHRASE = { MAMLKIT_PASSPHRASE: 'correct horse battery staple' };

function keyId(file: string): string {
  return (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { kid: string }).kid;
}

function json(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(() => {
  writeFileSync(join(dir, 'doc.maml.md'), VALID_MAML);
  keygen(
    dir,
    ['--out', 'alice.jwk'],
    ['--alg', 'ML-DSA-65', '--out', 'bob.jwk'],
    ['--layers', '2', '--out', 'vault.keyring'],
    ['--layers', '2', '--kem', 'ml-kem-1024', '--out', 'inbox.keyring'],
    ['--kinds', 'x-wing,passphrase', '--out', 'mixed.keyring'],
  );
  const protectedRun = mamlkit(
    dir,
    ['keygen', '--layers', '1', '--kem', 'x-wing', '--protect', '--out', 'locked.keyring'],
    undefined,
    PASSPHRASE,
  );
  expect(protectedRun.status, protectedRun.stderr).toBe(0);
  expect(mamlkit(dir, ['sign', 'doc.maml.md', '--key', 'alice.jwk']).status).toBe(0);
  // Twenty-five seconds of key generation and signing at most: shared by every test below.
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('issue 19: mamlkit key info and key public', () => {
  it('issue 19 (no way to show a key id and algorithm): key info names kind, algorithm, key id, public or secret', () => {
    const secret = json(mamlkit(dir, ['key', 'info', 'alice.jwk', '--json']).stdout);
    expect(secret).toEqual({
      file: 'alice.jwk',
      kind: 'signing-key',
      algorithm: 'ML-DSA-87',
      keyId: keyId('alice.jwk.pub'),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as unknown,
      secret: true,
      protected: false,
    });
    expect(json(mamlkit(dir, ['key', 'info', 'bob.jwk.pub', '--json']).stdout)).toMatchObject({
      algorithm: 'ML-DSA-65',
      secret: false,
    });
    const ring = json(mamlkit(dir, ['key', 'info', 'mixed.keyring', '--json']).stdout);
    expect(ring).toMatchObject({ kind: 'keyring', secret: true, protected: false });
    expect((ring['layers'] as { kind: string; holds: string }[]).map((l) => `${l.kind}:${l.holds}`)).toEqual([
      'x-wing:secret',
      'passphrase:passphrase',
    ]);
    expect(json(mamlkit(dir, ['key', 'info', 'inbox.keyring.pub', '--json']).stdout)).toMatchObject({
      secret: false,
    });
    expect(json(mamlkit(dir, ['key', 'info', 'locked.keyring', '--json']).stdout)).toEqual({
      file: 'locked.keyring',
      kind: 'keyring',
      secret: true,
      protected: true,
    });
    const human = mamlkit(dir, ['key', 'info', 'alice.jwk']);
    expect(human.stdout).toMatch(/^kind: +secret signing key$/m);
    expect(human.stdout).toMatch(/^secret: +yes: keep this file private$/m);
  });

  it('issue 19: key info never prints secret material', () => {
    const priv = (JSON.parse(readFileSync(join(dir, 'alice.jwk'), 'utf8')) as { priv: string }).priv;
    const layerSecrets = readFileSync(join(dir, 'vault.keyring'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('mamlkit-key-1:'))
      .map((line) => line.split(':')[4] ?? '');
    for (const [file, secrets] of [
      ['alice.jwk', [priv]],
      ['vault.keyring', layerSecrets],
    ] as const) {
      for (const flags of [[], ['--json']]) {
        const run = mamlkit(dir, ['key', 'info', file, ...flags]);
        expect(run.status).toBe(0);
        for (const secret of secrets) {
          expect(secret.length).toBeGreaterThan(20);
          expect(run.stdout + run.stderr).not.toContain(secret);
        }
      }
    }
  });

  it('issue 19 (no way to get the public key back): key public writes what keygen wrote, byte for byte', () => {
    for (const [secret, pub] of [
      ['alice.jwk', 'alice.jwk.pub'],
      ['inbox.keyring', 'inbox.keyring.pub'],
      ['mixed.keyring', 'mixed.keyring.pub'],
    ] as const) {
      const run = mamlkit(dir, ['key', 'public', secret]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(readFileSync(join(dir, pub), 'utf8'));
    }
    const written = mamlkit(dir, ['key', 'public', 'alice.jwk', '--out', 'again.pub', '--json']);
    expect(json(written.stdout)).toMatchObject({
      file: 'alice.jwk',
      out: 'again.pub',
      keyId: keyId('alice.jwk.pub'),
    });
    expect(readFileSync(join(dir, 'again.pub'), 'utf8')).toBe(
      readFileSync(join(dir, 'alice.jwk.pub'), 'utf8'),
    );
    const locked = mamlkit(dir, ['key', 'public', 'locked.keyring'], undefined, PASSPHRASE);
    expect(locked.status, locked.stderr).toBe(0);
    expect(locked.stdout).toBe(readFileSync(join(dir, 'locked.keyring.pub'), 'utf8'));
  });

  it('issue 19: key public refuses keys without a public form, with a reason', () => {
    for (const [file, why] of [
      ['vault.keyring', /layer 1 is aes-siv, a symmetric key with no public form/],
      ['alice.jwk.pub', /already a public signing key/],
    ] as const) {
      const run = mamlkit(dir, ['key', 'public', file]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^mamlkit: ERR_KEY_KIND: ${file}: .*${why.source}`));
    }
  });
});

describe('issue 19: trust files (notAfter, revocation, algorithm allow-list)', () => {
  const verify = (trust: string) => mamlkit(dir, ['verify', 'doc.maml.md', '--trust', trust, '--json']);
  const reason = (stdout: string) => (json(stdout)['reason'] as { code: string } | undefined)?.code;

  it('a key id that starts with "-" is refused after a space, with the --revoke=KEYID form named, and taken with it', () => {
    let pair = generateSigningKeyPair();
    while (!pair.publicKey.keyId.startsWith('-')) pair = generateSigningKeyPair();
    const id = pair.publicKey.keyId;
    writeFileSync(join(dir, 'dash.jwk.pub'), JSON.stringify(exportSigningJwk(pair.publicKey)));
    const spaced = mamlkit(dir, ['key', 'trust', 'dash.jwk.pub', '--revoke', id, '--out', 'dash.json']);
    expect(spaced.status).toBe(2);
    expect(spaced.stderr).toContain(`ERR_USAGE: Option '--revoke' argument is ambiguous`);
    expect(spaced.stderr).toContain(`'--revoke=-XYZ'`);
    const joined = mamlkit(dir, ['key', 'trust', 'dash.jwk.pub', `--revoke=${id}`, '--out', 'dash.json']);
    expect(joined.status, joined.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'dash.json'), 'utf8'))).toMatchObject({ revoked: [id] });
  });

  it('issue 19 (the CLI has no revocation, expiry or allow-list): key trust writes a trust file verify honours', () => {
    const alice = keyId('alice.jwk.pub');
    const cases = [
      [['--out', 'ok.json'], 0, undefined],
      [[`--revoke=${alice}`, '--out', 'revoked.json'], 1, 'REVOKED_KEY'],
      [['--not-after', '2020-01-01T00:00:00Z', '--out', 'expired.json'], 1, 'KEY_EXPIRED'],
      [['--algorithm', 'ML-DSA-65', '--out', 'alg.json'], 1, 'ALGORITHM_NOT_ALLOWED'],
    ] as const;
    for (const [flags, status, code] of cases) {
      const made = mamlkit(dir, ['key', 'trust', 'alice.jwk.pub', 'bob.jwk.pub', ...flags]);
      expect(made.status, made.stderr).toBe(0);
      const run = verify(flags[flags.length - 1] ?? '');
      expect(run.status, run.stderr).toBe(status);
      expect(reason(run.stdout)).toBe(code);
    }
    const info = json(mamlkit(dir, ['key', 'info', 'revoked.json', '--json']).stdout);
    expect(info).toMatchObject({ kind: 'trust-file', revoked: [alice], secret: false });
  });

  it('issue 19: a key revoked by editing the trust file by hand is refused by verify, open, gate and audit verify', () => {
    const alice = keyId('alice.jwk.pub');
    const file = JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'hand.json'), JSON.stringify({ ...file, revoked: [alice] }));
    expect(reason(verify('hand.json').stdout)).toBe('REVOKED_KEY');
    writeFileSync(join(dir, 'data.txt'), 'payload');
    expect(
      mamlkit(dir, ['seal', 'data.txt', '--keyring', 'vault.keyring', '--sign', 'alice.jwk']).status,
    ).toBe(0);
    const opened = mamlkit(dir, [
      'open',
      'data.txt.mkenv',
      '-k',
      'vault.keyring',
      '--trust',
      'hand.json',
      '--out',
      'o.txt',
    ]);
    expect(opened.status).toBe(1);
    expect(opened.stderr).toMatch(/^mamlkit: ERR_ENVELOPE_SIGNER_UNTRUSTED: .*REVOKED_KEY/);
    const gate = mamlkit(dir, [
      'gate',
      'doc.maml.md',
      '--trust',
      'hand.json',
      '--principal',
      'gateway://local',
      '--json',
    ]);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('REVOKED_KEY');
    expect(
      mamlkit(dir, ['gate', 'doc.maml.md', '--trust', 'ok.json', '--principal', 'gateway://local']).status,
    ).toBe(0);
    const log = ['audit', 'append', 'audit.jsonl', '--key', 'alice.jwk', '--actor', 'gateway://local'];
    expect(mamlkit(dir, [...log, '--action', 'EXECUTE', '--document', 'doc.maml.md']).status).toBe(0);
    expect(mamlkit(dir, ['audit', 'verify', 'audit.jsonl', '--trust', 'ok.json']).status).toBe(0);
    expect(mamlkit(dir, ['audit', 'verify', 'audit.jsonl', '--trust', 'hand.json']).status).toBe(1);
  });

  it('issue 19 (verify --trust secret.jwk is accepted): every --trust refuses a secret key and says to pass the public key', () => {
    for (const args of [
      ['verify', 'doc.maml.md'],
      ['gate', 'doc.maml.md', '--principal', 'gateway://local'],
      ['open', 'data.txt.mkenv', '-k', 'vault.keyring', '--out', 'never.txt'],
      ['audit', 'verify', 'audit.jsonl'],
    ]) {
      const run = mamlkit(dir, [...args, '--trust', 'alice.jwk']);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(
        /^mamlkit: ERR_KEY_SECRET: alice\.jwk: .*SECRET signing key.*'mamlkit key public alice\.jwk --out alice\.jwk\.pub'/,
      );
    }
    expect(listing(dir)).not.toContain('never.txt');
  });

  it('issue 19: a bad trust file is an error naming the file (unknown member, duplicate member, secret key, version)', () => {
    const good = readFileSync(join(dir, 'ok.json'), 'utf8');
    const file = JSON.parse(good) as { keys: { key: Record<string, unknown> }[] };
    const priv = (JSON.parse(readFileSync(join(dir, 'alice.jwk'), 'utf8')) as { priv: string }).priv;
    const withPriv = { ...file, keys: [{ key: { ...file.keys[0]?.key, priv } }] };
    const cases = [
      [JSON.stringify({ ...file, revokd: [] }), 'ERR_TRUST_FILE', /unknown member "revokd"/],
      [
        good.replace('"version": 1,', '"version": 1, "revoked": [], "revoked": ["x"],'),
        'ERR_TRUST_FILE',
        /duplicate member name "revoked"/,
      ],
      [JSON.stringify(withPriv), 'ERR_KEY_SECRET', /keys\[0\] holds a SECRET signing key/],
      [JSON.stringify({ ...file, version: 2 }), 'ERR_TRUST_FILE', /"version" must be 1/],
      [JSON.stringify({ ...file, revoked: ['not-a-key-id'] }), 'ERR_TRUST_FILE', /not a key id/],
    ] as const;
    for (const [text, code, message] of cases) {
      writeFileSync(join(dir, 'bad.json'), text);
      const run = verify('bad.json');
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^mamlkit: ${code}: bad\\.json: .*${message.source}`));
    }
    const mixed = mamlkit(dir, ['verify', 'doc.maml.md', '--trust', 'ok.json', '--trust', 'bob.jwk.pub']);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/ok\.json is a trust file: give it as the only --trust/);
  });

  it("issue 19 (verify --help lists 'revoked key'): the help names trust files and their refusals", () => {
    const help = mamlkit(dir, ['verify', '--help']).stdout;
    expect(help).toMatch(/trust file/);
    expect(help).toMatch(/revoked/);
    expect(help).toMatch(/expired/);
  });
});

describe('issue 19: --json on seal, open, rewrap and rotate', () => {
  it('issue 19 (--json on seal, open, rewrap, rotate): each prints one JSON object describing the result', () => {
    writeFileSync(join(dir, 'j.txt'), 'json report');
    const alice = keyId('alice.jwk.pub');
    const sealed = mamlkit(dir, [
      'seal',
      'j.txt',
      '-k',
      'inbox.keyring.pub',
      '--sign',
      'alice.jwk',
      '--json',
    ]);
    expect(sealed.status, sealed.stderr).toBe(0);
    expect(json(sealed.stdout)).toMatchObject({
      file: 'j.txt',
      out: 'j.txt.mkenv',
      inputBytes: 11,
      plaintextBytes: 11,
      armored: false,
      signer: { algorithm: 'ML-DSA-87', keyId: alice },
      stanzas: [{ layers: [{ kind: 'ml-kem-1024' }, { kind: 'ml-kem-1024' }] }],
    });
    const opened = mamlkit(dir, [
      'open',
      'j.txt.mkenv',
      '-k',
      'inbox.keyring',
      '--trust',
      'ok.json',
      '--out',
      'j.out',
      '--json',
    ]);
    expect(opened.status, opened.stderr).toBe(0);
    expect(json(opened.stdout)).toEqual({
      file: 'j.txt.mkenv',
      out: 'j.out',
      bytes: 11,
      signer: { algorithm: 'ML-DSA-87', keyId: alice },
      verifiedBy: alice,
    });
    const rotated = mamlkit(dir, [
      'rotate',
      'j.txt.mkenv',
      '-k',
      'inbox.keyring',
      '--to',
      'vault.keyring',
      '--trust',
      'ok.json',
      '--out',
      'r.mkenv',
      '--json',
    ]);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(json(rotated.stdout)).toMatchObject({
      out: 'r.mkenv',
      stanzas: [{ layers: [{ kind: 'aes-siv' }, { kind: 'aes-siv' }] }],
    });
    expect(json(rotated.stdout)['signer']).toBeUndefined();
    const rewrapped = mamlkit(dir, [
      'rewrap',
      'r.mkenv',
      '-k',
      'vault.keyring',
      '--add',
      'inbox.keyring.pub',
      '--json',
    ]);
    expect(rewrapped.status, rewrapped.stderr).toBe(0);
    expect((json(rewrapped.stdout)['stanzas'] as unknown[]).length).toBe(2);
  });

  it('issue 19: --json with --out - is a usage error (standard output carries the data)', () => {
    for (const args of [
      ['seal', 'j.txt', '-k', 'vault.keyring'],
      ['open', 'r.mkenv', '-k', 'vault.keyring'],
    ]) {
      const run = mamlkit(dir, [...args, '--out', '-', '--json']);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^mamlkit: ERR_USAGE: --json prints the result on standard output/);
    }
  });
});

describe('issue 19: shell completions', () => {
  const script = (shell: string) => {
    const run = mamlkit(dir, ['completion', shell]);
    expect(run.status, run.stderr).toBe(0);
    return run.stdout;
  };
  const complete = (...words: string[]) => {
    writeFileSync(join(dir, 'mamlkit.bash'), script('bash'));
    const body = `source ./mamlkit.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mamlkit; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const run = spawnSync('bash', ['-c', body], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.split('\n').filter((line) => line !== '');
  };

  it('issue 19 (shell completions): the bash script is valid and completes commands, subcommands and options', () => {
    writeFileSync(join(dir, 'check.bash'), script('bash'));
    expect(spawnSync('bash', ['-n', 'check.bash'], { cwd: dir }).status).toBe(0);
    expect(complete('mamlkit', 'se')).toEqual(['seal']);
    expect(complete('mamlkit', 'key', '')).toEqual(['info', 'public', 'trust']);
    expect(complete('mamlkit', 'audit', 'verify', '--ex')).toEqual(['--expect-head', '--expect-length']);
    expect(complete('mamlkit', 'verify', 'doc.maml.md', '--tr')).toEqual(['--trust']);
    expect(complete('mamlkit', 'open', 'data.txt.mk')).toEqual(['data.txt.mkenv']);
  });

  it('issue 19: the zsh and fish scripts list every command and option of the table', () => {
    const help = mamlkit(dir, ['--help']).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] ?? '');
    expect(commands).toContain('completion');
    const zsh = script('zsh');
    const fish = script('fish');
    expect(zsh.startsWith('#compdef mamlkit\n')).toBe(true);
    expect(zsh).toContain(`'') echo '${commands.join(' ')}' ;;`);
    expect(zsh).toContain(
      `'key trust') echo '--out -o --not-after --algorithm --revoke --force -f --json --help -h --debug' ;;`,
    );
    expect(zsh.match(/\bcase\b/g)?.length).toBe(zsh.match(/\besac\b/g)?.length);
    for (const name of commands) expect(fish).toContain(`-a '${name}' -d `);
    expect(fish).toContain(`complete -c mamlkit -n '__mamlkit_at \\'key trust\\'' -l 'revoke' -d `);
    const lines = fish.split('\n').map((line) => line.trim());
    const opened = lines.filter((line) => /^(?:function|switch|for|if) /.test(line)).length;
    expect(opened).toBe(5);
    expect(lines.filter((line) => line === 'end').length).toBe(opened);
    for (const [shell, text] of [
      ['zsh', zsh],
      ['fish', fish],
    ] as const) {
      const installed = spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
      if (installed) {
        writeFileSync(join(dir, `script.${shell}`), text);
        expect(spawnSync(shell, ['-n', `script.${shell}`], { cwd: dir }).status).toBe(0);
      }
    }
  });
});
