// Child processes of a pid from /proc, and stopping a grading worker's Jupyter server once it runs a kernel.
import * as fs from "node:fs";
import { parentOf } from "../../src/notebook/process-clock";

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

export function childProcesses(parent: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => parentOf(pid) === parent);
}

/** Waits until a Jupyter server started by `parent` has a kernel running, sends it SIGSTOP, and returns its pid. */
export async function stopWhenKernelRuns(parent: number, limitMs = 240_000): Promise<number> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    for (const server of childProcesses(parent).filter((pid) => commandOf(pid).includes("jupyter-server"))) {
      if (childProcesses(server).some((pid) => commandOf(pid).includes(" kernel "))) {
        process.kill(server, "SIGSTOP");
        return server;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // polling /proc: there is no event for "a process started"
  }
  throw new Error(`no Jupyter server started by pid ${parent} ran a kernel within ${limitMs / 1000} s`);
}
