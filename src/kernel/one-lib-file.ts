// TypeScript's standard library read as one file: lib.es2022.d.ts holds the ~55 files it references, in order.
//
// Every cell's program gets a new checker, and a checker merges each global that the lib files declare in parts
// (`interface Array<T>` has a part in a dozen of them) into a fresh symbol, copying its members: a fifth of
// compiling a new cell, and much of its garbage. Parts in one file are one symbol from the binder, bound once
// per process. The text is the files' own, in the order a program sorts lib files (TypeScript's `libs` list),
// so the merged declarations, and with them overload order and every diagnostic, come out as before; the other
// files read as empty, so a `/// <reference lib>` to one of them (@types/node has one) adds nothing twice.

import path from "path";

type CompilerHost = import("typescript").CompilerHost;
type CompilerOptions = import("typescript").CompilerOptions;

export type LibTypeScript = typeof import("typescript") & {
  /** Internal to TypeScript 5.0, which tslab's copy exports: lib names in a program's lib order, and their files. */
  libs: readonly string[];
  libMap: ReadonlyMap<string, string>;
};

/** What the folded files read as: nothing, and a note for whoever opens one in a debugger. */
const FOLDED = "// folded into the first lib file of this program (one-lib-file.ts)\n";

/** Hosts already reading the library as one file: the watch hands the same host to every cell's program. */
const foldingHosts = new WeakSet<CompilerHost>();

/** Makes `host` read the lib file `options` names as the whole standard library, and the files it references as empty. */
export function readLibAsOneFile(ts: LibTypeScript, host: CompilerHost, options: CompilerOptions): void {
  if (foldingHosts.has(host)) return;
  const libFolder = host.getDefaultLibLocation?.();
  // One lib option only (tslab's, unless it adds the DOM for browsers): a program sorts the files of several by
  // name, interleaving them, and one file in place of the first's would change the order their parts merge in.
  const rootName = options.lib?.length === 1 ? options.lib[0] : undefined;
  if (libFolder === undefined || rootName === undefined) return;
  foldingHosts.add(host);
  const readFile = host.readFile.bind(host);
  const files = libClosure(ts, readFile, libFolder, rootName);
  const texts = new Map<string, string>([...files.keys()].map((file) => [file, FOLDED]));
  texts.set(path.join(libFolder, rootName), [...files.values()].map(withoutLibReferences).join("\n"));
  host.readFile = (fileName) => texts.get(fileName) ?? readFile(fileName);
}

/** The texts of `rootName` and every lib file it references, directly or not, by path, as a program sorts lib files. */
function libClosure(ts: LibTypeScript, readFile: (file: string) => string | undefined, libFolder: string, rootName: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    const text = readFile(path.join(libFolder, fileName));
    if (text === undefined) throw new Error(`TypeScript's lib file ${fileName} is missing from ${libFolder}`);
    seen.set(fileName, text);
    for (const reference of ts.preProcessFile(text, true, false).libReferenceDirectives) {
      visit(ts.libMap.get(reference.fileName.toLowerCase()) ?? `lib.${reference.fileName.toLowerCase()}.d.ts`);
    }
  };
  visit(rootName);
  // As TypeScript's getDefaultLibFilePriority: by the name's place in `libs`, unknown names last, ties kept in order.
  const priority = (fileName: string) => {
    const index = ts.libs.indexOf(fileName.replace(/^lib\./, "").replace(/\.d\.ts$/, ""));
    return index === -1 ? ts.libs.length + 1 : index;
  };
  const sorted = [...seen].sort(([a], [b]) => priority(a) - priority(b));
  return new Map(sorted.map(([fileName, text]) => [path.join(libFolder, fileName), text]));
}

/** The text without its `/// <reference lib="…" />` lines: the files they name are in the same text already. */
function withoutLibReferences(text: string): string {
  return text.replace(/^\/\/\/\s*<reference\s+lib=["'][^"']*["']\s*\/>[^\n]*$/gm, "");
}
