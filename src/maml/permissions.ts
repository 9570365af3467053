import { readPermissionUri, type PermissionUri } from './permission-uri.js';
import type { MamlDiagnostic, MamlDocument } from './types.js';
import { validateMaml } from './validate.js';

export { isPermissionPattern } from './permission-uri.js';

/** An action a principal may take on a document. */
export type MamlAction = 'read' | 'write' | 'execute';

/** The answer of {@link checkPermission}: `matched` is the pattern that granted access. */
export interface MamlPermissionDecision {
  readonly allowed: boolean;
  readonly matched?: string;
  readonly reason: string;
}

const ACTIONS: ReadonlySet<string> = new Set(['read', 'write', 'execute']);
/**
 * What a `*` inside a segment or label never matches: it stays within one name, and never
 * spans percent-encoding (which could stand for a separator, `%3A`, `%40`).
 */
const SEPARATORS = /[.:@%]/;

/** Whether one pattern segment or host label matches one principal segment or label. */
function partMatches(pattern: string, part: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === part;
  if (pattern === '*') return true;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  if (part.length <= prefix.length + suffix.length) return false;
  if (!part.startsWith(prefix) || !part.endsWith(suffix)) return false;
  return !SEPARATORS.test(part.slice(prefix.length, part.length - suffix.length));
}

/**
 * Whether pattern segments match principal segments, `**` standing for any number of whole
 * segments: the classic glob walk over segments, returning to the last `**` on a mismatch.
 */
function segmentsMatch(pattern: readonly string[], segments: readonly string[]): boolean {
  let p = 0;
  let s = 0;
  let globstar = -1;
  let mark = 0;
  while (s < segments.length) {
    const here = pattern[p];
    if (here === '**') {
      globstar = p++;
      mark = s;
    } else if (here !== undefined && partMatches(here, segments[s] as string)) {
      p++;
      s++;
    } else if (globstar !== -1) {
      p = globstar + 1;
      s = ++mark;
    } else return false;
  }
  while (pattern[p] === '**') p++;
  return p === pattern.length;
}

function hostMatches(pattern: PermissionUri['host'], host: PermissionUri['host']): boolean {
  if (pattern === undefined || host === undefined) return pattern === host;
  return pattern.length === host.length && pattern.every((label, i) => partMatches(label, host[i] as string));
}

function uriMatches(pattern: PermissionUri, principal: PermissionUri): boolean {
  return (
    pattern.scheme === principal.scheme &&
    hostMatches(pattern.host, principal.host) &&
    pattern.port === principal.port &&
    pattern.query === principal.query &&
    segmentsMatch(pattern.segments, principal.segments)
  );
}

/** The patterns listed for `action` (a bare string counts as a one-element list). */
function permissionPatterns(document: MamlDocument, action: MamlAction): readonly unknown[] | undefined {
  const permissions = document.frontMatter?.data?.['permissions'];
  if (permissions === null || typeof permissions !== 'object' || Array.isArray(permissions)) return undefined;
  const listed = (permissions as Record<string, unknown>)[action];
  if (listed === undefined || listed === null) return undefined;
  return Array.isArray(listed) ? (listed as unknown[]) : [listed];
}

/** Why a document with these strict validation errors grants nothing, or undefined when it has none. */
function invalidDocument(errors: readonly MamlDiagnostic[]): string | undefined {
  const first = errors[0];
  if (first === undefined) return undefined;
  const { line, column } = first.range.start;
  return `the document does not pass strict validation (${errors.length} error(s), first: ${first.code} at ${line}:${column}: ${first.message})`;
}

/**
 * Decides whether `principal` (a URI such as `agent://alice`) may take `action` on the
 * document. Default deny: access is granted only to a principal that is a well-formed URI,
 * by a document that passes strict validation, when a pattern listed under
 * `permissions.<action>` matches. Patterns and principals are read as URIs (RFC 3986):
 * scheme and host compare in lower case; `*` matches one path segment or one host label,
 * `**` any number of path segments; principals with dot segments, encoded slashes, userinfo,
 * fragments or invisible characters are refused. The rules are in docs/spec/maml.md.
 *
 * @example
 * ```ts
 * import { checkPermission, parseMaml } from 'mamlkit/maml';
 * const doc = parseMaml(text); // grants execute: ["gateway://prod-*"]
 * checkPermission(doc, 'execute', 'gateway://prod-eu');
 * // { allowed: true, matched: 'gateway://prod-*', reason: '…' }
 * checkPermission(doc, 'execute', 'gateway://prod-eu/../admin').allowed; // false: a dot segment
 * ```
 */
export function checkPermission(
  document: MamlDocument,
  action: MamlAction,
  principal: string,
): MamlPermissionDecision {
  const errors = validateMaml(document, { level: 'strict' }).filter((d) => d.severity === 'error');
  return decidePermission(document, action, principal, errors);
}

/**
 * {@link checkPermission} for a caller that has already validated the document strictly and
 * passes its error diagnostics (the execution gate), so the document is validated once.
 * Internal: reached through `src/maml/internal.ts`.
 */
export function decidePermission(
  document: MamlDocument,
  action: MamlAction,
  principal: string,
  strictErrors: readonly MamlDiagnostic[],
): MamlPermissionDecision {
  if (!ACTIONS.has(action)) {
    return { allowed: false, reason: `unknown action ${action}` };
  }
  if (typeof principal !== 'string') return { allowed: false, reason: 'the principal is not a string' };
  const who = readPermissionUri(principal, 'principal');
  if (!who.ok) {
    return { allowed: false, reason: `the principal ${JSON.stringify(principal)} is refused: ${who.reason}` };
  }
  const invalid = invalidDocument(strictErrors);
  if (invalid !== undefined) return { allowed: false, reason: invalid };
  const patterns = permissionPatterns(document, action);
  if (patterns === undefined)
    return { allowed: false, reason: `the document grants no ${action} permission` };
  for (const pattern of patterns) {
    if (typeof pattern !== 'string') continue;
    const read = readPermissionUri(pattern, 'pattern');
    if (read.ok && uriMatches(read.uri, who.uri)) {
      return { allowed: true, matched: pattern, reason: `${principal} matches ${action} pattern ${pattern}` };
    }
  }
  return {
    allowed: false,
    reason: `no ${action} pattern matches ${principal} (${patterns.length} listed)`,
  };
}
