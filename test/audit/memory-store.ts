import {
  AUDIT_GENESIS_HEAD,
  AuditConflictError,
  formatAuditLine,
  parseAuditLine,
  type AuditEntry,
  type AuditStore,
} from '../../src/audit/index.js';

/** An in-memory {@link AuditStore} over an array of lines (a test double for the real stores). */
export function memoryStore(lines: string[] = [], pageSize = 3): AuditStore & { readonly stored: string[] } {
  const head = () => {
    const last = lines[lines.length - 1];
    if (last === undefined) return AUDIT_GENESIS_HEAD;
    const { seq, hash } = parseAuditLine(last);
    return { seq, hash };
  };
  return {
    stored: lines,
    head: () => Promise.resolve(head()),
    async append(entry: AuditEntry) {
      await Promise.resolve();
      const current = head();
      if (current.hash !== entry.prev || current.seq !== entry.seq - 1) {
        throw new AuditConflictError(current, `head is seq ${current.seq}`);
      }
      lines.push(formatAuditLine(entry));
    },
    async *lines() {
      for (let start = 0; start < lines.length; start += pageSize) {
        await Promise.resolve();
        yield* lines.slice(start, start + pageSize);
      }
    },
  };
}
