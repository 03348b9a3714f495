// Starting and dismissing spare kernels (src/kernel/spare.ts) for tests and the kernel benchmark.

import { spawn } from "child_process";
import { existsSync } from "fs";
import net from "net";
import path from "path";
import { KERNEL_NODE_FLAGS } from "../../src/kernel/node-flags";
import { SPARE_QUESTION, SPARE_WARM, spareSocketPath } from "../../src/kernel/spare-socket";
import { PROJECT_ROOT, WARM_UP_MS } from "./kernel-client";

/** The kernelspec's argv: the launcher that hands the connection to a spare. */
export const viaLauncher = (file: string) => [process.execPath, ...KERNEL_NODE_FLAGS, path.join(PROJECT_ROOT, "bin", "backprop-lab-kernel.js"), file];

/** Polls until `ready`; the deadline only ends a hung wait, it measures nothing. */
export async function waitFor(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WARM_UP_MS;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a spare warming up in `cwd` and resolves with its pid once it listens, or with `warm`, once it has also
 * compiled its throwaway cells (as a spare started with JupyterLab has, by the time a notebook is opened).
 */
export async function startSpare(cwd: string, env: NodeJS.ProcessEnv, { warm = false } = {}): Promise<number> {
  const child = spawn(process.execPath, [...KERNEL_NODE_FLAGS, path.join(PROJECT_ROOT, "bin", "backprop-lab.js"), "kernel", "--spare"], {
    cwd,
    env,
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  await waitFor("the spare to listen", () => existsSync(spareSocketPath(env)));
  if (warm) await waitFor("the spare to warm up its compiler", async () => (await askSpare(env))?.endsWith(SPARE_WARM) === true);
  return child.pid as number;
}

/** The spare's answer to the question launchers ask, or undefined when nobody answers. */
export function askSpare(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    let answer = "";
    const socket: net.Socket = net.connect(spareSocketPath(env), () => socket.write(`${SPARE_QUESTION}\n`));
    socket.on("data", (data) => (answer += data.toString()));
    socket.on("close", () => resolve(answer.trim() || undefined));
    socket.on("error", () => resolve(undefined));
  });
}

/** A waiting spare declines a request that is not JSON, and exits. */
export function dismissSpare(env: NodeJS.ProcessEnv): Promise<void> {
  const socketPath = spareSocketPath(env);
  if (!existsSync(socketPath)) return Promise.resolve();
  return new Promise((resolve) => {
    const socket: net.Socket = net.connect(socketPath, () => socket.write("dismissed\n"));
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
  });
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
