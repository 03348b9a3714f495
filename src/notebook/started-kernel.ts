// Starts one kernel on a Jupyter server and waits until it answers: the first half of running a notebook,
// kept apart so a caller (the grader's kernel pool) can start the next kernel while another notebook runs.

import * as path from "path";
import { KernelAPI, KernelSpecAPI } from "@jupyterlab/services";
import { KernelConnection } from "@jupyterlab/services/lib/kernel/default";
import { OutputCollector } from "./output-collector";
import type { JupyterServer } from "./server";

export const DEFAULT_KERNEL = "backprop-lab";

/** The notebook could not be run at all; the message says why. */
export class RunnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunnerError";
  }
}

export interface KernelStartOptions {
  kernelName: string;
  /** Kernel working directory: absolute (must lie under the server's root) or relative to the server root. */
  cwd?: string;
  /** Limit for the kernel to start and answer kernel_info (a kernel that dies fails at once). */
  startTimeoutMs: number;
  /** Limit on each request to the server (spec list, start, shutdown). */
  requestTimeoutMs: number;
}

/** A kernel that answered kernel_info, with its outputs routed to `collector`; `shutdown` ends it. */
export interface StartedKernel {
  id: string;
  name: string;
  connection: KernelConnection;
  collector: OutputCollector;
  /** Why the kernel is gone, once it is (dead, or restarted by the server behind our back). */
  died(): string | undefined;
  /** Shuts the kernel down and closes the connection; safe to call twice. */
  shutdown(): Promise<void>;
}

/** Kernels started and not yet shut down, so a signal handler can stop them (see shutdownActiveKernels). */
const activeKernels = new Map<string, JupyterServer>();

export async function shutdownActiveKernels(): Promise<void> {
  const all = [...activeKernels];
  activeKernels.clear();
  await Promise.all(all.map(([id, server]) => KernelAPI.shutdownKernel(id, server.settings).catch(() => undefined)));
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunnerError(message)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function kernelPath(server: JupyterServer, cwd: string | undefined): string {
  if (cwd === undefined) return "";
  if (!path.isAbsolute(cwd)) return cwd.split(path.sep).join("/");
  if (!server.rootDir) throw new RunnerError(`cwd ${cwd} is absolute, but the root folder of ${server.url} is unknown; give cwd relative to the server root`);
  const relative = path.relative(server.rootDir, cwd);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new RunnerError(`cwd ${cwd} lies outside the server root ${server.rootDir}; the kernel cannot start there`);
  }
  return relative.split(path.sep).join("/");
}

async function checkKernelName(server: JupyterServer, name: string): Promise<void> {
  const specs = await KernelSpecAPI.getSpecs(server.settings);
  if (!specs.kernelspecs[name]) {
    const known = Object.keys(specs.kernelspecs).sort().join(", ") || "none";
    const hint = name === DEFAULT_KERNEL ? "; run `npm run setup` to register it" : "";
    throw new RunnerError(`unknown kernel "${name}" (this server has: ${known})${hint}`);
  }
}

/** Starts a kernel and waits for its kernel_info; throws a RunnerError (with the kernel's last words) when it cannot. */
export async function startKernel(server: JupyterServer, options: KernelStartOptions): Promise<StartedKernel> {
  const { kernelName, requestTimeoutMs } = options;
  // A server or kernel that goes silent (stopped, wedged) must never hang the caller: every request has a deadline.
  const bounded = <T>(what: string, promise: Promise<T>): Promise<T> =>
    withTimeout(promise, requestTimeoutMs, `${what} on ${server.url} got no answer within ${requestTimeoutMs / 1000} s`);
  const apiPath = kernelPath(server, options.cwd);
  await bounded("listing kernelspecs", checkKernelName(server, kernelName));

  let model: { id: string; name: string };
  try {
    // The REST API accepts a path (relative to the server root) that becomes the kernel's working directory.
    model = await bounded("starting a kernel", KernelAPI.startNew({ name: kernelName, path: apiPath } as { name: string }, server.settings));
  } catch (error) {
    throw new RunnerError(`kernel "${kernelName}" could not be started on ${server.url}: ${(error as Error).message}`);
  }
  activeKernels.set(model.id, server);
  const connection = new KernelConnection({ model, serverSettings: server.settings, handleComms: false });
  connection.info.catch(() => undefined); // rejected on dispose when the kernel never answered; waitForInfo reports that
  // After a server-side autorestart, services calls reconnect() from a promise nobody awaits; if we dispose the
  // connection meanwhile that rejects unhandled and would take the whole process down. Kernel death is
  // detected and reported through `died` instead.
  const reconnect = connection.reconnect.bind(connection);
  connection.reconnect = () => reconnect().catch(() => undefined);
  const collector = new OutputCollector();
  connection.iopubMessage.connect((_, msg) => collector.handle(msg));
  let died: string | undefined;
  connection.statusChanged.connect((_, status) => {
    if (status === "dead" || status === "autorestarting") died ??= `kernel ${status === "dead" ? "died" : "died and was restarted"}`;
  });

  // The websocket does not always see a kernel die (the server may just drop it), so ask the REST API too.
  const health = setInterval(() => {
    KernelAPI.getKernelModel(model.id, server.settings).then(
      (current) => {
        if (!current) died ??= "the kernel died and the server gave up restarting it";
        else if (current.execution_state === "dead") died ??= "kernel died";
      },
      () => undefined,
    );
  }, 1000);

  const started: StartedKernel = {
    id: model.id,
    name: kernelName,
    connection,
    collector,
    died: () => died,
    shutdown: async () => {
      clearInterval(health);
      if (activeKernels.delete(model.id)) await bounded("shutting a kernel down", KernelAPI.shutdownKernel(model.id, server.settings)).catch(() => undefined);
      connection.dispose();
    },
  };
  try {
    await waitForInfo(connection, kernelName, options.startTimeoutMs, () => died, server);
  } catch (error) {
    await started.shutdown();
    throw error;
  }
  return started;
}

/** Waits for kernel_info; a kernel that dies or stays silent becomes a RunnerError quoting the server log. */
async function waitForInfo(kernel: KernelConnection, name: string, timeoutMs: number, died: () => string | undefined, server: JupyterServer): Promise<void> {
  let watcher: NodeJS.Timeout | undefined;
  const death = new Promise<never>((_, reject) => {
    watcher = setInterval(() => {
      const why = died();
      if (why) reject(new RunnerError(`kernel "${name}" did not start: ${why}`));
    }, 200);
  });
  try {
    await withTimeout(Promise.race([kernel.info, death]), timeoutMs, `kernel "${name}" did not answer kernel_info within ${timeoutMs / 1000} s`);
  } catch (error) {
    // The kernel's own stderr (not the server's "[W 2026-…]" lines) says why; show the start of its last words.
    const own = (server.logTail?.(400) ?? "").split("\n").filter((line) => line.trim() && !/^\[[A-Z] \d{4}-/.test(line));
    let from = own.length - 1;
    while (from > 0 && !/^[A-Za-z]*Error\b/.test(own[from])) from--;
    const tail = (from > 0 ? own.slice(from) : own.slice(-10)).slice(0, 8).join("\n");
    throw new RunnerError(`${(error as Error).message}${tail ? `; the kernel printed:\n${tail}` : ""}`);
  } finally {
    clearInterval(watcher);
  }
}
