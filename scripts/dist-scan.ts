/**
 * Finds what a built library file must not use to stay runtime-agnostic: imports of
 * anything but relative files and declared dependencies (so no `node:` or bare Node
 * built-ins), and references to Node globals, free or through `globalThis`. It reads the
 * syntax tree, so words in strings and comments never count.
 */
import ts from 'typescript';

/** Node globals that browsers lack. */
const nodeGlobals = new Set(['Buffer', 'process', 'require', 'module', '__dirname', '__filename', 'global']);

/** Names through which code reaches the global object. */
const globalObjects = new Set(['globalThis', 'self', 'window', 'global']);

/** One forbidden use, with its 1-based line. */
export interface DistFinding {
  readonly line: number;
  readonly message: string;
}

/** The package's own `imports` entries: resolved by package.json conditions, never to a Node-only file in browsers. */
const ownImports = new Set(['#native']);

const isAllowedSpecifier = (specifier: string, dependencies: readonly string[]): boolean =>
  ownImports.has(specifier) ||
  specifier.startsWith('./') ||
  specifier.startsWith('../') ||
  dependencies.some((name) => specifier === name || specifier.startsWith(`${name}/`));

/** The module specifier of an import, export-from, dynamic import() or require() call, if `node` is one. */
function specifierOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return node.moduleSpecifier;
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const isLoader =
      callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
    if (isLoader) return node.arguments[0];
  }
  return undefined;
}

/** True when `node` is the name in `a.name`, `{ name: … }` or a declaration, not a reference. */
function isNameOnly(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    ((ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
  );
}

/** True for `globalThis.process`, `self.Buffer` and the like. */
function isGlobalObjectAccess(node: ts.Node): node is ts.PropertyAccessExpression {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    globalObjects.has(node.expression.text) &&
    nodeGlobals.has(node.name.text)
  );
}

/** Names the file declares itself (a local `process` is not the Node global). */
function declaredNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isClassDeclaration(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Lists every forbidden import and Node-global reference in the JavaScript `code`. */
export function scanDistFile(code: string, dependencies: readonly string[]): DistFinding[] {
  const file = ts.createSourceFile('file.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const local = declaredNames(file);
  const findings: DistFinding[] = [];
  const report = (node: ts.Node, message: string): void => {
    findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, message });
  };
  const visit = (node: ts.Node): void => {
    const specifier = specifierOf(node);
    if (specifier !== undefined) {
      if (!ts.isStringLiteralLike(specifier)) report(node, 'computed module specifier');
      else if (!isAllowedSpecifier(specifier.text, dependencies)) report(node, `imports '${specifier.text}'`);
    } else if (
      ts.isIdentifier(node) &&
      nodeGlobals.has(node.text) &&
      !isNameOnly(node) &&
      !local.has(node.text)
    ) {
      report(node, `uses the Node global '${node.text}'`);
    } else if (isGlobalObjectAccess(node)) {
      report(node, `uses the Node global '${node.name.text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
