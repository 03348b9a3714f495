// tslab's converter (type-check + transpile a cell against the previous cells' declarations),
// loaded lazily because TypeScript takes most of a second to load and set up.

import { readFileSync } from "fs";
import Module from "module";
import path from "path";
import { installVirtualPackage, PACKAGE_NAME } from "./package-link";
import { hoistedVarDeclarations, shareTopLevelBindings } from "./shared-bindings";

export interface DiagnosticPos {
  offset: number;
  line: number;
  character: number;
}
export interface Diagnostic {
  start: DiagnosticPos;
  end: DiagnosticPos;
  messageText: string;
  category: number;
  code: number;
  fileName?: string;
}
export interface ConvertResult {
  output?: string;
  declOutput?: string;
  diagnostics: Diagnostic[];
  lastExpressionVar?: string;
  hasToplevelAwait?: boolean;
  /** Unknown-name diagnostics of a cell that runs anyway (see DEFER_UNKNOWN_NAMES); reported if the run meets such a name. */
  deferred?: Diagnostic[];
}
export interface QuickInfo {
  displayParts?: { text: string }[];
  documentation?: { text: string }[];
  tags?: { name: string; text?: { text: string }[] }[];
  textSpan?: { start: number; length: number };
}
export interface CompletionEntry {
  name: string;
  kind: string;
}
export interface CompletionInfo {
  start: number;
  end: number;
  candidates: string[];
  original?: { entries: CompletionEntry[] };
}
export interface Converter {
  convert(prevDecl: string, src: string): ConvertResult;
  inspect(prevDecl: string, src: string, position: number): QuickInfo | undefined;
  complete(prevDecl: string, src: string, position: number): CompletionInfo;
  close(): void;
  addModule(name: string, content: string): Diagnostic[];
}

const PRELOAD_MODULE = "__backprop_lab_preload__";

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));

let converter: Converter | undefined;

/** Creates the converter once (the expensive part of kernel start, done after the first reply). */
export function getConverter(): Converter {
  if (converter) return converter;
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] }));
  installVirtualPackage(ts.sys, process.cwd());
  const created = loadConverterModule().createConverter({ isJS: false, isBrowser: false }) as Converter;
  const convert = created.convert.bind(created);
  created.convert = (prevDecl, src) => deferUnknownNames(convert(prevDecl, src));
  // Parse the module's sources now, during warm-up, and keep them in every later program, so the
  // notebook's first `import … from "backprop-lab"` only checks the cell.
  try {
    created.addModule(PRELOAD_MODULE, `import type * as lab from "${PACKAGE_NAME}";\n`);
  } catch {
    // a broken module shows its errors when a cell imports it
  }
  converter = created;
  return converter;
}

// tslab type-checks and emits every file a cell depends on, so a cell importing "backprop-lab"
// would re-check the whole module (emit runs the checker over each file even when nothing is
// written). The module is an external library to the cell, checked by tsc in the tests: the first
// two edits to tslab's converter skip it and check only the cell and files in the notebook's folder.
const EXTERNAL = "builder.getProgram().isSourceFileFromExternalLibrary(builder.getSourceFile(dep))";

// tslab rewrites each use of an earlier cell's name `f` to `exports.f`, but asks the checker for the
// symbol of every identifier, and a shorthand property's name `{ f }` resolves to the new property,
// not to `f`: the emitted `{ f }` then throws "f is not defined". The third edit writes a shorthand
// whose value comes from an earlier cell as `{ f: exports.f }` (`{ f: exports.f = d }` in a
// destructuring assignment with a default).
const WRAP_SHORTHAND = `        function wrapPrevShorthand(node) {
            var _a;
            const init = node.objectAssignmentInitializer && ts.visitNode(node.objectAssignmentInitializer, wrapPrevIdentifier);
            const decls = (_a = checker.getShorthandAssignmentValueSymbol(node)?.declarations) !== null && _a !== void 0 ? _a : [];
            if (!decls.some((decl) => decl.getSourceFile() === declsFile)) {
                return ts.visitEachChild(node, wrapPrevIdentifier, nullTransformationContext);
            }
            const value = ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier("exports"), ts.idText(node.name));
            return ts.factory.createPropertyAssignment(ts.idText(node.name), init ? ts.factory.createAssignment(value, init) : value);
        }
        function wrapPrevIdentifier(node) {
            var _a, _b;
            if (ts.isShorthandPropertyAssignment(node)) {
                return wrapPrevShorthand(node);
            }
            if (!ts.isIdentifier(node)) {`;

// The fourth keeps a namespace declared in an earlier cell when a later cell does not redeclare
// its name (tslab's list of declaration kinds to carry forward leaves namespaces out).
const KEEP_NAMESPACE = `                if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) {
                    if (keep.type && keep.value) {
                        addName(node, key);
                    }
                    return;
                }
                if (ts.isFunctionDeclaration(node)) {`;
// The fifth is for speed: tslab rebuilt the program once just to read the cell's top-level names
// (to append `export { a, b }`) and once more with them. The names come from binding the cell's
// own syntax tree, which is what the program's binder does too, so one rebuild per cell is enough.
const BIND_LOCALS = `    function convert(prevDecl, src) {
        const localsFile = ts.createSourceFile(srcFilename, srcPrefix + src, transpileTarget, false, ts.ScriptKind.TS);
        ts.bindSourceFile(localsFile, builder.getCompilerOptions());
        const locals = localsFile.locals;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
        updateContent(prevDecl, keys.size > 0 ? src + "\\nexport {" + Array.from(keys).join(", ") + "}" : src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        if (false) {`;
// The last two: the variable that carries the cell's value (`tsLastExpr`) must not reuse a name
// an earlier cell declared, or `exports.tsLastExpr = void 0` wipes that variable before the cell reads it.
const LAST_EXPR_NAME = `            const prefix = "tsLastExpr";
            const taken = (name) => locals.has(name) || (declsFile.locals !== undefined && declsFile.locals.has(name));
            if (!taken(prefix)) {`;
// The last hands the cell's emitted module to shared-bindings.ts before tslab's CommonJS step, so a
// top-level `let`/`var` is one binding on `exports` for every cell's code (see that file for why),
// and declares for later cells the `var`s of top-level loops and blocks, which tslab left out.
const SHARE_BINDINGS =
  "            output: esModuleToCommonJSModule(output === undefined ? output : exports.rewriteCellOutput(output), transpileTarget),";
// The next lets a cell run although names in it are declared by no cell yet, when those names are all
// that is wrong and the cell declares nothing itself (imports aside). A test cell reads its answers in a
// thunk, `check("ch03-forward", () => ({ z1, a1 }))`, and must say "z1 is not answered yet" rather than
// stop at "Cannot find name 'z1'". The executor reports the original CompileError when the run then
// meets such a name, so a typo still reads as one. A cell that declares something keeps the old rule: a
// function with a typo in its body must not be declared and fail only later, when called.
const DEFER_UNKNOWN_NAMES = `        const diag = convertDiagnostics(getPreEmitDiagnosticsWithDependencies(builder, srcFile));
        if (diag.diagnostics.length > 0 && !exports.mayRunWithUnknownNames(diag.diagnostics, localsFile)) {`;
const PATCHES: [string, string][] = [
  ["        if (dep !== sourceFile.fileName) {", `        if (dep !== sourceFile.fileName && !${EXTERNAL}) {`],
  ["            if (sideInputsConverted.has(dep)) {", `            if (sideInputsConverted.has(dep) || ${EXTERNAL}) {`],
  ["        function wrapPrevIdentifier(node) {\n            var _a, _b;\n            if (!ts.isIdentifier(node)) {", WRAP_SHORTHAND],
  ["                if (ts.isFunctionDeclaration(node)) {", KEEP_NAMESPACE],
  [
    "    function convert(prevDecl, src) {\n        updateContent(prevDecl, src);\n        let declsFile = builder.getSourceFile(declFilename);\n" +
      "        let srcFile = builder.getSourceFile(srcFilename);\n        const locals = srcFile.locals;\n        const keys = new Set();\n" +
      "        if (locals) {\n            locals.forEach((_, key) => {\n                keys.add(key);\n            });\n        }\n" +
      "        if (keys.size > 0) {",
    BIND_LOCALS,
  ],
  ['            const prefix = "tsLastExpr";\n            if (!locals.has(prefix)) {', LAST_EXPR_NAME],
  ["                if (!locals.has(name)) {", "                if (!taken(name)) {"],
  ["            output: esModuleToCommonJSModule(output, transpileTarget),", SHARE_BINDINGS],
  [
    "        const diag = convertDiagnostics(getPreEmitDiagnosticsWithDependencies(builder, srcFile));\n        if (diag.diagnostics.length > 0) {",
    DEFER_UNKNOWN_NAMES,
  ],
  [
    "        declOutput += remainingDecls(builder.getProgram().getTypeChecker(), srcFile, declsFile);",
    "        declOutput += remainingDecls(builder.getProgram().getTypeChecker(), srcFile, declsFile) +\n" +
      "            exports.declareHoistedVars(builder.getProgram().getTypeChecker(), srcFile);",
  ],
];

function loadConverterModule(): { createConverter(options: object): Converter } {
  const file = path.join(TSLAB_DIST, "converter.js");
  let source = readFileSync(file, "utf8");
  if (!PATCHES.every(([from]) => source.includes(from))) return require(file);
  for (const [from, to] of PATCHES) source = source.replace(from, to);
  const mod = new Module(file, module) as Module & { _compile(code: string, filename: string): void };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(TSLAB_DIST);
  mod._compile(source, file);
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] }));
  mod.exports.rewriteCellOutput = (js: string) => shareTopLevelBindings(ts, js);
  mod.exports.declareHoistedVars = (checker: object, file: object) => hoistedVarDeclarations(ts, checker as never, file as never);
  mod.exports.mayRunWithUnknownNames = (diagnostics: Diagnostic[], file: { locals?: Map<string, { flags: number }> }) =>
    mayRunWithUnknownNames(diagnostics, file, ts.SymbolFlags.Alias);
  return mod.exports;
}

// "Cannot find name 'x'", "… Did you mean 'y'?", "No value exists in scope for the shorthand property 'x'".
const UNKNOWN_NAME_CODES = new Set([2304, 2552, 18004]);

/** Only unknown names in the cell itself are wrong, and the cell's own top-level names are all imports. */
function mayRunWithUnknownNames(diagnostics: Diagnostic[], file: { locals?: Map<string, { flags: number }> }, aliasFlag: number): boolean {
  if (!diagnostics.every((d) => d.fileName === undefined && UNKNOWN_NAME_CODES.has(d.code))) return false;
  for (const symbol of file.locals?.values() ?? []) if ((symbol.flags & aliasFlag) === 0) return false;
  return true;
}

/** A converted cell that ran despite unknown names: moves those diagnostics aside so the cell runs. */
function deferUnknownNames(result: ConvertResult): ConvertResult {
  if (result.output === undefined || result.diagnostics.length === 0) return result;
  return { ...result, diagnostics: [], deferred: result.diagnostics };
}

/** True when a deferred cell's run failed on one of its unknown names: report the CompileError instead. */
export function failedOnUnknownName(error: unknown, converted: ConvertResult, code: string): boolean {
  if (!converted.deferred || !(error instanceof ReferenceError)) return false;
  const names = new Set(converted.deferred.map((d) => code.slice(d.start.offset, d.end.offset)));
  const match = /^(\S+) is not defined$|^Cannot access '([^']+)' before initialization$/.exec(error.message);
  return match !== null && names.has(match[1] ?? match[2]);
}

export function isConverterReady(): boolean {
  return converter !== undefined;
}

export function closeConverter(): void {
  converter?.close();
  converter = undefined;
}

export function printQuickInfo(info: QuickInfo): string {
  return require(path.join(TSLAB_DIST, "inspect.js")).printQuickInfo(info);
}

export function typescriptVersion(): string {
  const pkg = require.resolve("@tslab/typescript-for-tslab/package.json", { paths: [TSLAB_DIST] });
  return (require(pkg) as { version: string }).version;
}

/** tslab's parser-based check: complete, or incomplete with the indent for the next line. */
export function isCompleteCode(code: string): { completed: boolean; indent?: string } {
  return require(path.join(TSLAB_DIST, "converter.js")).isCompleteCode(code);
}

/** Any parse error left once incompleteness is ruled out makes the code invalid. */
export function hasSyntaxError(code: string): boolean {
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] }));
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return (file.parseDiagnostics?.length ?? 0) > 0;
}

/**
 * Whether the cell ends in an assignment (`x = 2`, `x += 1`, `o.p = 3`, `({ a } = o)`): like
 * ipykernel, such a cell shows no result, because learners read the echoed value as feedback.
 */
export function endsWithAssignment(code: string): boolean {
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] }));
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const last = file.statements[file.statements.length - 1];
  if (!last || !ts.isExpressionStatement(last)) return false;
  const isAssignment = (node: { kind: number }): boolean => {
    const expr = ts.skipParentheses(node);
    if (!ts.isBinaryExpression(expr)) return false;
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.CommaToken) return isAssignment(expr.left) && isAssignment(expr.right);
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  };
  return isAssignment(last.expression);
}
