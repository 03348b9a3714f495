// npm run bench: the training benchmark against numpy, then the kernel's speed bench when it is present.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { main as trainDigits } from "./train-digits";
import { main as gradingSpeed } from "./grading-speed";

type BenchMain = (argv: string[]) => Promise<number>;

/** Runs every bench; arguments go to train-digits (`--only train` / `--only kernel` / `--only grading` pick one). */
export async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf("--only");
  const only = i >= 0 ? argv[i + 1] : undefined;
  const rest = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;
  if (only !== undefined && only !== "train" && only !== "kernel" && only !== "grading") {
    console.error(`bench: --only must be "train", "kernel" or "grading", got ${JSON.stringify(only)}`);
    return 2;
  }
  let status = 0;
  if (only === undefined || only === "train") status = Math.max(status, await trainDigits(rest));
  // The kernel's bench lives in its own file, written by whoever owns the kernel; run it when it is there.
  const kernelBench = ["kernel-speed.ts", "kernel-speed.js"].map((f) => join(__dirname, f)).find((p) => existsSync(p));
  if ((only === undefined || only === "kernel") && kernelBench !== undefined) {
    console.log("\n" + "─".repeat(100) + "\n");
    const loaded = require(kernelBench) as { main: BenchMain };
    status = Math.max(status, await loaded.main(only === "kernel" ? rest : []));
  }
  if (only === undefined || only === "grading") {
    console.log("\n" + "─".repeat(100) + "\n");
    status = Math.max(status, await gradingSpeed(only === "grading" ? rest : []));
  }
  return status;
}
