// Timestamps of the kernel's start phases on stderr (BACKPROP_LAB_KERNEL_TIMING=1), to see where start time goes.

import { writeSync } from "fs";

/** Read once: the kernel's environment does not change while it runs. */
const TIMING = process.env.BACKPROP_LAB_KERNEL_TIMING === "1";

/** Logs `phase` with milliseconds since the process started; written to fd 2 directly, past the cell stream capture. */
export function startPhase(phase: string): void {
  if (!TIMING) return;
  writeSync(2, `[kernel timing] ${performance.now().toFixed(0).padStart(6)} ms  ${phase}\n`);
}
