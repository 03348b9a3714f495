// The grading kernel: our kernel inside the OS sandbox (sandbox.ts) and Node's permission model, registered in a private JUPYTER_PATH.
//
// Mode "os" (the default): the kernel runs in its own namespaces as an unprivileged user and sees only the
// project's code, the packages it may import and its working folder (see sandbox.ts); inside, Node's
// permission model still refuses child processes and writes outside the working folder. Mode "node": the
// permission model alone (no network or signal boundary; a worker with its own execArgv leaves it), for
// machines without namespaces, chosen explicitly. Mode "off": no confinement at all.

import * as fs from "node:fs";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { PROJECT_ROOT } from "../project-root";
import { SANDBOX_UID, SandboxLayout, SandboxMode, sandboxArgv } from "./sandbox";

export const GRADING_KERNEL = "backprop-lab-grading";

export interface GradingKernelOptions {
  /** Folder that becomes a JUPYTER_PATH entry holding kernels/<name>/kernel.json. */
  dir: string;
  /** Jupyter runtime folder of the server that starts the kernel (its connection files live there). */
  runtimeDir: string;
  /** V8 heap limit for the kernel, in MB. */
  memoryMb: number;
  /** How the kernel is confined (default "os"; true means "os", false "off"). */
  sandbox?: boolean | SandboxMode;
  /** Where the OS sandbox's root and connection folder are (mode "os" only). */
  layout?: SandboxLayout;
}

export function sandboxModeOf(sandbox: boolean | SandboxMode | undefined): SandboxMode {
  return sandbox === undefined || sandbox === true ? "os" : sandbox === false ? "off" : sandbox;
}

/** The project's code the kernel runs (never notebooks/, the instructor's files or anything else in the project). */
function projectCode(): string[] {
  return ["bin", "src", "node_modules", "package.json", "tsconfig.json"].map((name) => path.join(PROJECT_ROOT, name));
}

/** Folders the permission-model kernel must read besides its working folder: the project's code and its connection file. */
function readablePaths(runtimeDir: string): string[] {
  return [
    ...projectCode(),
    runtimeDir,
    // zeromq's loader (cmake-ts) probes this file to tell musl from glibc.
    "/etc/alpine-release",
  ];
}

/** Paths the OS sandbox shows the kernel (read-only) besides its working folder: the project's code and `packages`. */
export function sandboxReadable(packages: string): string[] {
  const node = process.execPath.startsWith("/usr/") ? [] : [process.execPath];
  return [...projectCode(), packages, ...node];
}

export function gradingKernelArgv(options: GradingKernelOptions): string[] {
  const mode = sandboxModeOf(options.sandbox);
  const flags = [`--max-old-space-size=${Math.max(64, Math.round(options.memoryMb))}`];
  const kernel = path.join(PROJECT_ROOT, "bin", "backprop-lab.js");
  if (mode === "os") {
    if (!options.layout) throw new Error("gradingKernelArgv: sandbox \"os\" needs options.layout (the sandbox's root and connection folder)");
    // The sandbox already shows only what the kernel may read; the permission model adds "no child
    // processes" (so the memory limit, per process, counts everything) and "write only to the working folder".
    // WebAssembly keeps V8's trap handler (the fast path, as in a plain run): the memory limit is RLIMIT_DATA,
    // which does not count the address space the handler reserves per instance without using it.
    flags.push("--experimental-permission", "--allow-addons", "--allow-worker", "--allow-fs-read=*", "--allow-fs-write=.");
    return sandboxArgv(options.layout, [process.execPath, ...flags, kernel, "kernel", "{connection_file}"]);
  }
  if (mode === "node") {
    // ../node_modules holds the package links (see linkPackage); TypeScript also watches it, and a refused
    // watch leaves tslab's converter stuck ("Unexpected pending rebuildTimer").
    flags.push("--experimental-permission", "--allow-addons", "--allow-worker", "--allow-fs-read=.", "--allow-fs-write=.", "--allow-fs-read=../node_modules");
    for (const p of readablePaths(options.runtimeDir)) flags.push(`--allow-fs-read=${fs.existsSync(p) && fs.statSync(p).isDirectory() ? path.join(p, "*") : p}`);
  }
  return [process.execPath, ...flags, kernel, "kernel", "{connection_file}"];
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
    // By message, as the learner's kernelspec: a SIGINT at the edge of a cell's run could kill the kernel (see
    // src/kernel/interrupt-gate.ts), and in the OS sandbox the process Jupyter started is unshare, not the kernel.
    interrupt_mode: "message",
    // tsx's compile cache goes to TMPDIR: a private copy inside the working folder (see seedCompileCache).
    env: { BACKPROP_LAB_GRADING: "1", NODE_NO_WARNINGS: "1", ...(sandboxModeOf(options.sandbox) !== "off" ? { TMPDIR: SCRATCH_TMP } : {}) },
    metadata: { backprop_lab: { root: PROJECT_ROOT, grading: true } },
  };
  fs.writeFileSync(path.join(specDir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return GRADING_KERNEL;
}

/** The kernel's TMPDIR, relative to its working folder. */
export const SCRATCH_TMP = ".tmp";

/** tsx keeps its compile cache in TMPDIR/tsx-<effective uid>. */
const tsxCacheName = (uid: number): string => `tsx-${uid}`;

/**
 * Puts a node_modules folder in `dir`, the parent of the kernels' working folders, so notebooks resolve
 * every package the project installs (the curriculum imports mathjs besides "backprop-lab"): one link per
 * package in the project's node_modules, whatever they are, and backprop-lab itself as the project's
 * package.json and a link to src/ only. The kernel cannot look at the project folder itself, so that link
 * must neither point at the project root (exposing the instructor's files) nor sit in a folder the kernel
 * may write to (writing through it would change the project's source). Returns the folder.
 */
export function linkPackage(dir: string): string {
  const modules = path.join(dir, "node_modules");
  const pkg = path.join(modules, "backprop-lab");
  if (fs.existsSync(pkg)) return modules;
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(PROJECT_ROOT, "package.json"), path.join(pkg, "package.json"));
  fs.symlinkSync(path.join(PROJECT_ROOT, "src"), path.join(pkg, "src"), "dir");
  const installed = path.join(PROJECT_ROOT, "node_modules");
  for (const name of fs.existsSync(installed) ? fs.readdirSync(installed) : []) {
    if (name.startsWith(".") || name === "backprop-lab") continue;
    fs.symlinkSync(path.join(installed, name), path.join(modules, name));
  }
  return modules;
}

/**
 * Compiles, outside the sandbox, every TypeScript file a grading kernel loads at start into a private
 * tsx cache under `cacheRoot`: inside the sandbox tsx can only use a cache it is allowed to write, and a
 * shared one could be poisoned by one student for the next. The cache is named for the user the kernel
 * runs as (the sandbox's own user in mode "os"), or tsx would not find it and compile everything again.
 */
export function warmCompileCache(cacheRoot: string, sandbox: boolean | SandboxMode | undefined): void {
  const files = [path.join("src", "cli.ts"), path.join("src", "kernel", "main.ts"), path.join("src", "index.ts"), path.join("src", "grading", "lockdown.ts")];
  const script = `require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();\nfor (const f of ${JSON.stringify(files)}) require(require("path").join(${JSON.stringify(PROJECT_ROOT)}, f));\nprocess.exit(0);`;
  fs.mkdirSync(cacheRoot, { recursive: true });
  // From a folder with no tsconfig.json above it, as the kernels work: tsx keys its cache on the tsconfig it finds.
  execFileSync(process.execPath, ["-e", script], { cwd: cacheRoot, env: { ...process.env, TMPDIR: cacheRoot }, stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
  const graderUid = typeof process.geteuid === "function" ? process.geteuid() : 0;
  const kernelUid = sandboxModeOf(sandbox) === "os" ? SANDBOX_UID : graderUid;
  if (kernelUid !== graderUid) fs.renameSync(path.join(cacheRoot, tsxCacheName(graderUid)), path.join(cacheRoot, tsxCacheName(kernelUid)));
}

/** A fresh copy of the warmed cache into a kernel's working folder (before every kernel start). */
export function seedCompileCache(cacheRoot: string, workDir: string): void {
  const tmp = path.join(workDir, SCRATCH_TMP);
  fs.mkdirSync(tmp, { recursive: true });
  for (const name of fs.existsSync(cacheRoot) ? fs.readdirSync(cacheRoot) : []) fs.cpSync(path.join(cacheRoot, name), path.join(tmp, name), { recursive: true });
}
