// The grading kernel: our kernel under a memory limit and Node's permission model, registered in a private JUPYTER_PATH.
//
// Node 20's --experimental-permission lets the kernel read only the project's code, its own connection
// file and its working directory (the student's scratch folder), write only there, and spawn nothing
// (no child processes; worker threads are allowed, the module uses them for large matrix products, and inherit the limits). The instructor's source notebooks, other students' work and
// the gradebook are outside those paths.

import * as fs from "node:fs";
import * as path from "node:path";
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

/** Folders the kernel must read besides its working folder: the project's code and its connection file. */
function readablePaths(runtimeDir: string): string[] {
  return [
    path.join(PROJECT_ROOT, "bin"),
    path.join(PROJECT_ROOT, "src"),
    path.join(PROJECT_ROOT, "node_modules"),
    path.join(PROJECT_ROOT, "package.json"),
    path.join(PROJECT_ROOT, "tsconfig.json"),
    runtimeDir,
    // zeromq's loader (cmake-ts) probes this file to tell musl from glibc.
    "/etc/alpine-release",
  ];
}

export function gradingKernelArgv(options: GradingKernelOptions): string[] {
  const flags = [`--max-old-space-size=${Math.max(64, Math.round(options.memoryMb))}`];
  if (options.sandbox !== false) {
    // ../node_modules holds the package link (see linkPackage); TypeScript also watches it, and a refused
    // watch leaves tslab's converter stuck ("Unexpected pending rebuildTimer").
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
    // tsx's compile cache goes to TMPDIR: a private copy inside the working folder (see seedCompileCache).
    env: { BACKPROP_LAB_GRADING: "1", NODE_NO_WARNINGS: "1", ...(options.sandbox !== false ? { TMPDIR: SCRATCH_TMP } : {}) },
    metadata: { backprop_lab: { root: PROJECT_ROOT, grading: true } },
  };
  fs.writeFileSync(path.join(specDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return GRADING_KERNEL;
}

/** The kernel's TMPDIR, relative to its working folder. */
export const SCRATCH_TMP = ".tmp";

const TSX_CACHE = `tsx-${typeof process.getuid === "function" ? process.getuid() : 0}`;

/**
 * Puts node_modules/backprop-lab in `dir`, the parent of the kernels' working folders: the project's
 * package.json and a link to src/ only. Under the permission model the kernel cannot look at the project
 * folder itself, and Node follows symbolic links past the allowed paths, so the link must neither point
 * at the project root (exposing the instructor's files) nor sit in a folder the kernel may write to
 * (writing through it would change the project's source).
 */
export function linkPackage(dir: string): void {
  const pkg = path.join(dir, "node_modules", "backprop-lab");
  if (fs.existsSync(pkg)) return;
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, "package.json"), path.join(pkg, "package.json"));
  fs.symlinkSync(path.join(PROJECT_ROOT, "src"), path.join(pkg, "src"), "dir");
}

/**
 * Compiles, outside the sandbox, every TypeScript file a grading kernel loads at start into a private
 * tsx cache under `cacheRoot`: inside the sandbox tsx can only use a cache it is allowed to write, and a
 * shared one could be poisoned by one student for the next.
 */
export function warmCompileCache(cacheRoot: string): void {
  const files = [path.join("src", "cli.ts"), path.join("src", "kernel", "main.ts"), path.join("src", "index.ts"), path.join("src", "grading", "lockdown.ts")];
  const script = `require("tsx/cjs/api").register();\nfor (const f of ${JSON.stringify(files)}) require(require("path").join(${JSON.stringify(PROJECT_ROOT)}, f));\nprocess.exit(0);`;
  fs.mkdirSync(cacheRoot, { recursive: true });
  execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_ROOT, env: { ...process.env, TMPDIR: cacheRoot }, stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
}

/** A fresh copy of the warmed cache into a kernel's working folder (before every kernel start). */
export function seedCompileCache(cacheRoot: string, workDir: string): void {
  const from = path.join(cacheRoot, TSX_CACHE);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(workDir, SCRATCH_TMP, TSX_CACHE), { recursive: true });
  else fs.mkdirSync(path.join(workDir, SCRATCH_TMP), { recursive: true });
}
