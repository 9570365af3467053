import type { AuditFailure } from './failures.js';
import type { AuditEntry } from './types.js';

function stored(value: unknown, member: 'hash' | 'prev'): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[member] : undefined;
}

/** Positions of every stored `hash` or `prev` string of the log (unverified: only for diagnosis). */
function positions(entries: readonly unknown[], member: 'hash' | 'prev'): Map<unknown, number[]> {
  const map = new Map<unknown, number[]>();
  entries.forEach((value, i) => {
    const key = stored(value, member);
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else list.push(i);
  });
  return map;
}

/**
 * Explains why `entries[at]` (checked and signed, but whose `prev` is not `expectedPrev`)
 * does not follow the entry before it, looking at the rest of the log to tell a replayed,
 * inserted, moved or deleted entry apart (docs/spec/audit.md, "Verification"). `entries` may be
 * a window of the log that starts at entry `base`: the failure then names positions in the log.
 */
export function diagnoseLink(
  entries: readonly unknown[],
  at: number,
  expectedPrev: string,
  base = 0,
): AuditFailure {
  const n = (i: number): number => base + i;
  const index = n(at);
  const entry = entries[at] as AuditEntry;
  const hashes = positions(entries, 'hash');
  const prevs = positions(entries, 'prev');
  const copy = hashes.get(entry.hash)?.find((i) => i !== at);
  if (copy !== undefined) {
    return broken(index, `entry ${index} is a copy of entry ${n(copy)}: a replayed entry was inserted`);
  }
  const before = entries[at - 1] as AuditEntry | undefined;
  if (before !== undefined && before.prev === entry.prev && before.seq === entry.seq) {
    // A fork: two entries claim the same place. The one the next entry links to belongs.
    const intruder = stored(entries[at + 1], 'prev') === entry.hash ? index - 1 : index;
    return broken(
      intruder,
      `entry ${intruder} was inserted: entries ${index - 1} and ${index} both claim seq ${entry.seq} after the same entry`,
    );
  }
  const predecessor = hashes.get(entry.prev)?.[0];
  const hasSuccessor = (prevs.get(entry.hash)?.length ?? 0) > 0;
  const sharesPrev = (prevs.get(entry.prev)?.length ?? 0) > 1;
  if (predecessor !== undefined && (hasSuccessor || !sharesPrev)) {
    return {
      index,
      reason: 'AUDIT_REORDERED',
      message: `entry ${index} (seq ${entry.seq}) belongs right after entry ${n(predecessor)}: entries were reordered`,
    };
  }
  if (stored(entries[at + 1], 'prev') === expectedPrev) {
    return broken(index, `entry ${index} was inserted: the entry after it links to the entry before it`);
  }
  return broken(
    index,
    index === 0
      ? 'entry 0 does not follow the start of the log (genesis or the "after" head): entries were deleted or it belongs to another log'
      : `entry ${index} does not link to entry ${index - 1}: entries between them were deleted, or it belongs to another log`,
  );
}

function broken(index: number, message: string): AuditFailure {
  return { index, reason: 'AUDIT_BROKEN_LINK', message };
}
