// The instructor's course: source notebooks (with solutions and hidden tests) and their releases, loaded once.

import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { parseNotebook } from "../notebook/nbformat";
import { Notebook, isTracked, isAutogradedTest, sourceOf, isLocked } from "./cells";
import { makeRelease } from "./assign";
import { INTRINSIC_NAMES, declaredNames } from "./shadow";

export interface CourseNotebook {
  /** File name, e.g. "01-chain-rule.ipynb" (the same name inside each student's folder). */
  name: string;
  file: string;
  source: Notebook;
  release: Notebook;
  /** Names a student cell may not redeclare (intrinsics + what locked and test cells declare). */
  protectedNames: Set<string>;
}

export interface Course {
  notebooks: CourseNotebook[];
  /** Changes whenever any source notebook changes (part of each student's resume key). */
  hash: string;
}

/** Notebook files named by the arguments: each a notebook or a folder of them (not recursive). */
export function listNotebooks(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new Error(`${p}: no such file or folder`);
    if (fs.statSync(p).isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (name.endsWith(".ipynb")) files.push(path.join(p, name));
    } else files.push(p);
  }
  return files;
}

export function loadCourse(paths: string[]): Course {
  const files = listNotebooks(paths);
  if (files.length === 0) throw new Error(`no notebooks in ${paths.join(", ")}`);
  const hash = createHash("sha256");
  const notebooks = files.map((file) => {
    const text = fs.readFileSync(file, "utf8");
    hash.update(path.basename(file)).update("\0").update(text).update("\0");
    const source = parseNotebook(text, file);
    const release = makeRelease(source, file);
    const instructorSources = source.cells.filter((cell) => cell.cell_type === "code" && (isAutogradedTest(cell) || isLocked(cell)) && isTracked(cell)).map(sourceOf);
    const protectedNames = new Set([...INTRINSIC_NAMES, ...declaredNames(instructorSources)]);
    return { name: path.basename(file), file, source, release, protectedNames };
  });
  return { notebooks, hash: hash.digest("hex") };
}
