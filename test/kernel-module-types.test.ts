// A kernel checks cells against backprop-lab's cached declarations when they are current; otherwise against src/,
// saying why once on stderr and building them for its next start.

import { mkdirSync, mkdtempSync, rmSync, watch } from "fs";
import os from "os";
import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildModuleTypes } from "../src/kernel/build-module-types";
import { findModuleTypes, moduleTypesKey } from "../src/kernel/module-types";
import { PROJECT_ROOT } from "../src/project-root";
import { KernelClient } from "./helpers/kernel-client";

const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/dist/converter.js"))] }));
const NOTICE = "backprop-lab kernel: cells are type-checked against src/";
const IMPORT_AND_MISUSE = 'import { Matrix } from "backprop-lab";\nconst m = Matrix.zeros(2, 2);\nconst s: string = m;';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-kernel-module-types-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts a kernel in notebooks/ with its caches in cacheDir and start phases on stderr; runs `fn`; closes it. */
async function withKernel(cacheDir: string, fn: (kernel: KernelClient) => Promise<void>): Promise<string> {
  process.env.BACKPROP_LAB_CACHE_DIR = cacheDir;
  process.env.BACKPROP_LAB_KERNEL_TIMING = "1";
  const kernel = await KernelClient.start(path.join(PROJECT_ROOT, "notebooks"));
  try {
    await fn(kernel);
    return kernel.stderr.join("");
  } finally {
    delete process.env.BACKPROP_LAB_CACHE_DIR;
    delete process.env.BACKPROP_LAB_KERNEL_TIMING;
    await kernel.close();
  }
}

/** Resolves true once declarations for `key` appear in cacheDir (watched), false after a generous safety net. */
function builtInto(cacheDir: string, key: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (found: boolean) => {
      watcher.close();
      clearTimeout(safetyNet);
      resolve(found);
    };
    const watcher = watch(cacheDir, () => findModuleTypes(cacheDir, key).found && done(true));
    const safetyNet = setTimeout(() => done(false), 180_000);
    if (findModuleTypes(cacheDir, key).found) done(true);
  });
}

/** The cell misusing a Matrix stops with the CompileError at its line and column, whichever types the kernel read. */
async function expectTypeError(kernel: KernelClient): Promise<void> {
  const { reply } = await kernel.execute(IMPORT_AND_MISUSE, {}, 120_000);
  expect(reply.content.status).toBe("error");
  expect(reply.content.ename).toBe("CompileError");
  expect(reply.content.evalue).toBe("cell:3:7 - Type 'Matrix' is not assignable to type 'string'.");
}

describe("backprop-lab's declarations at kernel start", () => {
  it("are read when current: no notice, and a type error is still a CompileError", async () => {
    const cacheDir = path.join(scratch, "current");
    buildModuleTypes(PROJECT_ROOT, cacheDir);
    const stderr = await withKernel(cacheDir, expectTypeError);
    expect(stderr).toContain("backprop-lab types preloaded (from cached declarations)");
    expect(stderr).not.toContain(NOTICE);
  }, 240_000);

  it("when stale, src/ is read, the notice says why once, and current ones are built for the next start", async () => {
    const cacheDir = path.join(scratch, "stale");
    mkdirSync(path.join(cacheDir, "module-types-0000000000000000", "src"), { recursive: true });
    const stderr = await withKernel(cacheDir, async (kernel) => {
      await expectTypeError(kernel);
      await expectTypeError(kernel);
    });
    expect(stderr).toContain("backprop-lab types preloaded (from src/)");
    expect(stderr.split(NOTICE).length - 1).toBe(1);
    expect(stderr).toContain(`${NOTICE} (a slower start) because src/ changed since backprop-lab's declarations were built`);
    // The detached builder renames its result into the cache folder: the next start finds it current.
    expect(await builtInto(cacheDir, moduleTypesKey(PROJECT_ROOT, ts.version))).toBe(true);
  }, 480_000);
});
