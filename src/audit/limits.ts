/** Longest `actor` and `subject.id`, in UTF-16 code units: 1024. */
export const MAX_AUDIT_TEXT_CHARS: number = 1024;

/** Largest `details` value, as canonical JSON in UTF-8 bytes: 16 KiB. */
export const MAX_AUDIT_DETAILS_BYTES: number = 16 * 1024;

/** Deepest nesting of arrays and objects in `details` (the value itself is level 1): 16. */
export const MAX_AUDIT_DETAILS_DEPTH: number = 16;

/** Longest line `parseAuditLog` reads, in UTF-16 code units: 32 KiB (an entry at the limits fits). */
export const MAX_AUDIT_LINE_CHARS: number = 32 * 1024;

/**
 * Most entries one call of `parseAuditLog`, `serializeAuditLog` or `verifyAuditLog` takes:
 * 100 000. Verify longer logs in segments with the `after` option.
 */
export const MAX_AUDIT_ENTRIES: number = 100_000;
