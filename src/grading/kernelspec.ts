// The grading kernel: our kernel under a memory limit and Node's permission model, registered in a private JUPYTER_PATH.
//
// Node 20's --experimental-permission lets the kernel read only the project's code, its own connection
// file and its working directory (the student's scratch folder), write only there, and spawn nothing
// (no child processes; worker threads are allowed, the module uses them for large matrix products, and inherit the limits). The instructor's source notebooks, other students' work and
// the gradebook are outside those paths.

import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";

export const GRADING_KERNEL = "backprop-lab-grading";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export interface GradingKernelOptions {
  /** Folder that becomes a JUPYTER_PATH entry holding kernels/<name>/kernel.json. */
  dir: string;
  /** Jupyter runtime folder of the server that starts the kernel (its connection files live there). */
  runtimeDir: string;
  /** V8 heap limit for the kernel, in MB. */
  memoryMb: number;
  /** Use Node's permission model (default true). */
  sandbox?: boolean;
}

/** Folders the kernel must read: the project's code and tsx's compile cache. */
function readablePaths(runtimeDir: string): string[] {
  const tsxCache = path.join(os.tmpdir(), `tsx-${typeof process.getuid === "function" ? process.getuid() : 0}`);
  return [
    path.join(PROJECT_ROOT, "bin"),
    path.join(PROJECT_ROOT, "src"),
    path.join(PROJECT_ROOT, "node_modules"),
    path.join(PROJECT_ROOT, "package.json"),
    path.join(PROJECT_ROOT, "tsconfig.json"),
    tsxCache,
    runtimeDir,
  ];
}

export function gradingKernelArgv(options: GradingKernelOptions): string[] {
  const flags = [`--max-old-space-size=${Math.max(64, Math.round(options.memoryMb))}`];
  if (options.sandbox !== false) {
    flags.push("--experimental-permission", "--allow-addons", "--allow-worker", "--allow-fs-read=.", "--allow-fs-write=.");
    for (const p of readablePaths(options.runtimeDir)) flags.push(`--allow-fs-read=${fs.existsSync(p) && fs.statSync(p).isDirectory() ? path.join(p, "*") : p}`);
  }
  return [process.execPath, ...flags, path.join(PROJECT_ROOT, "bin", "backprop-lab.js"), "kernel", "{connection_file}"];
}

/** Writes the kernelspec; returns its name. */
export function writeGradingKernelspec(options: GradingKernelOptions): string {
  const specDir = path.join(options.dir, "kernels", GRADING_KERNEL);
  fs.mkdirSync(specDir, { recursive: true });
  fs.mkdirSync(options.runtimeDir, { recursive: true });
  const spec = {
    argv: gradingKernelArgv(options),
    display_name: "TypeScript (Backprop Lab, grading)",
    language: "typescript",
    interrupt_mode: "signal",
    env: { BACKPROP_LAB_GRADING: "1", NODE_NO_WARNINGS: "1" },
    metadata: { backprop_lab: { root: PROJECT_ROOT, grading: true } },
  };
  fs.writeFileSync(path.join(specDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return GRADING_KERNEL;
}
