// Reads one student's submission folder defensively: regular files only, never through a link, within size caps.
//
// Submissions arrive as git repositories and tar files, so a folder may hold anything: symbolic links (to another
// student's work), named pipes (a read blocks forever), devices, huge unrelated files, .git folders, nested folders.
// Only the course's notebook names directly inside the folder are ever opened; everything else is listed, not read.

import * as fs from "node:fs";
import * as path from "node:path";

export interface SubmissionLimits {
  /** Largest notebook file read (bytes). */
  maxNotebookBytes: number;
  /** Most bytes read from one student's folder in all (bytes). */
  maxStudentBytes: number;
}

export const MB = 1024 * 1024;
export const DEFAULT_LIMITS: SubmissionLimits = { maxNotebookBytes: 20 * MB, maxStudentBytes: 100 * MB };

export interface Submission {
  /** Text of each course notebook the student handed in, by file name. */
  texts: Map<string, string>;
  /** Why a course notebook was not read (refused, or not there), by file name. */
  refused: Map<string, string>;
  /** Other entries of the folder, which are never opened (shown to the student once). */
  ignored: string[];
}

function kindOf(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isDirectory()) return "a folder";
  return "not a regular file";
}

const megabytes = (bytes: number): string => (bytes < MB ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round((bytes / MB) * 10) / 10} MB`);

/** Why `folder` cannot be graded as a student's folder, or undefined when it can (a real folder, not a link). */
export function refuseStudentFolder(folder: string): string | undefined {
  const stat = fs.lstatSync(folder);
  return stat.isDirectory() ? undefined : `${path.basename(folder)}: ${kindOf(stat)}, not a folder; student folders must be real folders, so it is not graded`;
}

/** Reads `names` from directly inside `folder`, refusing anything but a regular file within the limits. */
export function readSubmission(folder: string, names: string[], limits: SubmissionLimits = DEFAULT_LIMITS): Submission {
  const texts = new Map<string, string>();
  const refused = new Map<string, string>();
  let total = 0;
  for (const name of names) {
    const file = path.join(folder, name);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(file);
    } catch {
      refused.set(name, `${name} was not submitted`);
      continue;
    }
    const why = refusal(name, stat, limits, total);
    if (why) {
      refused.set(name, why);
      continue;
    }
    try {
      const text = readRegularFile(file, stat, limits.maxNotebookBytes);
      total += Buffer.byteLength(text);
      texts.set(name, text);
    } catch (error) {
      refused.set(name, `${name} was not read: ${(error as Error).message}`);
    }
  }
  const wanted = new Set(names);
  const ignored = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !wanted.has(entry.name))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
  return { texts, refused, ignored };
}

function refusal(name: string, stat: fs.Stats, limits: SubmissionLimits, readSoFar: number): string | undefined {
  if (!stat.isFile()) return `${name} was refused: it is ${kindOf(stat)}; only regular files are graded`;
  if (stat.size > limits.maxNotebookBytes) {
    return `${name} was refused: it is ${megabytes(stat.size)}, over the limit of ${megabytes(limits.maxNotebookBytes)} per notebook (--max-notebook-mb)`;
  }
  if (readSoFar + stat.size > limits.maxStudentBytes) {
    return `${name} was refused: with it this submission would pass the limit of ${megabytes(limits.maxStudentBytes)} per student (--max-student-mb)`;
  }
  return undefined;
}

/** Opens without following links or blocking, and checks it is still the regular file that lstat saw. */
function readRegularFile(file: string, seen: fs.Stats, maxBytes: number): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.ino !== seen.ino || stat.dev !== seen.dev) throw new Error("it changed while it was being read");
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = fs.readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > maxBytes) throw new Error(`it grew past the limit of ${megabytes(maxBytes)} per notebook while it was being read`);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
