/**
 * The flow the Deno, Bun and browser examples run: validate a MAML document, sign it with
 * ML-DSA-87, verify it (and see a tampered copy refused), then seal it under four layer keys
 * and open it again. Only web-standard APIs, so it runs unchanged in every runtime.
 */
import { isMamlValid, parseMaml, validateMaml, version } from 'mamlkit/maml';
import { createTrustStore, generateSigningKeyPair, signMaml, verifyMaml } from 'mamlkit/sign';
import {
  EnvelopeError,
  generateKeyring,
  inspect,
  open,
  seal,
  type EnvelopeBackend,
  type Keyring,
} from 'mamlkit/envelope';

/** One line of the report: what was done, whether it came out as expected, and a detail. */
export interface TourStep {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
}

async function refusesWrongKeyring(envelope: Uint8Array, keyring: Keyring): Promise<boolean> {
  // Three of the four layer keys are not enough: replace one and opening must fail.
  const wrong: Keyring = {
    layers: [...keyring.layers.slice(0, 3), ...generateKeyring({ layers: 1 }).layers],
  };
  try {
    await open(envelope, wrong);
    return false;
  } catch (error) {
    if (error instanceof EnvelopeError) return true;
    throw error;
  }
}

/** Runs the flow on `source` with the given AES-GCM backend and reports each step. */
export async function runTour(source: string, backend: EnvelopeBackend = 'webcrypto'): Promise<TourStep[]> {
  const steps: TourStep[] = [];
  const diagnostics = validateMaml(parseMaml(source), { level: 'strict' });
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  steps.push({
    step: 'validate',
    ok: isMamlValid(diagnostics),
    detail: `strict: ${errors} error(s), ${diagnostics.length - errors} warning(s)`,
  });

  const { publicKey, secretKey } = generateSigningKeyPair();
  const signed = signMaml(source, secretKey);
  const trust = createTrustStore([publicKey]);
  const verified = verifyMaml(signed, trust);
  steps.push({
    step: 'sign + verify',
    ok: verified.valid,
    detail: `${publicKey.algorithm}, key ${publicKey.keyId}`,
  });

  const tampered = verifyMaml(signed.replace('threshold is 42', 'threshold is 4200'), trust);
  steps.push({ step: 'tampered copy', ok: !tampered.valid, detail: tampered.reason?.code ?? 'accepted' });

  const keyring = generateKeyring();
  const envelope = await seal(signed, keyring, { contentType: 'text/markdown', backend });
  const info = inspect(envelope);
  const layers = info.stanzas[0]?.layers.length ?? 0;
  steps.push({
    step: 'seal',
    ok: layers === 4,
    detail: `${envelope.length} bytes, ${layers} layers, ${backend}`,
  });

  const opened = new TextDecoder().decode(await open(envelope, keyring, { backend }));
  steps.push({ step: 'open', ok: opened === signed, detail: `${opened.length} characters back` });
  steps.push({
    step: 'open, one key wrong',
    ok: await refusesWrongKeyring(envelope, keyring),
    detail: 'every layer key is needed',
  });
  return steps;
}

/** The report as text, one aligned line per step. */
export function formatTour(title: string, steps: readonly TourStep[]): string {
  const lines = steps.map((s) => `  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step.padEnd(20)} ${s.detail}`);
  return [title, ...lines].join('\n');
}

/** Reads the sample workflow next to this file (a `file:` URL in Deno and Bun, an asset URL in a Vite build). */
export async function loadWorkflow(): Promise<string> {
  const response = await fetch(new URL('./workflow.maml.md', import.meta.url));
  if (!response.ok) throw new Error(`cannot read the sample workflow: HTTP ${response.status}`);
  return response.text();
}

/**
 * The command-line tour: runs the flow with both AES-GCM backends, prints the report and
 * throws (so the process exits non-zero) when a step did not come out as expected.
 */
export async function main(): Promise<void> {
  const source = await loadWorkflow();
  for (const backend of ['webcrypto', 'noble'] as const) {
    const steps = await runTour(source, backend);
    console.log(formatTour(`mamlkit ${version} on ${navigator.userAgent}, ${backend} backend`, steps));
    if (steps.some((s) => !s.ok)) throw new Error('the tour failed');
  }
}
