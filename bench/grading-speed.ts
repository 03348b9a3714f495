// Autograding next to running the same notebooks plain: seconds per student-notebook, the ratio, and 500 students extrapolated.
// Run: npm run bench -- --only grading [--students N] [--notebooks 00,09] [--jobs N] [--sandbox os|node|off]
// Half the students hand in the instructor's solutions (full marks), half the release untouched (blank).

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { autograde } from "../src/grading/autograde";
import { makeRelease } from "../src/grading/assign";
import { Notebook } from "../src/grading/cells";
import { loadCourse } from "../src/grading/course";
import { PROJECT_ROOT } from "../src/project-root";
import { SandboxMode } from "../src/grading/sandbox";
import { executeNotebook } from "../src/notebook/execute";
import type { Notebook as NbNotebook } from "../src/notebook/nbformat";
import { startJupyterServer } from "../src/notebook/server";
import { dropServicesChatter } from "../src/notebook/services-chatter";

const CLASS_SIZE = 500;

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(" ");

/** The curriculum's notebooks, or those whose names start with one of the given prefixes. */
function pickNotebooks(prefixes: string | undefined): string[] {
  const dir = path.join(PROJECT_ROOT, "notebooks");
  const all = fs.readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort();
  const wanted = prefixes?.split(",").filter(Boolean);
  return all.filter((name) => !wanted || wanted.some((p) => name.startsWith(p))).map((name) => path.join(dir, name));
}

/** Seconds each notebook takes run plain (the runner's way: a fresh kernel in notebooks/, no grading). */
async function plainSeconds(files: string[]): Promise<Map<string, number>> {
  const server = await startJupyterServer({ rootDir: PROJECT_ROOT });
  const seconds = new Map<string, number>();
  try {
    for (const file of files) {
      const notebook = JSON.parse(fs.readFileSync(file, "utf8")) as NbNotebook;
      const run = await executeNotebook(server, notebook, { cwd: "notebooks", cellTimeoutMs: 600_000 });
      if (!run.ok) throw new Error(`${path.basename(file)} failed plain: ${run.firstFailure?.ename}: ${run.firstFailure?.evalue}`);
      seconds.set(path.basename(file), run.seconds);
    }
  } finally {
    await server.stop();
  }
  return seconds;
}

/** N students: even ones hand in the solutions, odd ones the untouched release. */
function makeSubmissions(dir: string, files: string[], students: number): void {
  for (let s = 0; s < students; s++) {
    const folder = path.join(dir, `student-${String(s + 1).padStart(3, "0")}`);
    fs.mkdirSync(folder, { recursive: true });
    for (const file of files) {
      const source = JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
      const handedIn = s % 2 === 0 ? source : makeRelease(source, file);
      fs.writeFileSync(path.join(folder, path.basename(file)), JSON.stringify(handedIn));
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const restoreConsole = dropServicesChatter();
  try {
    return await measure(argv);
  } finally {
    restoreConsole();
  }
}

async function measure(argv: string[]): Promise<number> {
  const students = Number(option(argv, "students") ?? 8);
  const jobs = Number(option(argv, "jobs") ?? 2);
  const sandbox = (option(argv, "sandbox") ?? "os") as SandboxMode;
  const files = pickNotebooks(option(argv, "notebooks"));
  if (!(students >= 1) || !(jobs >= 1) || files.length === 0) {
    console.error("grading bench: --students and --jobs must be ≥ 1 and --notebooks must match some notebook");
    return 2;
  }
  console.log(`grading speed: ${students} students (half full marks, half blank) × ${files.length} notebook(s), --jobs ${jobs}, --sandbox ${sandbox}; load ${load()} on ${os.cpus().length} cores`);
  const plain = await plainSeconds(files);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-grading-"));
  try {
    makeSubmissions(path.join(tmp, "submissions"), files, students);
    const summary = await autograde({
      submissions: path.join(tmp, "submissions"),
      course: loadCourse(files),
      out: path.join(tmp, "out"),
      jobs,
      timeoutSec: 300,
      memoryMb: 1024,
      showHidden: false,
      sandbox,
    });
    console.log(`\n${"notebook".padEnd(34)} ${"plain s".padStart(8)} ${"graded s".padStart(9)} ${"ratio".padStart(6)}   (graded: mean over students, one kernel each)`);
    let plainTotal = 0;
    let gradedTotal = 0;
    for (const file of files) {
      const name = path.basename(file);
      const runs = summary.results.map((r) => r.notebooks.find((n) => n.notebook === name)?.seconds ?? 0);
      const graded = runs.reduce((a, b) => a + b, 0) / runs.length;
      const p = plain.get(name) ?? 0;
      plainTotal += p;
      gradedTotal += graded;
      console.log(`${name.padEnd(34)} ${p.toFixed(1).padStart(8)} ${graded.toFixed(1).padStart(9)} ${(graded / p).toFixed(2).padStart(6)}`);
    }
    console.log(`${"all".padEnd(34)} ${plainTotal.toFixed(1).padStart(8)} ${gradedTotal.toFixed(1).padStart(9)} ${(gradedTotal / plainTotal).toFixed(2).padStart(6)}`);
    const perStudentNotebook = summary.seconds / (students * files.length);
    const perStudent = summary.seconds / students;
    console.log(`\nkernels started ahead (pool of ${jobs}): ${summary.kernelsAhead.started}, used ${summary.kernelsAhead.used} of ${students * files.length} student-notebooks`);
    console.log(`autograde wall time ${summary.seconds.toFixed(1)} s: ${perStudentNotebook.toFixed(2)} s per student-notebook with --jobs ${jobs} (plain, one at a time: ${(plainTotal / files.length).toFixed(2)} s per notebook)`);
    console.log(`${CLASS_SIZE} students × these ${files.length} notebook(s) on this machine: ${((perStudent * CLASS_SIZE) / 3600).toFixed(1)} h; load now ${load()}`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
