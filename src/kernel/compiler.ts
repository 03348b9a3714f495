// tslab's converter (type-check + transpile a cell against the previous cells' declarations),
// loaded lazily because TypeScript takes most of a second to load and set up.

import { readFileSync } from "fs";
import Module from "module";
import path from "path";
import { cellProgramFactory } from "./cell-program";
import { requireWithCodeCache, type CodeCachedModule } from "./code-cache";
import { kernelCacheDir } from "./cache-dir";
import { applyConverterPatches } from "./converter-patches";
import { findModuleTypes, moduleTypesKey, reportAndBuildModuleTypes, useModuleTypes, type ModuleTypes } from "./module-types";
import { installVirtualPackage, isInside, PACKAGE_NAME, PROJECT_ROOT } from "./package-link";
import { hoistedVarDeclarations, shareTopLevelBindings } from "./shared-bindings";
import { startPhase } from "./start-timing";
import { applyTypescriptPatches } from "./typescript-patches";

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

/** The kernel's caches (TypeScript's code cache, the module's declarations); BACKPROP_LAB_CACHE_DIR moves them. */
const CODE_CACHE_DIR = kernelCacheDir();
/** A first start writes the code cache this long after warm-up: off the first cell's path, with the functions cells use compiled. */
const CODE_CACHE_SAVE_DELAY_MS = 3_000;
let typescriptModule: CodeCachedModule | undefined;

/** tslab's TypeScript, patched (typescript-patches.ts) and loaded once through V8's code cache (code-cache.ts). */
function typescript(): any {
  if (!typescriptModule) {
    startPhase("converter: loading TypeScript");
    const file = require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] });
    typescriptModule = requireWithCodeCache(file, CODE_CACHE_DIR, (source) => applyTypescriptPatches(source, file));
    startPhase(`converter: TypeScript loaded${typescriptModule.fromCache ? " (code cache)" : ""}`);
  }
  return typescriptModule.exports;
}

/** tslab's converter with lib and @types parsed, before the module's types are added (warm-up's middle step). */
let bareConverter: Converter | undefined;

function createBareConverter(): Converter {
  const ts = typescript();
  installVirtualPackage(ts.sys, process.cwd());
  const created = loadConverterModule().createConverter({ isJS: false, isBrowser: false }) as Converter;
  startPhase("converter: first program built (lib and @types parsed)");
  const convert = created.convert.bind(created);
  created.convert = (prevDecl, src) => deferUnknownNames(convert(prevDecl, src));
  return created;
}

/** backprop-lab's cached declarations when current; otherwise why not, and the key of the ones to build (module-types.ts). */
function findCurrentModuleTypes(): ModuleTypes & { key?: string } {
  let key: string;
  try {
    key = moduleTypesKey(PROJECT_ROOT, typescript().version);
  } catch (error) {
    return { found: false, why: `src/ could not be read (${(error as Error).message})` };
  }
  return { ...findModuleTypes(CODE_CACHE_DIR, key), key };
}

/** Creates the converter once (the expensive part of kernel start; warmUpConverter does it in steps). */
export function getConverter(): Converter {
  if (converter) return converter;
  const created = (bareConverter ??= createBareConverter());
  // Read the module's declarations (or sources) now, during warm-up, and keep them in every later program, so the
  // notebook's first `import … from "backprop-lab"` only checks the cell.
  // Only in the project's own folders (notebooks/, workspace/). Elsewhere (a scratch folder, a grading folder) a
  // cell whose inferred type lives in a nested declaration file could not be named by declaration emit, which
  // carries each cell's types to the next: the path runs through node_modules/.cache (TS2742). src/ can be named.
  const types = isInside(process.cwd()) ? findCurrentModuleTypes() : undefined;
  if (types?.found) useModuleTypes(typescript().sys, PACKAGE_NAME, types.index);
  try {
    created.addModule(PRELOAD_MODULE, `import type * as lab from "${PACKAGE_NAME}";\n`);
  } catch {
    // a broken module shows its errors when a cell imports it
  }
  startPhase(`converter: backprop-lab types preloaded (from ${types?.found ? "cached declarations" : "src/"})`);
  // After the preload, so that a builder does not compete with it for the CPU.
  if (types !== undefined && !types.found) reportAndBuildModuleTypes(types.why, PROJECT_ROOT, CODE_CACHE_DIR, types.key);
  setTimeout(() => typescriptModule?.saveCache(), CODE_CACHE_SAVE_DELAY_MS).unref();
  converter = created;
  return converter;
}

/**
 * Builds the converter in three synchronous steps (load TypeScript, parse lib and @types, add the module's
 * types), handing the event loop back between them so a kernel_info_request is answered meanwhile.
 * A cell that needs the converter before the last step finishes the rest at once (getConverter).
 */
export async function warmUpConverter(): Promise<void> {
  const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));
  typescript();
  await yieldToEvents();
  if (!converter) bareConverter ??= createBareConverter();
  await yieldToEvents();
  getConverter();
}

function loadConverterModule(): { createConverter(options: object): Converter } {
  const file = path.join(TSLAB_DIST, "converter.js");
  const source = applyConverterPatches(readFileSync(file, "utf8"), file);
  const mod = new Module(file, module) as Module & { _compile(code: string, filename: string): void };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(TSLAB_DIST);
  mod._compile(source, file);
  const ts = typescript();
  mod.exports.createCellProgram = cellProgramFactory(ts);
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

export function closeConverter(): void {
  converter?.close();
  converter = undefined;
}

/** Drops the converter built for this folder: a spare kernel adopted in another folder builds its own (spare.ts). */
export function forgetConverter(): void {
  (converter ?? bareConverter)?.close(); // one object: getConverter finishes the bare converter in place
  converter = bareConverter = undefined;
}

/** Compiles a cell against no earlier cells and drops the result: a spare warms the compiler so (spare.ts). */
export function compileThrowawayCell(code = "0"): void {
  getConverter().convert("", code);
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
  typescript(); // tslab's converter.js then finds it loaded, code cache and all
  return require(path.join(TSLAB_DIST, "converter.js")).isCompleteCode(code);
}

/** Any parse error left once incompleteness is ruled out makes the code invalid. */
export function hasSyntaxError(code: string): boolean {
  const ts = typescript();
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return (file.parseDiagnostics?.length ?? 0) > 0;
}

/**
 * Whether the cell ends in an assignment (`x = 2`, `x += 1`, `o.p = 3`, `({ a } = o)`): like
 * ipykernel, such a cell shows no result, because learners read the echoed value as feedback.
 */
export function endsWithAssignment(code: string): boolean {
  const ts = typescript();
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
