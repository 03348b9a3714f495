// CPU time of a local kernel process from /proc (Linux), so a busy machine does not make a cell look slow.
import * as fs from "node:fs";

/** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const TICKS_PER_SECOND = 100;

/** The pid of the local process started with this kernel id's connection file, if there is one (Linux only). */
export function findKernelPid(kernelId: string): number | undefined {
  let names: string[];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return undefined; // no /proc: not Linux
  }
  const needle = `kernel-${kernelId}.json`;
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/cmdline`, "utf8").includes(needle)) return Number(name);
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return undefined;
}

/** User + system CPU seconds the process has used (all its threads), or undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid … utime stime …": fields 14 and 15; comm may hold spaces, so count after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
