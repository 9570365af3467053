/** Test models and endpoints, so the body checks do not depend on which models the built-in tables list today. */

const SOURCE = 'https://example.com/models';
const CHECKED_AT = '2026-12-05';

/** An active test model with these limits. */
export const model = (contextWindow: number, maxOutputTokens: number) => ({
  contextWindow,
  maxOutputTokens,
  source: SOURCE,
  checkedAt: CHECKED_AT,
  status: 'active' as const,
});

/** The Responses API endpoint of a provider, active at `path`. */
export const responsesEndpoint = (path: string) => ({
  responses: { path, source: SOURCE, checkedAt: CHECKED_AT, status: 'active' as const },
});
