import { PROVIDERS } from '../providers/index.js';
import type { Policy, Sourced } from '../types.js';

/**
 * An entry's lifecycle in words: its status, then the deprecation and retirement dates and the
 * replacement where the provider published them.
 *
 * @example
 * ```ts
 * import { defaultPolicy, lifecycleSummary } from 'mamlkit/policy';
 * lifecycleSummary(defaultPolicy.providers.openai.models['gpt-5']!);
 * // 'deprecated, retires 2026-12-11, replacement gpt-6.1-sol'
 * ```
 */
export function lifecycleSummary(entry: Sourced): string {
  const parts: string[] = [entry.status];
  if (entry.deprecatedAt !== undefined) parts.push(`deprecated ${entry.deprecatedAt}`);
  if (entry.retiresAt !== undefined)
    parts.push(`${entry.status === 'retired' ? 'retired' : 'retires'} ${entry.retiresAt}`);
  if (entry.replacement !== undefined) parts.push(`replacement ${entry.replacement}`);
  return parts.join(', ');
}

/**
 * The oldest and newest `checkedAt` of all entries of `policy` (YYYY-MM-DD), or `undefined`
 * when it has none: how old the data is.
 *
 * @example
 * ```ts
 * import { checkedRange, defaultPolicy } from 'mamlkit/policy';
 * checkedRange(defaultPolicy); // { oldest: '2026-12-05', newest: '2026-12-05' }
 * ```
 */
export function checkedRange(
  policy: Policy,
): { readonly oldest: string; readonly newest: string } | undefined {
  let oldest: string | undefined;
  let newest: string | undefined;
  for (const provider of PROVIDERS) {
    const { endpoints, models, targets } = policy.providers[provider];
    for (const table of [endpoints, models, targets]) {
      for (const { checkedAt } of Object.values(table) as Sourced[]) {
        if (oldest === undefined || checkedAt < oldest) oldest = checkedAt;
        if (newest === undefined || checkedAt > newest) newest = checkedAt;
      }
    }
  }
  return oldest === undefined || newest === undefined ? undefined : { oldest, newest };
}
