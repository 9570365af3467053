/** Demo section for `mamlkit/policy`. */
import { estimateTokens, parseRateLimitHeaders, planRetry, preflight, requestCacheKey } from 'mamlkit/policy';

export function demoPolicy(): void {
  const now = Date.parse('2025-11-21T00:15:00Z');
  const request = {
    provider: 'anthropic' as const,
    endpoint: 'messages',
    model: 'claude-haiku-4-5',
    bodyBytes: 40_000_000,
    maxTokens: 'detailed',
  };
  const result = preflight(request);
  console.log(
    `  preflight ${request.model}, 40 MB body, max_tokens 'detailed' (${String(result.maxTokens)}): ok=${String(result.ok)}`,
  );
  for (const v of result.violations) {
    console.log(`    ${v.code}: ${v.message}`);
    console.log(`    suggestion: ${v.suggestion}`);
  }
  const quantum = preflight({ provider: 'azure-quantum', target: 'ionq.qpu.aria-1', qubits: 32 });
  console.log(`  32 qubits on ionq.qpu.aria-1: ${quantum.violations[0]?.suggestion ?? 'fits'}`);

  const prompt = 'Summarise the History section of this MAML workflow in three bullet points.';
  console.log(
    `  tokens of a prompt: ~${estimateTokens(prompt)} (upper bound ${estimateTokens(prompt, { mode: 'upper' })})`,
  );

  const headers = { 'retry-after': '3', 'anthropic-ratelimit-requests-remaining': '0' };
  const snapshot = parseRateLimitHeaders('anthropic', headers, now);
  const plan = planRetry({ provider: 'anthropic', status: 429, headers, attempt: 1, now });
  console.log(
    `  429 with ${String(snapshot.requests.remaining)} requests left: retry=${String(plan.retry)} after ${plan.delayMs} ms (${plan.reason})`,
  );
  console.log(
    `  cache key: ${requestCacheKey(
      { provider: 'anthropic', endpoint: 'messages', headers: { 'anthropic-version': '2023-06-01' } },
      { model: request.model, max_tokens: 1024, messages: [{ role: 'user', content: prompt }] },
    )}`,
  );
}
