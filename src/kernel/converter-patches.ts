// The text edits that fix tslab 1.0.22's converter (dist/converter.js) for cross-cell code. An anchor that is
// missing or not unique stops the kernel with the patch's name (text-patches.ts), because falling back to stock
// tslab would quietly bring back every bug these edits fix.

import { applyTextPatches, type TextPatch } from "./text-patches";

// The first edit puts cell-program.ts behind tslab's watch: one plain program per cell instead of TypeScript's
// builder, whose per-file state was the largest part of compiling a new cell. Its list of a cell's dependencies
// leaves out external libraries: a cell importing "backprop-lab" then does not re-check the whole module
// (emit runs the checker over each file even when nothing is written); tsc checks it in the tests.
const CELL_PROGRAM = "    host.createProgram = exports.createCellProgram;\n    host.afterProgramCreate = function (b) {";

// tslab rewrites each use of an earlier cell's name `f` to `exports.f`, but asks the checker for the
// symbol of every identifier, and a shorthand property's name `{ f }` resolves to the new property,
// not to `f`: the emitted `{ f }` then throws "f is not defined". The second edit writes a shorthand
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

// The third keeps a namespace declared in an earlier cell when a later cell does not redeclare
// its name (tslab's list of declaration kinds to carry forward leaves namespaces out).
const KEEP_NAMESPACE = `                if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) {
                    if (keep.type && keep.value) {
                        addName(node, key);
                    }
                    return;
                }
                if (ts.isFunctionDeclaration(node)) {`;
// The fourth is for speed: tslab rebuilt the program once just to read the cell's top-level names
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
// The last is for speed: the CommonJS step turns JavaScript the cell's program has checked already into CommonJS,
// and TypeScript 5.0 checks it again before emitting; noCheck skips that (typescript-patches.ts).
const COMMON_JS_UNCHECKED = "            noImplicitUseStrict: true,\n            noCheck: true,\n        },\n    }).outputText;";
/** The edits in order, as [name, anchor, replacement]; each anchor must occur exactly once in converter.js. */
export const CONVERTER_PATCHES: TextPatch[] = [
  ["one plain program per cell, not TypeScript's builder", "    host.afterProgramCreate = function (b) {", CELL_PROGRAM],
  ["shorthand properties of earlier cells' names", "        function wrapPrevIdentifier(node) {\n            var _a, _b;\n            if (!ts.isIdentifier(node)) {", WRAP_SHORTHAND],
  ["keep earlier cells' namespaces", "                if (ts.isFunctionDeclaration(node)) {", KEEP_NAMESPACE],
  [
    "read a cell's names without a second program rebuild",
    "    function convert(prevDecl, src) {\n        updateContent(prevDecl, src);\n        let declsFile = builder.getSourceFile(declFilename);\n" +
      "        let srcFile = builder.getSourceFile(srcFilename);\n        const locals = srcFile.locals;\n        const keys = new Set();\n" +
      "        if (locals) {\n            locals.forEach((_, key) => {\n                keys.add(key);\n            });\n        }\n" +
      "        if (keys.size > 0) {",
    BIND_LOCALS,
  ],
  ["a last-expression variable no earlier cell declared", '            const prefix = "tsLastExpr";\n            if (!locals.has(prefix)) {', LAST_EXPR_NAME],
  ["a last-expression variable no earlier cell declared (its fallback names)", "                if (!locals.has(name)) {", "                if (!taken(name)) {"],
  ["one binding per top-level let/var across cells", "            output: esModuleToCommonJSModule(output, transpileTarget),", SHARE_BINDINGS],
  [
    "run cells whose only errors are undeclared names",
    "        const diag = convertDiagnostics(getPreEmitDiagnosticsWithDependencies(builder, srcFile));\n        if (diag.diagnostics.length > 0) {",
    DEFER_UNKNOWN_NAMES,
  ],
  [
    "declare the vars of top-level loops and blocks for later cells",
    "        declOutput += remainingDecls(builder.getProgram().getTypeChecker(), srcFile, declsFile);",
    "        declOutput += remainingDecls(builder.getProgram().getTypeChecker(), srcFile, declsFile) +\n" +
      "            exports.declareHoistedVars(builder.getProgram().getTypeChecker(), srcFile);",
  ],
  ["the CommonJS step emits without checking its JavaScript again", "            noImplicitUseStrict: true,\n        },\n    }).outputText;", COMMON_JS_UNCHECKED],
];

/** Applies every patch to `source` (the text of `file`), or throws naming the first that does not fit. */
export function applyConverterPatches(source: string, file: string, patches = CONVERTER_PATCHES): string {
  return applyTextPatches(source, file, patches, "tslab's converter", "tslab 1.0.22");
}
