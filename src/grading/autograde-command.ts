// backprop-lab autograde <submissions> --source DIR --out DIR [--jobs N] [--shard i/n] [--timeout SEC] [--memory MB] [--show-hidden]

import { UsageError, numberOption, parseArgs, parseShard, stringOption } from "./args";
import { autograde } from "./autograde";
import { loadCourse } from "./course";
import { totalsOf } from "./gradebook";
import { SANDBOX_MODES, SandboxMode } from "./sandbox";

const USAGE = `usage: backprop-lab autograde <submissions dir> --source <dir|notebook…> --out <dir>
         [--jobs N] [--shard i/n] [--timeout SEC] [--memory MB] [--show-hidden] [--sandbox os|node|off]

  --sandbox os (default) runs every kernel in its own namespaces as an unprivileged user: no network,
  no other processes, only the project's code and its own notebook visible (needs root on Linux).
  --sandbox node uses Node's permission model only (weaker: no network or signal boundary); --sandbox
  off (or --no-sandbox) confines nothing. Choose them knowingly.
  <submissions dir> holds one folder per student, each with that student's notebooks under the
  same file names as the source. Writes <out>/gradebook.csv, gradebook.json, feedback/<student>.html
  and results/<student>.json (a rerun skips students whose inputs did not change).`;

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, ["source", "out", "jobs", "shard", "timeout", "memory", "sandbox"], ["show-hidden", "no-sandbox", "help"]);
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
    const summary = await autograde({
      submissions: args.positionals[0],
      course,
      out,
      jobs: numberOption(args, "jobs", 1, 1),
      shard: parseShard(stringOption(args, "shard")),
      timeoutSec: numberOption(args, "timeout", 30, 1),
      memoryMb: numberOption(args, "memory", 1024, 64),
      showHidden: args.options.has("show-hidden"),
      sandbox: sandboxOption(stringOption(args, "sandbox"), args.options.has("no-sandbox")),
      log: process.stderr.isTTY ? undefined : (line) => console.log(line),
    });
    const totals = totalsOf(summary.results);
    const failed = summary.results.filter((r) => r.notebooks.some((n) => n.infraError !== undefined)).map((r) => r.student);
    console.log(
      `graded ${summary.graded.length} student(s), reused ${summary.skipped.length} finished result(s) in ${summary.seconds.toFixed(1)} s; ` +
        `mean ${totals.length ? (totals.reduce((s, t) => s + t.points, 0) / totals.length).toFixed(2) : "0"} of ${totals[0]?.max ?? 0} points`,
    );
    console.log(`gradebook: ${summary.gradebook.csv}`);
    if (failed.length > 0) {
      console.error(`could not grade: ${failed.join(", ")} (see their rows; rerun to retry)`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`backprop-lab autograde: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}

function sandboxOption(value: string | undefined, noSandbox: boolean): SandboxMode {
  if (value === undefined) return noSandbox ? "off" : "os";
  if (!(SANDBOX_MODES as readonly string[]).includes(value)) throw new UsageError(`--sandbox must be one of ${SANDBOX_MODES.join(", ")}, got ${JSON.stringify(value)}`);
  if (noSandbox && value !== "off") throw new UsageError(`--no-sandbox contradicts --sandbox ${value}`);
  return value as SandboxMode;
}
