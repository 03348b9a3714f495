// tslab's converter (type-check + transpile a cell against the previous cells' declarations),
// loaded lazily because TypeScript takes most of a second to load and set up.

import path from "path";
import { installVirtualPackage } from "./package-link";

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
}

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));

let converter: Converter | undefined;

/** Creates the converter once (the expensive part of kernel start, done after the first reply). */
export function getConverter(): Converter {
  if (converter) return converter;
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] }));
  installVirtualPackage(ts.sys, process.cwd());
  const tslab = require(path.join(TSLAB_DIST, "converter.js"));
  converter = tslab.createConverter({ isJS: false, isBrowser: false }) as Converter;
  return converter;
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
