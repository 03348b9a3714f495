// Spare kernels: the kernelspec's launcher hands its connection to a warm spare, which runs in the launcher's folder
// and environment and ends with it; without a usable spare the launcher starts the kernel itself.

import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPARE_ANSWER, SPARE_WARM, spareSocketPath } from "../src/kernel/spare-socket";
import { KernelClient, PROJECT_ROOT, WARM_UP_MS } from "./helpers/kernel-client";
import { askSpare, dismissSpare, isRunning, startSpare, viaLauncher, waitFor } from "./helpers/spare";

/** Each test its own spare setting, so its socket is its own (the setting is part of the socket's name). */
const setting = (name: string) => `test-${name}-${process.pid}`;
const NOTEBOOKS = path.join(PROJECT_ROOT, "notebooks");

let scratch: string;
const envBefore = { ...process.env };

/**
 * Spares as a Jupyter started by hand gets them: no setting at all (the tests' own environment turns them off).
 * A cache folder of the test's own keeps its socket apart from those of a JupyterLab running on this machine.
 */
function defaultSpareEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...envBefore, BACKPROP_LAB_CACHE_DIR: path.join(scratch, "cache") };
  delete env.BACKPROP_LAB_SPARE_KERNEL;
  return env;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "bpl-spare-"));
});

afterAll(async () => {
  for (const name of ["adopt", "refuse"]) await dismissSpare({ ...process.env, BACKPROP_LAB_SPARE_KERNEL: setting(name) });
  await dismissSpare(defaultSpareEnv());
  process.env = envBefore;
  rmSync(scratch, { recursive: true, force: true });
});

async function valueOf(kernel: KernelClient, code: string): Promise<string> {
  const { reply, outputs } = await kernel.execute(code, {}, WARM_UP_MS);
  expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
  return (outputs.find((m) => m.header.msg_type === "execute_result")?.content.data as { "text/plain": string })["text/plain"];
}

describe("spare kernels", () => {
  it("the launcher hands its connection to the waiting spare, which runs in the launcher's folder and environment", async () => {
    process.env = { ...envBefore, BACKPROP_LAB_SPARE_KERNEL: setting("adopt") };
    // Warmed up: it has compiled its throwaway cells, and says so when asked (jit-warm-up.ts).
    const sparePid = await startSpare(NOTEBOOKS, process.env, { warm: true });
    expect(await askSpare(process.env)).toBe(`${SPARE_ANSWER} ${SPARE_WARM}`);
    process.env.SPARE_TEST_MARK = "from the launcher";
    const kernel = await KernelClient.start(scratch, viaLauncher);
    try {
      expect(await valueOf(kernel, "[process.pid, process.cwd(), process.env.SPARE_TEST_MARK]")).toBe(
        `[ ${sparePid}, '${scratch}', 'from the launcher' ]`,
      );
      // Still type-checked, against the module resolved from the new folder.
      expect(await valueOf(kernel, 'import { spirals } from "backprop-lab";\ntypeof spirals')).toBe("'function'");
      const { reply } = await kernel.execute('const n: number = "three";', {}, WARM_UP_MS);
      expect(reply.content).toMatchObject({ status: "error", ename: "CompileError" });
      // It made a spare for the next start.
      await waitFor("the next spare to listen", () => existsSync(spareSocketPath(process.env)));
      // The launcher stands in for the kernel: when the kernel manager kills it, the kernel ends too.
      kernel.process.kill("SIGKILL");
      await waitFor("the adopted kernel to exit", () => !isRunning(sparePid));
    } finally {
      await kernel.close();
    }
  });

  it("with no spare setting and none waiting (a stale socket file left), the launcher starts the kernel itself and leaves a spare for the next start", async () => {
    process.env = defaultSpareEnv();
    const socketPath = spareSocketPath(process.env);
    writeFileSync(socketPath, "left behind by a spare that was killed");
    const kernel = await KernelClient.start(scratch, viaLauncher);
    try {
      expect(await valueOf(kernel, "process.pid")).toBe(String(kernel.process.pid));
      await waitFor("a spare to listen in place of the stale file", () => existsSync(socketPath) && statSync(socketPath).isSocket());
    } finally {
      await kernel.close();
    }
  });

  it("a spare declines a launcher whose BACKPROP_LAB_ settings differ from its own; the launcher then starts the kernel itself", async () => {
    process.env = { ...envBefore, BACKPROP_LAB_SPARE_KERNEL: setting("refuse") };
    const sparePid = await startSpare(NOTEBOOKS, process.env);
    process.env.BACKPROP_LAB_KERNEL_TIMING = "1";
    const kernel = await KernelClient.start(scratch, viaLauncher);
    try {
      expect(await valueOf(kernel, "process.pid")).toBe(String(kernel.process.pid));
      expect(kernel.stderr.join("")).toContain("the spare kernel declined (its BACKPROP_LAB_* or NODE_OPTIONS settings differ)");
      await waitFor("the declining spare to exit", () => !isRunning(sparePid));
    } finally {
      await kernel.close();
    }
  });
});
