// The import graph of src/: every static import, export-from, require() and import() between its files.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as ts from "typescript";

/** File (path relative to the root, "/"-separated) → the files it imports. */
export type ImportGraph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

// What Node's resolver finds for a relative specifier: the file itself, with .ts/.js, or index.ts.
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.js`, join(base, "index.ts")].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Relative imports of every non-test source file under root/dir; imports that leave root are kept as "../x". */
export function importGraph(root: string, dir = "src"): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(join(root, dir))) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => resolveRelative(file, spec) ?? resolve(dirname(file), spec))
      .map((target) => relative(root, target).split("\\").join("/"));
    graph.set(relative(root, file).split("\\").join("/"), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files around it (first file repeated at the end). */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "active");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "active") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** The folder a file belongs to: src/plot/figure.ts → "plot"; a file directly in src/ → its own name. */
export function folderOf(file: string, dir = "src"): string {
  const parts = file.split("/");
  if (parts[0] !== dir) return parts[0];
  return parts.length > 2 ? parts[1] : parts[1].replace(/\.(ts|js)$/, "");
}

/** Folder → folder edges, each with the number of file imports behind it, as sorted lines "a → b (n)". */
export function folderEdges(graph: ImportGraph, dir = "src"): string[] {
  const counts = new Map<string, number>();
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = folderOf(file, dir);
      const to = folderOf(target, dir);
      if (from === to) continue;
      const key = `${from} → ${to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([edge, n]) => `${edge} (${n})`).sort();
}
