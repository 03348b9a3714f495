// Starting and dismissing spare kernels (src/kernel/spare.ts) for tests and the kernel benchmark.

import { spawn } from "child_process";
import { existsSync } from "fs";
import net from "net";
import path from "path";
import { spareSocketPath } from "../../src/kernel/spare-socket";
import { PROJECT_ROOT, WARM_UP_MS } from "./kernel-client";

/** The kernelspec's argv: the launcher that hands the connection to a spare. */
export const viaLauncher = (file: string) => [process.execPath, path.join(PROJECT_ROOT, "bin", "backprop-lab-kernel.js"), file];

/** Polls until `ready`; the deadline only ends a hung wait, it measures nothing. */
export async function waitFor(what: string, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WARM_UP_MS;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a spare warming up in `cwd` and resolves with its pid once it listens. */
export async function startSpare(cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "backprop-lab.js"), "kernel", "--spare"], {
    cwd,
    env,
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  await waitFor("the spare to listen", () => existsSync(spareSocketPath(env)));
  return child.pid as number;
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
