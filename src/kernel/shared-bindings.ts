// Makes a cell's top-level `let`/`var` one binding on `exports`, shared with every other cell.
//
// tslab appends `export { n, inc }` to a cell and emits it as an ES module, which TypeScript's
// CommonJS step turns into a cell-local `let n` plus a copy on `exports.n`: the cell's own
// functions keep reading and writing the local, so a later cell's `n = 0` (which writes
// `exports.n`) never reaches them, and their next `n++` overwrites it. A declaration written
// `export let n` instead becomes `exports.n` at every use. This rewrites the emitted module text
// (after type-checking, so diagnostics keep the learner's positions) before the CommonJS step:
// top-level `let` statements get `export`; `var`s, which may also sit in top-level loops and
// blocks (`for (var i = 0; …)`), are declared once as `export var i;` and their declarations
// become assignments. `const`s stay as they are: nothing can assign them.

type TS = typeof import("typescript");

interface Edit {
  start: number;
  end: number;
  text: string;
}

export function shareTopLevelBindings(ts: TS, js: string): string {
  const file = ts.createSourceFile("cell.js", js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  // tslab's list of the cell's names is the last export declaration (a learner may write others).
  const exportList = [...file.statements].reverse().find(
    (s): s is import("typescript").ExportDeclaration =>
      ts.isExportDeclaration(s) && !s.moduleSpecifier && !s.isTypeOnly && s.exportClause !== undefined && ts.isNamedExports(s.exportClause),
  );
  if (!exportList) return js;
  const exported = new Set<string>();
  for (const el of (exportList.exportClause as import("typescript").NamedExports).elements) {
    if (!el.propertyName) exported.add(el.name.text);
  }

  const edits: Edit[] = [];
  const shared = new Set<string>();
  const hoisted = new Set<string>();

  const names = (name: import("typescript").BindingName, out: string[] = []): string[] => {
    if (ts.isIdentifier(name)) out.push(name.text);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) names(el.name, out);
    return out;
  };
  const allExported = (list: import("typescript").VariableDeclarationList) =>
    list.declarations.every((d) => names(d.name).every((n) => exported.has(n)));
  // A loop's target is written bare: `for ([a, b] of pairs)` (a parenthesized pattern is no target).
  const target = (d: import("typescript").VariableDeclaration) => d.name.getText(file);
  const assignments = (list: import("typescript").VariableDeclarationList) =>
    list.declarations
      .filter((d) => d.initializer)
      .map((d) => (ts.isIdentifier(d.name) ? `${d.name.text} = ${d.initializer!.getText(file)}` : `(${d.name.getText(file)} = ${d.initializer!.getText(file)})`));

  // A `var` list becomes assignments to the hoisted `export var` names.
  const rewriteVar = (list: import("typescript").VariableDeclarationList): void => {
    if (!allExported(list)) return;
    const parent = list.parent;
    if (ts.isVariableStatement(parent)) {
      const parts = assignments(list);
      edits.push({ start: parent.getStart(file), end: parent.end, text: parts.length > 0 ? `${parts.join(", ")};` : ";" });
    } else if (ts.isForStatement(parent)) {
      edits.push({ start: list.getStart(file), end: list.end, text: assignments(list).join(", ") });
    } else if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && list.declarations.length === 1) {
      edits.push({ start: list.getStart(file), end: list.end, text: target(list.declarations[0]) });
    } else {
      return;
    }
    for (const d of list.declarations) for (const n of names(d.name)) hoisted.add(n);
  };

  // Walks the top level and its blocks and loops, not into functions or classes (their own scopes).
  const visit = (node: import("typescript").Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node)) {
      const blockScoped = (node.flags & ts.NodeFlags.BlockScoped) !== 0;
      if (!blockScoped) rewriteVar(node);
      else if (
        (node.flags & ts.NodeFlags.Let) !== 0 &&
        ts.isVariableStatement(node.parent) &&
        node.parent.parent === file &&
        allExported(node)
      ) {
        edits.push({ start: node.parent.getStart(file), end: node.parent.getStart(file), text: "export " });
        for (const d of node.declarations) for (const n of names(d.name)) shared.add(n);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) visit(statement);
  if (edits.length === 0) return js;

  for (const n of hoisted) shared.add(n);
  const remaining = [...exported].filter((n) => !shared.has(n));
  const rest = (exportList.exportClause as import("typescript").NamedExports).elements
    .filter((el) => el.propertyName || remaining.includes(el.name.text))
    .map((el) => el.getText(file));
  edits.push({ start: exportList.getStart(file), end: exportList.end, text: `export { ${rest.join(", ")} };` });

  let out = js;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return hoisted.size > 0 ? `export var ${[...hoisted].join(", ")};\n${out}` : out;
}

// Types a hoisted `var`'s declaration can name in the next cell's declarations without importing
// anything: primitives, literals, arrays and unions of them. Anything else is declared `any`.
const PLAIN_TYPE = /^(?:number|string|boolean|bigint|undefined|null|true|false|-?\d[\d.e+-]*|"[^"]*"|[\s|()[\]])+$/;

/**
 * Declarations for the next cell of the cell's `var`s that sit in top-level loops and blocks
 * (`for (var i = 0; …)`): TypeScript's declaration emit only writes top-level statements, so
 * without these a later cell could not name them.
 */
export function hoistedVarDeclarations(
  ts: TS,
  checker: import("typescript").TypeChecker,
  file: import("typescript").SourceFile,
): string {
  const locals = (file as unknown as { locals?: Map<string, import("typescript").Symbol> }).locals;
  if (!locals) return "";
  let out = "";
  locals.forEach((symbol, name) => {
    if (!(symbol.flags & ts.SymbolFlags.FunctionScopedVariable) || symbol.flags & ts.SymbolFlags.Function) return;
    const decls = symbol.declarations ?? [];
    if (decls.length === 0) return;
    const nested = decls.every((d) => {
      if (!ts.isVariableDeclaration(d) && !ts.isBindingElement(d)) return false;
      let node: import("typescript").Node = d;
      while (!ts.isVariableDeclarationList(node)) node = node.parent;
      return !(ts.isVariableStatement(node.parent) && node.parent.parent === file);
    });
    if (!nested) return;
    const type = checker.getBaseTypeOfLiteralType(checker.getTypeOfSymbolAtLocation(symbol, decls[0]));
    const text = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    out += `declare var ${name}: ${PLAIN_TYPE.test(text) ? text : "any"};\n`;
  });
  return out;
}
