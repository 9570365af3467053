/**
 * What an MCP server or an HTTP service does around `authorizeExecution`: ask the gate (which
 * signs the `EXECUTE` audit entry of an allowed run), store that entry, and only then run the
 * document. The "executor" here is a harmless stand-in that echoes the code blocks it would run.
 */
import { auditHead, type AuditEntry, type AuditHead } from 'mamlkit/audit';
import { authorizeExecution, type GateReasonCode } from 'mamlkit/gate';
import type { MamlDocument } from 'mamlkit/maml';
import type { SigningSecretKey, TrustStore } from 'mamlkit/sign';

export interface ExecutionServiceOptions {
  /** Keys whose signatures the gate accepts. */
  readonly trust: TrustStore;
  /** The server's own key: it signs the audit entries. */
  readonly auditKey: SigningSecretKey;
  /** Stores an entry durably (a file, a database); the document runs only after it resolves. */
  readonly record: (entry: AuditEntry) => Promise<void> | void;
  /** Where the chain continues from (the head of the stored log); default: a new log. */
  readonly head?: AuditHead | null;
  readonly now?: () => Date;
}

export type ExecutionOutcome =
  | { readonly allowed: true; readonly output: string; readonly audit: AuditEntry }
  | {
      readonly allowed: false;
      readonly reasons: readonly { readonly code: GateReasonCode; readonly message: string }[];
    };

/** The stand-in executor: describes each code block it would run, and runs nothing. */
export function echoExecutor(document: MamlDocument): string {
  const blocks = document.codeBlocks.filter((block) => block.language !== 'maml-signature');
  const id = document.frontMatter?.data?.id;
  const name = typeof id === 'string' ? id : 'a document without id';
  const lines = [`[echo executor: nothing is run] ${blocks.length} code block(s) of ${name}`];
  for (const [index, block] of blocks.entries()) {
    lines.push(`--- block ${index + 1} (${block.language || 'no language'})`, block.code.trimEnd());
  }
  return lines.join('\n');
}

export interface ExecutionService {
  readonly execute: (source: string, principal: string) => Promise<ExecutionOutcome>;
}

export function createExecutionService(options: ExecutionServiceOptions): ExecutionService {
  const { trust, auditKey, record, now = () => new Date() } = options;
  let head = options.head ?? null;
  // One execution at a time, so every audit entry links to the one before it.
  let queue: Promise<unknown> = Promise.resolve();

  async function executeNow(source: string, principal: string): Promise<ExecutionOutcome> {
    const at = now();
    const decision = authorizeExecution(source, {
      trust,
      principal,
      now: at,
      audit: { head, secretKey: auditKey },
    });
    if (!decision.allowed || decision.document === undefined || decision.auditEntry === undefined) {
      return { allowed: false, reasons: decision.reasons.map(({ code, message }) => ({ code, message })) };
    }
    // The gate signed the EXECUTE entry for this run: store it before anything runs.
    const audit = decision.auditEntry;
    await record(audit);
    head = auditHead([audit]);
    return { allowed: true, output: echoExecutor(decision.document), audit };
  }

  return {
    execute(source, principal) {
      const run = queue.then(() => executeNow(source, principal));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
