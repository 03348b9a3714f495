// Detached, lowered-priority child processes that outlive the kernel that starts them (a declarations builder, a spare).

import { spawn, type SpawnOptions } from "child_process";
import { setPriority } from "os";

/** Starts `node args…` detached with no stdio at `niceness`; returns its pid, or undefined when it could not start. */
export function spawnInBackground(args: string[], niceness: number, options: SpawnOptions = {}): number | undefined {
  const child = spawn(process.execPath, args, { ...options, detached: true, stdio: "ignore" });
  child.on("error", () => {}); // one that cannot start leaves things as they were; the caller sees no pid
  child.unref();
  if (child.pid === undefined) return undefined;
  try {
    setPriority(child.pid, niceness);
  } catch {
    // not allowed here: it runs at the caller's priority
  }
  return child.pid;
}
