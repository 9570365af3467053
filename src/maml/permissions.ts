import type { MamlDocument } from './types.js';

/** An action a principal may take on a document. */
export type MamlAction = 'read' | 'write' | 'execute';

/** The answer of {@link checkPermission}: `matched` is the pattern that granted access. */
export interface MamlPermissionDecision {
  readonly allowed: boolean;
  readonly matched?: string;
  readonly reason: string;
}

const MAX_LENGTH = 2048;
const ACTIONS: ReadonlySet<string> = new Set(['read', 'write', 'execute']);
const SCHEME = /^[a-z][\w+.-]*$/i;

/** Splits `scheme:rest`; undefined unless it follows the grammar (`*` allowed in `rest` only when `wildcards`). */
function splitUri(text: string, wildcards: boolean): { scheme: string; rest: string } | undefined {
  if (text.length === 0 || text.length > MAX_LENGTH) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 127 || (!wildcards && c === 42)) return undefined;
  }
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  const scheme = text.slice(0, colon);
  if (!SCHEME.test(scheme)) return undefined;
  return { scheme: scheme.toLowerCase(), rest: text.slice(colon + 1) };
}

/**
 * Whether a string is a well-formed permission pattern: `scheme:rest` where the scheme is
 * a URI scheme written out (no wildcard) and `rest` is non-empty, without whitespace or
 * control characters, at most 2048 characters, `*` matching any run of characters.
 *
 * @example
 * ```ts
 * import { isPermissionPattern } from 'mamlkit/maml';
 * isPermissionPattern('agent://*'); // true
 * isPermissionPattern('admin'); // false: no scheme
 * ```
 */
export function isPermissionPattern(pattern: string): boolean {
  return splitUri(pattern, true) !== undefined;
}

/** Glob match where `*` matches any run of characters; linear in practice, no regular expression. */
function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === text[t] && pattern[p] !== '*') {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The patterns listed for `action` (a bare string counts as a one-element list). */
function permissionPatterns(document: MamlDocument, action: MamlAction): readonly unknown[] | undefined {
  const permissions = document.frontMatter?.data?.['permissions'];
  if (permissions === null || typeof permissions !== 'object' || Array.isArray(permissions)) return undefined;
  const listed = (permissions as Record<string, unknown>)[action];
  if (listed === undefined || listed === null) return undefined;
  return Array.isArray(listed) ? (listed as unknown[]) : [listed];
}

/**
 * Decides whether `principal` (a URI such as `agent://alice`) may take `action` on the
 * document. Default deny: access is granted only when a well-formed pattern listed under
 * `permissions.<action>` matches. Schemes are compared exactly (case-insensitively, as URI
 * schemes are); `*` matches any run of characters, so `agent://*` matches every agent and
 * `db://*` every resource of the `db` scheme. Malformed patterns never match.
 *
 * @example
 * ```ts
 * import { checkPermission, parseMaml } from 'mamlkit/maml';
 * const doc = parseMaml('---\npermissions:\n  execute: ["gateway://prod-*"]\n---\n');
 * checkPermission(doc, 'execute', 'gateway://prod-eu');
 * // { allowed: true, matched: 'gateway://prod-*', reason: '…' }
 * ```
 */
export function checkPermission(
  document: MamlDocument,
  action: MamlAction,
  principal: string,
): MamlPermissionDecision {
  if (!ACTIONS.has(action)) {
    return { allowed: false, reason: `unknown action ${action}` };
  }
  const who = typeof principal === 'string' ? splitUri(principal, false) : undefined;
  if (who === undefined) {
    return { allowed: false, reason: 'the principal is not a URI (scheme:rest, no whitespace or "*")' };
  }
  const patterns = permissionPatterns(document, action);
  if (patterns === undefined)
    return { allowed: false, reason: `the document grants no ${action} permission` };
  for (const pattern of patterns) {
    if (typeof pattern !== 'string') continue;
    const parts = splitUri(pattern, true);
    if (parts?.scheme === who.scheme && wildcardMatch(parts.rest, who.rest)) {
      return { allowed: true, matched: pattern, reason: `${principal} matches ${action} pattern ${pattern}` };
    }
  }
  return {
    allowed: false,
    reason: `no ${action} pattern matches ${principal} (${patterns.length} listed)`,
  };
}
