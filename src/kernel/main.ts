// `backprop-lab kernel <connection_file>`: the entry point named in the kernelspec.

import { Kernel } from "./kernel";
import { ensureSelfLink } from "./package-link";
import { keepSpareReady, runSpare } from "./spare";
import { startPhase } from "./start-timing";
import { readConnectionFile } from "./wire";

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--spare")) return runSpare();
  const file = argv.find((arg) => !arg.startsWith("-"));
  if (!file) {
    console.error("usage: backprop-lab kernel <connection_file>");
    return 2;
  }
  startPhase("kernel sources loaded");
  ensureSelfLink();
  exitWithParent();
  const kernel = new Kernel(readConnectionFile(file));
  await kernel.start();
  void keepSpareReady(kernel);
  // The kernel lives until shutdown_request (or a signal from the kernel manager) ends the process.
  return new Promise<number>(() => {});
}

/** A kernel whose Jupyter server died (killed test run, closed terminal) exits instead of idling on. */
function exitWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 2_000).unref();
}
