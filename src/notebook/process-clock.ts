// CPU time of a local kernel process from /proc (Linux), so a busy machine does not make a cell look slow.
import * as fs from "node:fs";

/** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space. */
const TICKS_PER_SECOND = 100;

/**
 * The pid of the local process running this kernel id (its command line names the connection file), Linux only.
 * A sandbox wrapper (bwrap, sudo -u, …) may name the file too: the innermost match is the kernel itself.
 */
export function findKernelPid(kernelId: string): number | undefined {
  let names: string[];
  try {
    names = fs.readdirSync("/proc");
  } catch {
    return undefined; // no /proc: not Linux
  }
  const needle = `kernel-${kernelId}.json`;
  const matches = new Map<number, number | undefined>(); // pid → parent pid
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (fs.readFileSync(`/proc/${name}/cmdline`, "utf8").includes(needle)) matches.set(Number(name), parentOf(Number(name)));
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  const parents = new Set(matches.values());
  return [...matches.keys()].find((pid) => !parents.has(pid));
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid …": comm may hold spaces, so count fields after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** The parent pid of a process, or undefined once it is gone. */
export function parentOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** User + system CPU seconds the process has used (all its threads), or undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  const fields = statFields(pid); // utime and stime are fields 14 and 15 of the whole line
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : undefined;
}
