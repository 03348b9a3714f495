// backprop-lab autograde <submissions> --source DIR --out DIR [options]: grade a class; exit 0 all graded, 1 some not graded, 2 usage.

import { UsageError, numberOption, parseArgs, parseShard, stringOption } from "../cli-args";
import { NOTEBOOK_BUDGET_TIMEOUTS, autograde } from "./autograde";
import { loadCourse } from "./course";
import { totalsOf } from "./gradebook";
import { DEFAULT_INFRA_TIMEOUT_MS } from "./run";
import { DEFAULT_LIMITS, MB } from "./submission";
import { SANDBOX_MODES, SandboxMode } from "./sandbox";

/** Exit status when some notebook could not be graded because the grader failed (a rerun retries it). */
export const EXIT_NOT_GRADED = 1;
export const EXIT_USAGE = 2;

const USAGE = `usage: backprop-lab autograde <submissions dir> --source <dir|notebook…> --out <dir>
         [--jobs N] [--shard i/n] [--timeout SEC] [--memory MB] [--show-hidden] [--sandbox os|node|off]
         [--notebook-budget SEC] [--student-budget SEC] [--infra-timeout SEC] [--retries N]
         [--max-notebook-mb MB] [--max-student-mb MB]

  --sandbox os (default) runs every kernel in its own namespaces as an unprivileged user: no network,
  no other processes, only the project's code and its own notebook visible (needs root on Linux).
  --sandbox node uses Node's permission model only (weaker: no network or signal boundary); --sandbox
  off (or --no-sandbox) confines nothing. Choose them knowingly.
  <submissions dir> holds one folder per student, each with that student's notebooks under the
  same file names as the source. Writes <out>/gradebook.csv, gradebook.json, gradebook-lms.csv, feedback/<student>.html
  and results/<student>.json (a rerun skips students whose inputs did not change and were fully graded).

  --timeout SEC          each answer or test cell (default 30)
  --notebook-budget SEC  all cells of one notebook, replays included (default ${NOTEBOOK_BUDGET_TIMEOUTS} × --timeout)
  --student-budget SEC   all notebooks of one student (default: notebook budget × notebooks)
  --infra-timeout SEC    kernel start and grading prelude, the grader's own work (default ${DEFAULT_INFRA_TIMEOUT_MS / 1000})
  --retries N            retries when the grader itself fails, with a doubling wait (default 2)
  --max-notebook-mb MB   largest notebook file read (default ${DEFAULT_LIMITS.maxNotebookBytes / MB})
  --max-student-mb MB    most read from one student's folder (default ${DEFAULT_LIMITS.maxStudentBytes / MB})

  Exit status: 0 every notebook graded; ${EXIT_NOT_GRADED} some notebook "not graded" (the grader failed, not the
  student; rerun to grade it); ${EXIT_USAGE} bad arguments.`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(
      argv,
      ["source", "out", "jobs", "shard", "timeout", "memory", "notebook-budget", "student-budget", "infra-timeout", "retries", "max-notebook-mb", "max-student-mb", "sandbox"],
      ["show-hidden", "no-sandbox", "help"],
    );
    if (args.options.has("help")) {
      console.log(USAGE);
      return 0;
    }
    if (args.positionals.length !== 1) throw new UsageError("give exactly one submissions folder");
    const source = stringOption(args, "source");
    const out = stringOption(args, "out");
    if (!source) throw new UsageError("--source is required");
    if (!out) throw new UsageError("--out is required");
    const course = loadCourse(source.split(","));
    const timeoutSec = numberOption(args, "timeout", 30, 1);
    const notebookBudgetSec = numberOption(args, "notebook-budget", NOTEBOOK_BUDGET_TIMEOUTS * timeoutSec, 1);
    const summary = await autograde({
      submissions: args.positionals[0],
      course,
      out,
      jobs: numberOption(args, "jobs", 1, 1),
      shard: parseShard(stringOption(args, "shard")),
      timeoutSec,
      notebookBudgetSec,
      studentBudgetSec: args.options.has("student-budget") ? numberOption(args, "student-budget", 0, 1) : undefined,
      infraTimeoutSec: numberOption(args, "infra-timeout", DEFAULT_INFRA_TIMEOUT_MS / 1000, 10),
      retries: numberOption(args, "retries", 2, 0),
      limits: {
        maxNotebookBytes: numberOption(args, "max-notebook-mb", DEFAULT_LIMITS.maxNotebookBytes / MB, 0.001) * MB,
        maxStudentBytes: numberOption(args, "max-student-mb", DEFAULT_LIMITS.maxStudentBytes / MB, 0.001) * MB,
      },
      memoryMb: numberOption(args, "memory", 1024, 64),
      showHidden: args.options.has("show-hidden"),
      sandbox: sandboxOption(stringOption(args, "sandbox"), args.options.has("no-sandbox")),
      log: process.stderr.isTTY ? undefined : (line) => console.log(line),
    });
    const totals = totalsOf(summary.results);
    const failed = summary.results.filter((r) => r.notebooks.some((n) => n.infraError !== undefined)).map((r) => r.student);
    for (const line of summary.refused) console.error(`refused: ${line}`);
    console.log(
      `graded ${summary.graded.length} student(s), reused ${summary.skipped.length} finished result(s) in ${summary.seconds.toFixed(1)} s; ` +
        `mean ${totals.length ? (totals.reduce((s, t) => s + t.points, 0) / totals.length).toFixed(2) : "0"} of ${totals[0]?.max ?? 0} points`,
    );
    console.log(`gradebook: ${summary.gradebook.csv}`);
    if (failed.length > 0) {
      console.error(`not graded (the grader failed, not the students; their rows say why): ${failed.join(", ")}; rerun to grade them`);
      return EXIT_NOT_GRADED;
    }
    return 0;
  } catch (error) {
    console.error(`backprop-lab autograde: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return EXIT_USAGE;
  }
}

function sandboxOption(value: string | undefined, noSandbox: boolean): SandboxMode {
  if (value === undefined) return noSandbox ? "off" : "os";
  if (!(SANDBOX_MODES as readonly string[]).includes(value)) throw new UsageError(`--sandbox must be one of ${SANDBOX_MODES.join(", ")}, got ${JSON.stringify(value)}`);
  if (noSandbox && value !== "off") throw new UsageError(`--no-sandbox contradicts --sandbox ${value}`);
  return value as SandboxMode;
}
