// The program behind tslab's watch, without TypeScript's builder: each cell is one plain program built on the last.
//
// tslab's watch host makes an EmitAndSemanticDiagnosticsBuilderProgram per cell. Its state is made for
// `tsc --watch` over a project: file hashes, and a map of what every file references, which asks a fresh
// checker about every import and walks every ambient module of @types/node for each of the ~100 lib and
// @types files: 4 of a new cell's 11 ms in a kernel's profile (300 cells). tslab uses none of it: it asks the program for diagnostics and emit, and the builder only for the files a cell depends on,
// which a walk over the resolved imports from the cell gives (dependencies() below).

import { shareLibraryFiles } from "./library-files";
import { readLibAsOneFile, type LibTypeScript } from "./one-lib-file";

type Program = import("typescript").Program;
type SourceFile = import("typescript").SourceFile;
type CompilerHost = import("typescript").CompilerHost;
type CompilerOptions = import("typescript").CompilerOptions;

export type TslabTypeScript = LibTypeScript & {
  /** Internal to TypeScript 5.0, which tslab's copy exports: what the program resolved an import to, and the binder. */
  getResolvedModule(file: SourceFile, name: string, mode: import("typescript").ResolutionMode): { resolvedFileName: string } | undefined;
  bindSourceFile(file: SourceFile, options: CompilerOptions): void;
};

/** What tslab's converter and TypeScript's watch program call on the "builder" (a subset of BuilderProgram). */
export interface CellProgram {
  getProgram(): Program;
  getProgramOrUndefined(): Program;
  releaseProgram(): void;
  getCompilerOptions(): CompilerOptions;
  getCurrentDirectory(): string;
  getSourceFile(fileName: string): SourceFile | undefined;
  getSourceFiles(): readonly SourceFile[];
  getOptionsDiagnostics: Program["getOptionsDiagnostics"];
  getGlobalDiagnostics: Program["getGlobalDiagnostics"];
  getConfigFileParsingDiagnostics: Program["getConfigFileParsingDiagnostics"];
  getSyntacticDiagnostics: Program["getSyntacticDiagnostics"];
  getSemanticDiagnostics: Program["getSemanticDiagnostics"];
  getDeclarationDiagnostics: Program["getDeclarationDiagnostics"];
  emit: Program["emit"];
  /** The file names of `file` and of every file it imports, directly or not, leaving out external libraries. */
  getAllDependencies(file: SourceFile): string[];
}

/** The watch host's `createProgram`: a new plain program per change, reusing the last one's unchanged files. */
export function cellProgramFactory(ts: TslabTypeScript) {
  return function createCellProgram(
    rootNames: readonly string[] | undefined,
    options: CompilerOptions | undefined,
    host: CompilerHost | undefined,
    previous: CellProgram | undefined,
  ): CellProgram {
    // The watch asks with no roots only to report new config-file errors; tslab has no config file.
    if (rootNames === undefined || options === undefined) {
      if (previous === undefined) throw new Error("cell program: no roots and no earlier program to keep");
      return previous;
    }
    if (host) {
      readLibAsOneFile(ts, host, options);
      shareLibraryFiles(host);
    }
    return wrap(ts, ts.createProgram({ rootNames, options, host, oldProgram: previous?.getProgram() }));
  };
}

function wrap(ts: TslabTypeScript, program: Program): CellProgram {
  return {
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    releaseProgram: () => {},
    getCompilerOptions: () => program.getCompilerOptions(),
    getCurrentDirectory: () => program.getCurrentDirectory(),
    getSourceFile: (fileName) => bound(ts, program, program.getSourceFile(fileName)),
    getSourceFiles: () => program.getSourceFiles(),
    getOptionsDiagnostics: (token) => program.getOptionsDiagnostics(token),
    getGlobalDiagnostics: (token) => program.getGlobalDiagnostics(token),
    getConfigFileParsingDiagnostics: () => program.getConfigFileParsingDiagnostics(),
    getSyntacticDiagnostics: (file, token) => program.getSyntacticDiagnostics(file, token),
    getSemanticDiagnostics: (file, token) => program.getSemanticDiagnostics(file, token),
    getDeclarationDiagnostics: (file, token) => program.getDeclarationDiagnostics(file, token),
    emit: (file, writeFile, token, onlyDts, transformers) => program.emit(file, writeFile, token, onlyDts, transformers),
    getAllDependencies: (file) => dependencies(ts, program, file),
  };
}

/**
 * `file`, bound as the checker would bind it (once: binding a bound file does nothing). The builder's state made
 * the checker up front, so tslab found every file it asked for bound: completion reads a node's parent, which
 * binding sets, before it asks for the checker.
 */
function bound(ts: TslabTypeScript, program: Program, file: SourceFile | undefined): SourceFile | undefined {
  if (file) ts.bindSourceFile(file, program.getCompilerOptions());
  return file;
}

/**
 * `file` first, then every source file reachable through resolved imports and `/// <reference path>`s.
 * External libraries (node_modules, and backprop-lab mapped there) are left out and not walked into: tslab
 * checks and emits a cell's dependencies, and a library is checked by its own build, not with every cell.
 */
function dependencies(ts: TslabTypeScript, program: Program, file: SourceFile): string[] {
  const seen = new Set<string>([file.fileName]);
  const pending = [file];
  const visit = (fileName: string | undefined) => {
    const found = fileName === undefined ? undefined : program.getSourceFile(fileName);
    if (!found || seen.has(found.fileName) || program.isSourceFileFromExternalLibrary(found)) return;
    seen.add(found.fileName);
    pending.push(found);
  };
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const literal of imports(next)) {
      visit(ts.getResolvedModule(next, literal.text, ts.getModeForUsageLocation(next, literal))?.resolvedFileName);
    }
    for (const reference of next.referencedFiles) {
      visit(ts.resolveTripleslashReference(reference.fileName, next.fileName));
    }
  }
  return [...seen];
}

/** The module specifiers the program resolved for `file` (imports, exports, require calls); internal to TypeScript. */
function imports(file: SourceFile): readonly import("typescript").StringLiteralLike[] {
  return (file as SourceFile & { imports?: readonly import("typescript").StringLiteralLike[] }).imports ?? [];
}
