// The grading kernel: our kernel under a memory limit and Node's permission model, registered in a private JUPYTER_PATH.
//
// Node 20's --experimental-permission lets the kernel read only the project's code, its own connection
// file and its working directory (the student's scratch folder), write only there, and spawn nothing
// (no child processes; worker threads are allowed, the module uses them for large matrix products, and inherit the limits). The instructor's source notebooks, other students' work and
// the gradebook are outside those paths.

import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { execFileSync } from "node:child_process";

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
    // zeromq's loader (cmake-ts) probes this file to tell musl from glibc.
    "/etc/alpine-release",
  ];
}

export function gradingKernelArgv(options: GradingKernelOptions): string[] {
  const flags = [`--max-old-space-size=${Math.max(64, Math.round(options.memoryMb))}`];
  if (options.sandbox !== false) {
    // ../node_modules: TypeScript watches the nearest node_modules above the working folder; a watch
    // that is refused leaves tslab's converter stuck ("Unexpected pending rebuildTimer").
    flags.push("--experimental-permission", "--allow-addons", "--allow-worker", "--allow-fs-read=.", "--allow-fs-write=.", "--allow-fs-read=../node_modules");
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

/**
 * Gives a scratch folder its own node_modules/backprop-lab: the project's package.json and a link to
 * src/ only. Under the permission model the kernel cannot look at the project folder itself, and Node
 * follows symbolic links past the allowed paths, so the link must not point at the project root
 * (that would expose everything in it, instructor notebooks included).
 */
export function linkPackage(scratchDir: string): void {
  const dir = path.join(scratchDir, "node_modules", "backprop-lab");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, "package.json"), path.join(dir, "package.json"));
  fs.symlinkSync(path.join(PROJECT_ROOT, "src"), path.join(dir, "src"), "dir");
}

/**
 * Compiles, outside the sandbox, every TypeScript file a grading kernel loads at start, so tsx's cache
 * holds them: inside the sandbox tsx cannot start esbuild (no child processes), only read its cache.
 */
export function warmCompileCache(): void {
  const files = [path.join("src", "cli.ts"), path.join("src", "kernel", "main.ts"), path.join("src", "index.ts"), path.join("src", "grading", "lockdown.ts")];
  const script = `require("tsx/cjs/api").register();\nfor (const f of ${JSON.stringify(files)}) require(require("path").join(${JSON.stringify(PROJECT_ROOT)}, f));\nprocess.exit(0);`;
  execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
}
