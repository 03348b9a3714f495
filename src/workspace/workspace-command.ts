// backprop-lab workspace [--source DIR] [--dir DIR]: make or update the learner workspace (npm start runs it).

import * as path from "node:path";
import { UsageError, parseArgs, stringOption } from "../cli-args";
import { PROJECT_ROOT } from "../project-root";
import { syncWorkspace } from "./sync";

const USAGE = `usage: backprop-lab workspace [--source <notebooks dir>] [--dir <workspace dir>]

  Makes the learner workspace (default workspace/) from the instructor notebooks (default notebooks/):
  solutions replaced by stubs, hidden tests removed, outputs cleared. Run again after the curriculum
  changed: notebooks whose source changed are backed up to <dir>/.backprop-lab/backups/<time>/ and
  updated, keeping every answer; the others are not touched.`;

export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ["source", "dir"], ["help"]);
    if (args.options.has("help")) {
      console.log(USAGE);
      return 0;
    }
    const sourceDir = stringOption(args, "source") ?? path.join(PROJECT_ROOT, "notebooks");
    const workspaceDir = stringOption(args, "dir") ?? path.join(PROJECT_ROOT, "workspace");
    const report = syncWorkspace({ sourceDir, workspaceDir });
    for (const line of report.lines) console.log(`  ${line}`);
    const parts = [
      report.created.length > 0 ? `${report.created.length} new` : "",
      report.updated.length > 0 ? `${report.updated.length} updated` : "",
      report.unchanged.length > 0 ? `${report.unchanged.length} unchanged` : "",
      report.problems.length > 0 ? `${report.problems.length} left as they were (see above)` : "",
    ].filter(Boolean);
    console.log(`  ${path.relative(process.cwd(), workspaceDir) || "."}/: ${parts.join(", ")}`);
    return 0;
  } catch (error) {
    console.error(`backprop-lab workspace: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(USAGE);
    return 2;
  }
}
