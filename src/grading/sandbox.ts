// The operating-system boundary around a grading kernel: namespaces, an unprivileged user and limits (sandbox/enter.sh).
//
// Node's permission model alone is not a boundary (a worker started with its own execArgv leaves it, and it
// says nothing about the network or signals), so the grading kernel is started through `unshare` (util-linux)
// in new mount, PID, network, IPC and UTS namespaces. sandbox/enter.sh then builds a root holding only the
// system's programs, the project's code and the kernel's working folder, and runs the kernel as an
// unprivileged user with no capabilities and a memory limit. Without a network the kernel talks to
// its Jupyter server over ZeroMQ's ipc transport (socket files in the connection folder, the one folder the
// kernel shares with the server).

import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

/** How a grading kernel is confined: "os" (namespaces + user + limits, the default), "node" (permission model only), "off". */
export type SandboxMode = "os" | "node" | "off";

export const SANDBOX_MODES: readonly SandboxMode[] = ["os", "node", "off"];

/** nobody:nogroup on Debian; owns nothing the kernel could use. */
export const SANDBOX_UID = 65534;
export const SANDBOX_GID = 65534;

const ENTER_SCRIPT = path.join(__dirname, "sandbox", "enter.sh");

const UNSHARE_FLAGS = ["--mount", "--net", "--pid", "--ipc", "--uts", "--fork", "--kill-child", "--propagation", "private"];

/**
 * Memory the kernel itself needs beyond the V8 heap limit (TypeScript's compiler, tslab, zeromq, code,
 * thread stacks). The limit is RLIMIT_DATA, which counts the private writable memory a process really maps
 * (heap pages, typed arrays, WebAssembly memory, workers' heaps) but not the address space V8 only
 * reserves: RLIMIT_AS would refuse V8's reservations (it sizes them to the limit, several GB) and
 * every worker thread. Measured for a kernel after the prelude and a notebook: ~260 MB of VmData.
 */
export const DATA_HEADROOM_MB = 512;

export interface SandboxLayout {
  /** Empty folder the sandbox root is mounted on (one per worker). */
  rootMount: string;
  /** The server's runtime folder: the kernels' connection files and ipc sockets (and the server's own files, hidden from the kernel). */
  connectionDir: string;
  /** Paths the kernel may read (read-only, at their own paths): the project's code, the packages it may import. */
  readable: string[];
  /** Memory the kernel may hold, in MB (heap plus everything else); the data limit adds DATA_HEADROOM_MB. */
  memoryMb: number;
}

/** The command line that starts `command` inside the sandbox (Jupyter runs it in the kernel's working folder). */
export function sandboxArgv(layout: SandboxLayout, command: string[]): string[] {
  const dataLimit = (Math.round(layout.memoryMb) + DATA_HEADROOM_MB) * 1024 * 1024;
  // Dies with its Jupyter server (setpriv's parent-death signal): the kernel inside, as PID 1 of its own
  // namespace, cannot watch its parent, so it dies with this process in turn (see enter.sh).
  return [
    "setpriv",
    "--pdeathsig",
    "SIGKILL",
    "--",
    "unshare",
    ...UNSHARE_FLAGS,
    "--",
    "/bin/sh",
    ENTER_SCRIPT,
    layout.rootMount,
    String(SANDBOX_UID),
    String(SANDBOX_GID),
    String(dataLimit),
    layout.connectionDir,
    ...layout.readable,
    "--",
    ...command,
  ];
}

/**
 * Creates the worker's sandbox folders: the root mount point, and the connection folder, where the
 * kernel's user may create its sockets but neither list nor remove what others put there (root's, sticky).
 */
export function prepareSandboxLayout(layout: SandboxLayout): void {
  fs.mkdirSync(layout.rootMount, { recursive: true });
  fs.mkdirSync(layout.connectionDir, { recursive: true });
  fs.chmodSync(layout.connectionDir, 0o1733);
}

/**
 * Why the OS sandbox cannot run here (undefined when it can): enters it once with `true` as the command.
 * Needs root (or CAP_SYS_ADMIN) for the namespaces and mounts, and util-linux's unshare, setpriv, prlimit.
 */
export function sandboxUnavailable(scratch: string, timeoutMs: number): string | undefined {
  if (process.platform !== "linux") return `the grading sandbox needs Linux namespaces; this is ${process.platform}`;
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "the grading sandbox needs root (namespaces, mounts and a switch to an unprivileged user)";
  const probe = path.join(scratch, "sandbox-probe");
  const work = path.join(probe, "work");
  const layout: SandboxLayout = { rootMount: path.join(probe, "root"), connectionDir: path.join(probe, "conn"), readable: [], memoryMb: 64 };
  try {
    fs.mkdirSync(work, { recursive: true });
    prepareSandboxLayout(layout);
    const marker = path.join(layout.connectionDir, "probe");
    fs.writeFileSync(marker, "");
    const [cmd, ...args] = sandboxArgv(layout, ["/bin/true", marker]);
    // The grader's infrastructure budget: a busy machine makes entering slow, not impossible.
    const run = spawnSync(cmd, args, { cwd: work, encoding: "utf8", timeout: timeoutMs });
    if (run.error) return `cannot run ${cmd}: ${run.error.message}`;
    if (run.status !== 0) return `entering the grading sandbox failed (${run.signal ?? `exit ${run.status}`}): ${(run.stderr || run.stdout).trim().split("\n").slice(-3).join(" ")}`;
    return undefined;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
}
