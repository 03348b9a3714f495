// Makes or updates a learner workspace from the instructor notebooks, never losing what the learner wrote.
//
// Per source notebook: missing from the workspace → the learner version is written; unchanged source
// (same hash as when the copy was made) → not touched; changed source → dated backup, then a merge
// (merge.ts) written through a temp file. An answer whose exercise moved to another notebook is carried
// there (carry.ts), planned from all notebooks before any is written. Problems (bad JSON, a full or
// read-only disk) leave the learner's file as it was and give one line naming the file and what was kept.

import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { Notebook } from "../grading/cells";
import { loadCourse, type CourseNotebook } from "../grading/course";
import { parseNotebook, serializeNotebook, validateNotebook, type Notebook as FileNotebook } from "../notebook/nbformat";
import { WorkspacePaths, workspacePaths } from "./layout";
import { carryInto, planCarries, unreadableReason, type Carried, type CarryPlan } from "./carry";
import { SOURCE_STAMP_KEY, learnerCopies, unclaimedBySource } from "./copies";
import { mergeLearnerNotebook } from "./merge";
import { describeWriteError, writeFileAtomic } from "./safe-write";
import { solutionsOf, type Solutions } from "./solutions";
import { NotebookRecord, WorkspaceState, readState, writeState } from "./state";

export interface SyncOptions {
  /** The instructor notebooks (notebooks/). */
  sourceDir: string;
  /** The learner workspace (workspace/); made when missing. */
  workspaceDir: string;
  /** For the backup folder's name; defaults to now. */
  now?: Date;
}

export interface SyncReport {
  /** One line per thing the learner should know, each naming its file. */
  lines: string[];
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Files left as they were because something was wrong (bad JSON, disk); each has a line. */
  problems: string[];
}

function stamped(release: Notebook, sourceName: string): Notebook {
  const copy = structuredClone(release);
  const meta = (copy.metadata.backprop_lab ?? {}) as { [key: string]: unknown };
  copy.metadata.backprop_lab = { ...meta, [SOURCE_STAMP_KEY]: { source: sourceName } };
  return copy;
}

function notebookText(notebook: Notebook, file: string): string {
  const problems = validateNotebook(notebook);
  if (problems.length > 0) throw new Error(`${file}: the merged notebook is not valid nbformat: ${problems.join("; ")}`);
  return serializeNotebook(notebook);
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

class Sync {
  readonly report: SyncReport = { lines: [], created: [], updated: [], unchanged: [], problems: [] };
  private readonly stamp: string;
  private readonly label: string;
  private carries: CarryPlan = { into: new Map(), movedFrom: new Map(), lines: [] };

  constructor(
    private readonly paths: WorkspacePaths,
    private readonly state: WorkspaceState,
    now: Date,
  ) {
    this.stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
    this.label = path.basename(paths.root);
  }

  private shown(file: string): string {
    return `${this.label}/${path.relative(this.paths.root, file)}`;
  }

  sync(course: CourseNotebook[]): void {
    const unclaimed = unclaimedBySource(this.paths.root, this.state);
    const hashes = new Map(course.map((entry) => [entry.name, sha256(fs.readFileSync(entry.file, "utf8"))]));
    this.carries = planCarries({
      root: this.paths.root,
      state: this.state,
      course,
      copies: learnerCopies(this.paths.root, this.state),
      releaseOf: (name) => this.readRelease(name),
      unchanged: (name) => this.state.notebooks[name]?.sourceHash === hashes.get(name),
      shown: (file) => this.shown(path.join(this.paths.root, file)),
    });
    this.report.lines.push(...this.carries.lines);
    for (const entry of course) {
      const hash = hashes.get(entry.name)!;
      const release = stamped(entry.release, entry.name);
      let record: NotebookRecord | undefined = this.state.notebooks[entry.name];
      let target = path.join(this.paths.root, record?.file ?? entry.name);
      if (!fs.existsSync(target)) {
        const renamed = (unclaimed.get(entry.name) ?? []).filter((name) => name !== entry.name);
        if (renamed.length === 1) {
          // The learner renamed it in JupyterLab: follow the new name rather than making a second copy.
          this.report.lines.push(`${this.shown(target)} is now ${this.shown(path.join(this.paths.root, renamed[0]))} (renamed); updates go there`);
          record = { ...record, file: renamed[0], sourceHash: record?.sourceHash ?? "", at: record?.at ?? "" };
          this.state.notebooks[entry.name] = record;
          target = path.join(this.paths.root, renamed[0]);
        } else {
          const fresh = path.join(this.paths.root, entry.name);
          if (fs.existsSync(fresh)) {
            record = undefined; // a file under the source's own name: merge into it, as an unknown copy
            target = fresh;
          } else {
            this.create(entry, release, hash, fresh, record !== undefined ? target : undefined, renamed);
            continue;
          }
        }
      }
      if (record !== undefined && record.sourceHash === hash && !this.carries.into.has(entry.name)) {
        this.report.unchanged.push(entry.name);
        continue;
      }
      this.update(entry, release, hash, target);
    }
  }

  private create(entry: CourseNotebook, release: Notebook, hash: string, target: string, missing: string | undefined, copies: string[]): void {
    const made = structuredClone(release);
    const carried = carryInto(made, release, this.carries.into.get(entry.name) ?? []);
    try {
      writeFileAtomic(target, notebookText(made, target));
      this.remember(entry, release, hash, target, carried);
    } catch (error) {
      this.report.problems.push(entry.name);
      this.report.lines.push(`${this.shown(target)}: could not be written (${describeWriteError(error)}); nothing else was changed`);
      return;
    }
    this.report.created.push(entry.name);
    if (copies.length > 1) this.report.lines.push(`${this.shown(target)} was missing and ${copies.join(", ")} were all made from it; made a fresh copy, the others are untouched`);
    else if (missing === target) this.report.lines.push(`${this.shown(target)} was missing (deleted?); made a fresh copy`);
    else if (missing !== undefined) this.report.lines.push(`${this.shown(missing)} was missing (deleted?); made a fresh copy as ${this.shown(target)}`);
    this.sayCarried(target, carried);
  }

  private update(entry: CourseNotebook, release: Notebook, hash: string, target: string): void {
    const shown = this.shown(target);
    let mine: Notebook;
    let text: string;
    try {
      text = fs.readFileSync(target, "utf8");
      mine = parseNotebook(text, shown);
    } catch (error) {
      this.report.problems.push(entry.name);
      this.report.lines.push(`${shown} is not a readable notebook (${unreadableReason(error, shown)}): left as it is and not updated; fix it, or rename it and run npm start again for a fresh copy`);
      return;
    }
    const base = this.readRelease(entry.name);
    const merged = mergeLearnerNotebook(base, release, mine, this.carries.movedFrom.get(path.basename(target)));
    const carried = carryInto(merged.notebook, release, this.carries.into.get(entry.name) ?? []);
    const mergedText = notebookText(merged.notebook, shown);
    if (mergedText === text) {
      this.remember(entry, release, hash, target, carried);
      this.report.unchanged.push(entry.name);
      return;
    }
    const backup = path.join(this.paths.backups, this.stamp, path.basename(target));
    try {
      fs.mkdirSync(path.dirname(backup), { recursive: true });
      fs.copyFileSync(target, backup, fs.constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        this.report.problems.push(entry.name);
        this.report.lines.push(`${shown}: could not back it up before updating (${describeWriteError(error)}): left as it is and not updated`);
        return;
      }
    }
    try {
      writeFileAtomic(target, mergedText);
      this.remember(entry, release, hash, target, carried);
    } catch (error) {
      this.report.problems.push(entry.name);
      this.report.lines.push(`${shown}: could not write the update (${describeWriteError(error)}): your notebook is as it was (a copy is in ${this.shown(backup)})`);
      return;
    }
    this.report.updated.push(entry.name);
    const kept = merged.answersKept.length;
    const moved = merged.answersMoved.length;
    const movedToo = moved === 0 ? "" : `, ${moved} moved with ${moved === 1 ? "its exercise" : "their exercises"} to another notebook (a copy stays here)`;
    this.report.lines.push(`${shown}: updated to the new curriculum; ${kept} answer${kept === 1 ? "" : "s"} of yours kept${movedToo}; the previous version is in ${this.shown(backup)}`);
    for (const line of [...merged.conflicts, ...merged.notes]) this.report.lines.push(`${shown}: ${line}`);
    this.sayCarried(target, carried);
  }

  /** One line per answer that came with its exercise into `target` (none for one already there). */
  private sayCarried(target: string, carried: Carried[]): void {
    const to = this.shown(target);
    for (const { gradeId, fromFile, how } of carried) {
      const from = this.shown(path.join(this.paths.root, fromFile));
      if (how === "in place") this.report.lines.push(`${to}: your answer to "${gradeId}" came with its exercise from ${from}, where a copy stays`);
      if (how === "beside") {
        this.report.lines.push(`${to}: you had answered "${gradeId}" here too, and its exercise came from ${from} with your answer there: yours stays in place, the one from ${fromFile} is in the cell below it`);
      }
    }
  }

  private readRelease(name: string): Notebook | undefined {
    try {
      return parseNotebook(fs.readFileSync(path.join(this.paths.releases, name), "utf8"));
    } catch {
      return undefined; // no base: every difference from the new version counts as the learner's
    }
  }

  /** The release the copy now reflects: the base of the next merge, and the record saying so. */
  private remember(entry: CourseNotebook, release: Notebook, hash: string, target: string, carried: Carried[]): void {
    writeFileAtomic(path.join(this.paths.releases, entry.name), notebookText(release, entry.name));
    const before = this.state.notebooks[entry.name]?.carried ?? {};
    const now = Object.fromEntries(carried.map(({ gradeId, fromFile }) => [gradeId, fromFile]));
    const record: NotebookRecord = { file: path.basename(target), sourceHash: hash, at: new Date().toISOString() };
    if (Object.keys(before).length + carried.length > 0) record.carried = { ...before, ...now };
    this.state.notebooks[entry.name] = record;
  }
}

function writeSolutions(paths: WorkspacePaths, course: CourseNotebook[]): void {
  const all: Solutions = {};
  for (const entry of course) Object.assign(all, solutionsOf(entry.source));
  const text = JSON.stringify(all, null, 1) + "\n";
  if (fs.existsSync(paths.solutions) && fs.readFileSync(paths.solutions, "utf8") === text) return;
  writeFileAtomic(paths.solutions, text);
}

/** Makes or updates the workspace; throws only when the workspace itself cannot be made. */
export function syncWorkspace(options: SyncOptions): SyncReport {
  const paths = workspacePaths(path.resolve(options.workspaceDir));
  try {
    fs.mkdirSync(paths.marker, { recursive: true });
  } catch (error) {
    throw new Error(`cannot make the workspace folder ${paths.marker}: ${describeWriteError(error)}`);
  }
  const course = loadCourse([options.sourceDir]).notebooks;
  const { state, problem } = readState(paths.state);
  const sync = new Sync(paths, state, options.now ?? new Date());
  if (problem) sync.report.lines.push(problem);
  sync.sync(course);
  try {
    writeSolutions(paths, course);
    writeState(paths.state, state);
  } catch (error) {
    sync.report.lines.push(`${paths.marker}: could not save the workspace's records (${describeWriteError(error)}); your notebooks are as listed above`);
  }
  return sync.report;
}

