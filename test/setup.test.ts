// kernel-setup/setup.js: the project kernelspec, the fast idempotent re-run, and registering into another Jupyter.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { describe, expect, it } from "vitest";
import { KERNEL_NODE_FLAGS } from "../src/kernel/node-flags";

const ROOT = path.resolve(__dirname, "..");
const SETUP = path.join(ROOT, "kernel-setup", "setup.js");
const JUPYTER = path.join(ROOT, ".venv", "bin", "jupyter");

function setup(...args: string[]) {
  return spawnSync(process.execPath, [SETUP, ...args], { encoding: "utf8", timeout: 120_000 });
}

describe("kernel-setup/setup.js", () => {
  it("has registered the backprop-lab kernel in .venv (global setup ran it) and a re-run changes nothing", () => {
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, ".venv", "share", "jupyter", "kernels", "backprop-lab", "kernel.json"), "utf8"));
    expect(spec).toMatchObject({
      argv: [process.execPath, ...KERNEL_NODE_FLAGS, path.join(ROOT, "bin", "backprop-lab-kernel.js"), "{connection_file}"],
      display_name: "TypeScript (Backprop Lab)",
      language: "typescript",
    });
    const again = setup();
    expect(again.stdout).toContain("already set up");
    expect(again.status).toBe(0);
    const list = spawnSync(JUPYTER, ["kernelspec", "list", "--json"], { encoding: "utf8" });
    expect(Object.keys(JSON.parse(list.stdout).kernelspecs)).toContain("backprop-lab");
  });

  it("registers into --prefix DIR where Jupyter finds it, and --uninstall removes it", () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "setup-prefix-"));
    try {
      const install = setup("--prefix", prefix);
      expect(install.status).toBe(0);
      const specFile = path.join(prefix, "share", "jupyter", "kernels", "backprop-lab", "kernel.json");
      expect(JSON.parse(fs.readFileSync(specFile, "utf8")).display_name).toBe("TypeScript (Backprop Lab)");
      const env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") };
      const list = spawnSync(JUPYTER, ["kernelspec", "list", "--json"], { encoding: "utf8", env });
      expect(JSON.parse(list.stdout).kernelspecs["backprop-lab"].resource_dir).toBe(path.dirname(specFile));
      expect(setup("--prefix", prefix).stdout).toContain("already registered");
      const remove = setup("--prefix", prefix, "--uninstall");
      expect(remove.status).toBe(0);
      expect(fs.existsSync(path.dirname(specFile))).toBe(false);
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("answers an unknown flag with usage and a non-zero exit", () => {
    const bad = setup("--bogus");
    expect(bad.stderr).toContain('unknown option "--bogus"');
    expect(bad.stderr).toContain("--sys-prefix");
    expect(bad.status).toBe(1);
  });
});
