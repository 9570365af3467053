import * as v from 'valibot';

const ISO_DATE_OR_TIMESTAMP =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/i;

/** A permission list: patterns, or a bare string (accepted, reported by `validateMaml`). */
export type MamlPermissionList = string | readonly string[];

/** The front matter fields mamlkit knows; other fields are kept as they are. */
export interface MamlFrontMatterData {
  readonly [key: string]: unknown;
  readonly maml_version?: string;
  readonly schema?: string;
  readonly id: string;
  readonly type: string;
  readonly origin?: string;
  readonly requires?: Readonly<Record<string, unknown>> | readonly string[];
  readonly permissions?: {
    readonly [key: string]: unknown;
    readonly read?: MamlPermissionList;
    readonly write?: MamlPermissionList;
    readonly execute?: MamlPermissionList;
  };
  readonly quantum_security_flag?: boolean;
  readonly created_at?: string;
  readonly verification?: {
    readonly [key: string]: unknown;
    readonly method?: string;
    readonly spec_files?: readonly string[];
    readonly level?: string;
    readonly schema?: string;
    readonly signature?: string;
  };
  readonly encryption?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

const permissionList = v.union([v.string(), v.array(v.string())]);

/**
 * The valibot schema of MAML front matter (types only; `validateMaml` adds the semantic
 * rules). It is a Standard Schema, so it composes with valibot and any library that
 * accepts Standard Schemas. Unknown fields pass through.
 *
 * @example
 * ```ts
 * import * as v from 'valibot';
 * import { MamlFrontMatterSchema, parseMaml } from 'mamlkit/maml';
 * const doc = parseMaml(text);
 * const result = v.safeParse(MamlFrontMatterSchema, doc.frontMatter?.data);
 * if (result.success) console.log(result.output.id);
 * ```
 */
export const MamlFrontMatterSchema: v.GenericSchema<unknown, MamlFrontMatterData> = v.looseObject({
  maml_version: v.exactOptional(v.string()),
  schema: v.exactOptional(v.string()),
  id: v.string(),
  type: v.string(),
  origin: v.exactOptional(v.string()),
  requires: v.exactOptional(v.union([v.record(v.string(), v.unknown()), v.array(v.string())])),
  permissions: v.exactOptional(
    v.looseObject({
      read: v.exactOptional(permissionList),
      write: v.exactOptional(permissionList),
      execute: v.exactOptional(permissionList),
    }),
  ),
  quantum_security_flag: v.exactOptional(v.boolean()),
  created_at: v.exactOptional(
    v.pipe(v.string(), v.regex(ISO_DATE_OR_TIMESTAMP, 'expected an ISO 8601 date or timestamp')),
  ),
  verification: v.exactOptional(
    v.looseObject({
      method: v.exactOptional(v.string()),
      spec_files: v.exactOptional(v.array(v.string())),
      level: v.exactOptional(v.string()),
      schema: v.exactOptional(v.string()),
      signature: v.exactOptional(v.string()),
    }),
  ),
  encryption: v.exactOptional(v.string()),
  parameters: v.exactOptional(v.record(v.string(), v.unknown())),
});

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

function isBoolean(value: unknown): boolean {
  return typeof value === 'boolean';
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isPermissionList(value: unknown): boolean {
  return typeof value === 'string' || isStringList(value);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATE_OR_TIMESTAMP.test(value);
}

function isRequires(value: unknown): boolean {
  return isPlainRecord(value) || isStringList(value);
}

/** Whether `key` is absent (the schema's `exactOptional`) or its value passes `check`. */
function optional(
  data: Readonly<Record<string, unknown>>,
  key: string,
  check: (value: unknown) => boolean,
): boolean {
  return !(key in data) || check(data[key]);
}

function isPermissions(value: unknown): boolean {
  return (
    isPlainRecord(value) &&
    optional(value, 'read', isPermissionList) &&
    optional(value, 'write', isPermissionList) &&
    optional(value, 'execute', isPermissionList)
  );
}

function isVerification(value: unknown): boolean {
  return (
    isPlainRecord(value) &&
    optional(value, 'method', isString) &&
    optional(value, 'spec_files', isStringList) &&
    optional(value, 'level', isString) &&
    optional(value, 'schema', isString) &&
    optional(value, 'signature', isString)
  );
}

/**
 * A quick check that front matter data passes {@link MamlFrontMatterSchema}: when it returns
 * true, `v.safeParse` would report no issue, so `validateMaml` skips it. It may return false
 * for data the schema accepts (an array given where a record is expected); the schema then
 * decides and words the issues.
 */
export function conformsToFrontMatterSchema(data: Readonly<Record<string, unknown>>): boolean {
  return (
    typeof data['id'] === 'string' &&
    typeof data['type'] === 'string' &&
    optional(data, 'maml_version', isString) &&
    optional(data, 'schema', isString) &&
    optional(data, 'origin', isString) &&
    optional(data, 'requires', isRequires) &&
    optional(data, 'permissions', isPermissions) &&
    optional(data, 'quantum_security_flag', isBoolean) &&
    optional(data, 'created_at', isTimestamp) &&
    optional(data, 'verification', isVerification) &&
    optional(data, 'encryption', isString) &&
    optional(data, 'parameters', isPlainRecord)
  );
}
