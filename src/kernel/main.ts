// `backprop-lab kernel <connection_file>`: the entry point named in the kernelspec.

import { Kernel } from "./kernel";
import { ensureSelfLink } from "./package-link";
import { readConnectionFile } from "./wire";

export async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg) => !arg.startsWith("-"));
  if (!file) {
    console.error("usage: backprop-lab kernel <connection_file>");
    return 2;
  }
  ensureSelfLink();
  const kernel = new Kernel(readConnectionFile(file));
  await kernel.start();
  // The kernel lives until shutdown_request (or a signal from the kernel manager) ends the process.
  return new Promise<number>(() => {});
}
