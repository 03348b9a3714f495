// Stops student cells from shadowing what the tests use: top-level redeclarations of protected names are renamed.
//
// Cells share top-level names (tslab carries each cell's declarations into the next), so a student cell
// that declares `const checkNumber = () => {}` or `const Math = fakeMath` would change what a later test
// cell calls. Before grading, every top-level declaration in a student cell whose name is protected (a
// JavaScript intrinsic, or a name the instructor's locked and test cells declare or import) is renamed to
// `<name>$shadowed`. Honest code never redeclares those names, so it runs unchanged.

import * as ts from "typescript";

export const INTRINSIC_NAMES = [
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Math", "JSON", "Reflect",
  "Promise", "RegExp", "Date", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError",
  "URIError", "AggregateError", "Map", "Set", "WeakMap", "WeakSet", "ArrayBuffer", "DataView", "Float32Array",
  "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Uint8Array", "Uint16Array", "Uint32Array",
  "Uint8ClampedArray", "Proxy", "Intl", "parseFloat", "parseInt", "isNaN", "isFinite", "Infinity", "NaN",
  "undefined", "globalThis", "console", "process", "require", "module", "exports", "Buffer", "setTimeout",
];

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

type Declared = { node: ts.Identifier; importSpecifier: boolean; shorthand?: boolean };

function bindingNames(name: ts.BindingName, out: Declared[]): void {
  if (ts.isIdentifier(name)) {
    out.push({ node: name, importSpecifier: false });
    return;
  }
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    // `const { x0 } = o` names both the property and the variable: rename as `{ x0: x0$shadowed }`.
    if (ts.isObjectBindingPattern(name) && element.propertyName === undefined && ts.isIdentifier(element.name)) {
      out.push({ node: element.name, importSpecifier: false, shorthand: true });
    } else bindingNames(element.name, out);
  }
}

/** Identifiers a cell declares at top level (variables, functions, classes, enums, imports). */
export function topLevelDeclarations(source: string): Declared[] {
  const file = parse(source);
  const out: Declared[] = [];
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, out);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && statement.name && ts.isIdentifier(statement.name)) {
      out.push({ node: statement.name, importSpecifier: false });
    } else if (ts.isImportEqualsDeclaration(statement)) {
      out.push({ node: statement.name, importSpecifier: false });
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) out.push({ node: clause.name, importSpecifier: false });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) out.push({ node: bindings.name, importSpecifier: false });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) out.push({ node: element.name, importSpecifier: element.propertyName === undefined });
      }
    }
  }
  return out;
}

/** Names the instructor's cells declare at top level. */
export function declaredNames(sources: string[]): Set<string> {
  const names = new Set<string>();
  for (const source of sources) for (const { node } of topLevelDeclarations(source)) names.add(node.text);
  return names;
}

/** Renames top-level declarations of protected names; returns the new source and what was renamed. */
export function renameShadowing(source: string, protectedNames: ReadonlySet<string>): { source: string; renamed: string[] } {
  const hits = topLevelDeclarations(source).filter(({ node }) => protectedNames.has(node.text));
  if (hits.length === 0) return { source, renamed: [] };
  let out = source;
  // Right to left, so earlier positions stay valid.
  for (const { node, importSpecifier, shorthand } of [...hits].sort((a, b) => b.node.getStart() - a.node.getStart())) {
    const renamed = `${node.text}$shadowed`;
    const replacement = importSpecifier ? `${node.text} as ${renamed}` : shorthand ? `${node.text}: ${renamed}` : renamed;
    out = out.slice(0, node.getStart()) + replacement + out.slice(node.getEnd());
  }
  return { source: out, renamed: [...new Set(hits.map(({ node }) => node.text))] };
}
