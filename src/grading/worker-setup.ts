// One autograde worker's private folders: scratch, kernelspec, runtime, and the Jupyter server settings its sandbox needs.
//
// In the OS sandbox the kernel has no network, so its server must use ZeroMQ's ipc transport (a private
// config folder on JUPYTER_CONFIG_PATH says so): the sockets go beside the connection files, in the server's
// runtime folder, which the sandbox shows the kernel with every file but its own connection file hidden.

import * as fs from "node:fs";
import * as path from "node:path";
import { linkPackage, sandboxModeOf, sandboxReadable, writeGradingKernelspec } from "./kernelspec";
import { SandboxLayout, SandboxMode, prepareSandboxLayout } from "./sandbox";

export interface GradingWorkerSetup {
  kernelName: string;
  /** Removes what the setup made outside `root` (the short runtime folder); call when the worker is done. */
  cleanup(): void;
  /** The server's root: kernels work in folders under it. */
  scratchRoot: string;
  /** Environment for the worker's Jupyter server. */
  serverEnv: NodeJS.ProcessEnv;
}

function joinPath(first: string, rest: string | undefined): string {
  return [first, rest].filter(Boolean).join(path.delimiter);
}

export function setUpGradingWorker(root: string, memoryMb: number, sandbox: boolean | SandboxMode | undefined): GradingWorkerSetup {
  const scratchRoot = path.join(root, "scratch");
  const specDir = path.join(root, "jupyter");
  // ipc socket paths (<runtime>/kernel-<uuid>-ipc-<port>) must fit a Unix socket's 107 bytes, whatever
  // TMPDIR is: the runtime folder is a short one of its own in /tmp.
  const runtimeDir = sandboxModeOf(sandbox) === "os" ? fs.mkdtempSync(path.join("/tmp", "bpl-grade-")) : path.join(root, "runtime");
  const cleanup = (): void => {
    if (!runtimeDir.startsWith(root)) fs.rmSync(runtimeDir, { recursive: true, force: true });
  };
  fs.mkdirSync(scratchRoot, { recursive: true });
  const packages = linkPackage(scratchRoot);
  const serverEnv: NodeJS.ProcessEnv = { JUPYTER_PATH: joinPath(specDir, process.env.JUPYTER_PATH), JUPYTER_RUNTIME_DIR: runtimeDir };
  let layout: SandboxLayout | undefined;
  if (sandboxModeOf(sandbox) === "os") {
    layout = { rootMount: path.join(root, "sandbox-root"), connectionDir: runtimeDir, readable: sandboxReadable(packages), memoryMb };
    prepareSandboxLayout(layout);
    const configDir = path.join(root, "config");
    fs.mkdirSync(configDir, { recursive: true });
    const config = { KernelManager: { transport: "ipc" } };
    fs.writeFileSync(path.join(configDir, "jupyter_server_config.json"), JSON.stringify(config, null, 2) + "\n");
    serverEnv.JUPYTER_CONFIG_PATH = joinPath(configDir, process.env.JUPYTER_CONFIG_PATH);
  }
  const kernelName = writeGradingKernelspec({ dir: specDir, runtimeDir, memoryMb, sandbox, layout });
  return { kernelName, scratchRoot, serverEnv, cleanup };
}
