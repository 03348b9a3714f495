// npm run bench: the training benchmark against numpy, then the kernel's speed bench when it is present.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { main as trainDigits } from "./train-digits";

type BenchMain = (argv: string[]) => Promise<number>;

/** Runs every bench; arguments go to train-digits (`--only train` / `--only kernel` pick one). */
export async function main(argv: string[]): Promise<number> {
  const i = argv.indexOf("--only");
  const only = i >= 0 ? argv[i + 1] : undefined;
  const rest = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : argv;
  if (only !== undefined && only !== "train" && only !== "kernel") {
    console.error(`bench: --only must be "train" or "kernel", got ${JSON.stringify(only)}`);
    return 2;
  }
  let status = 0;
  if (only !== "kernel") status = Math.max(status, await trainDigits(rest));
  // The kernel's bench lives in its own file, written by whoever owns the kernel; run it when it is there.
  const kernelBench = ["kernel-speed.ts", "kernel-speed.js"].map((f) => join(__dirname, f)).find((p) => existsSync(p));
  if (only !== "train" && kernelBench !== undefined) {
    console.log("\n" + "─".repeat(100) + "\n");
    const loaded = require(kernelBench) as { main: BenchMain };
    status = Math.max(status, await loaded.main(only === "kernel" ? rest : []));
  }
  return status;
}
