// process-clock: finds the innermost process naming a kernel's connection file, and reads the CPU time it used.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { cpuSeconds, findKernelPid } from "./process-clock";

describe("process clock", () => {
  it("finds the kernel inside a wrapper and counts the CPU it burns", async () => {
    const id = `test-${process.pid}-${Date.now()}`;
    // Burns 0.5 s of CPU, says so, then waits to be killed; the shell around it names the same file, as a sandbox wrapper would.
    const burn = "const s = process.cpuUsage(); while (process.cpuUsage(s).user < 5e5) {} console.log('burnt'); setInterval(() => {}, 1000);";
    const wrapper = spawn("sh", ["-c", `"${process.execPath}" -e "${burn}" kernel-${id}.json; true`], { stdio: ["ignore", "pipe", "inherit"] });
    let pid: number | undefined;
    try {
      await once(wrapper.stdout!, "data");
      pid = findKernelPid(id);
      expect(pid).toBeDefined();
      expect(pid).not.toBe(wrapper.pid);
      expect(cpuSeconds(pid!)).toBeGreaterThanOrEqual(0.4);
      expect(findKernelPid(`${id}-none`)).toBeUndefined();
    } finally {
      if (pid !== undefined) process.kill(pid, "SIGKILL");
      wrapper.kill("SIGKILL");
    }
  });
});
