// backprop-lab progress [--dir DIR]: the learner's progress per notebook as a text table (npm run progress).

import * as path from "node:path";
import { UsageError, parseArgs, stringOption } from "../cli-args";
import { PROJECT_ROOT } from "../project-root";
import { workspaceProgress } from "./progress-report";
import { progressTable } from "./progress-summary";

const USAGE = `usage: backprop-lab progress [--dir <workspace dir>]

  Exercises passed, attempted (checked, not passed yet) and not started, per notebook of the
  workspace (default workspace/), from the checks you ran there.`;

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["dir"], ["help"]);
    if (args.options.has("help")) {
      console.log(USAGE);
      return 0;
    }
    const dir = path.resolve(stringOption(args, "dir") ?? path.join(PROJECT_ROOT, "workspace"));
    const progress = workspaceProgress(dir);
    if (progress === undefined) {
      console.error(`backprop-lab progress: ${dir} is not a workspace yet (no .backprop-lab/ in it or above); \`npm start\` makes one`);
      return 1;
    }
    console.log(progressTable(progress.rows));
    if (progress.skipped > 0) console.log(`(${progress.skipped} unreadable line(s) in the progress log were skipped)`);
    if (progress.unreadable.length > 0) console.log(`(not counted, not readable as notebooks: ${progress.unreadable.join(", ")})`);
    return 0;
  } catch (error) {
    console.error(`backprop-lab progress: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}
