/** What the replicas of examples/replicas agree on: the limiter key, its limits, the audit log and its signing key. */
import type { LimiterLimits } from 'mamlkit/policy';
import { generateSigningKeyPair } from 'mamlkit/sign';

/** One key per provider organisation (or per model, per API key): every replica uses it. */
export const LIMITER_KEY = 'mamlkit:limiter:anthropic:example';

/** 600 requests a minute (10 a second, bursts of 10) and 400,000 input tokens a minute. */
export const LIMITS: LimiterLimits = { requestsPerMinute: 600, inputTokensPerMinute: 400_000 };

/** What a replica reports of each call. */
export interface CallReport {
  readonly replica: string;
  readonly call: number;
  /** How long the shared limiter made it wait. */
  readonly delayMs: number;
  /** When it was sent, on the Redis server's clock. */
  readonly sendAt: number;
  /** Its entry's sequence number in the shared audit log. */
  readonly auditSeq: number;
}

/** The audit log every replica appends to (Redis keys `mamlkit:audit:<name>:*`). */
export const AUDIT_LOG = 'replicas-example';

/**
 * The gateway's audit signing key. Derived from a fixed seed so that every process of the
 * example has it without a key file; a deployment loads its own key instead.
 */
export const AUDIT_KEY = generateSigningKeyPair({
  algorithm: 'ML-DSA-44',
  seed: new Uint8Array(32).fill(7),
  created: new Date('2026-12-01T00:00:00Z'),
});

/** The workflow every replica executes. */
export const WORKFLOW = {
  id: 'urn:uuid:4f9b2c1e-8d3a-4c7b-9e2f-1a2b3c4d5e6f',
  text: '## Intent\nSummarise.\n',
};
