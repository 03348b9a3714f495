#!/usr/bin/env node
// Installs Backprop Lab's Python side (.venv/ with JupyterLab) and registers the TypeScript kernel; idempotent.
//
//   node kernel-setup/setup.js                 project venv .venv/ + kernelspec inside it (what `npm start` uses)
//   node kernel-setup/setup.js --user          register the kernel with your own Jupyter (per user)
//   node kernel-setup/setup.js --sys-prefix    … into the environment of the `jupyter` on PATH
//   node kernel-setup/setup.js --prefix DIR    … into DIR/share/jupyter/kernels
//   add --uninstall to any of these to remove the kernelspec again.
//
// Plain JavaScript on purpose: it must run on a fresh clone before anything is built or installed.
// A stamp file written last marks a finished install, so an interrupted or failed run is redone (repaired)
// the next time, and a finished one costs only a few file reads.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const crypto = require("crypto");
const { spawnSync } = require("child_process");
const { KERNEL_NODE_FLAGS } = require("../src/kernel/node-flags.js");

const ROOT = path.resolve(__dirname, "..");
const VENV = path.join(ROOT, ".venv");
const REQUIREMENTS = path.join(__dirname, "requirements.txt");
const LOGO = path.join(__dirname, "logo-svg.svg");
const STAMP = path.join(VENV, ".backprop-lab-setup.json");
const KERNEL_NAME = "backprop-lab";
const DISPLAY_NAME = "TypeScript (Backprop Lab)";
const MIN_NODE = 20;
const MIN_PYTHON = [3, 9];
const IS_WINDOWS = process.platform === "win32";

class SetupError extends Error {}

function log(message) {
  console.log(`setup: ${message}`);
}

function usage() {
  return [
    "usage: node kernel-setup/setup.js [--user | --sys-prefix | --prefix DIR] [--uninstall] [--force]",
    "",
    "  (no flag)      create .venv/ with JupyterLab and register the kernel there (used by npm start)",
    "  --user         register the kernel for your user with the Jupyter you already run",
    "  --sys-prefix   register it in the Python environment of the `jupyter` on PATH",
    "  --prefix DIR   register it under DIR/share/jupyter/kernels (e.g. a JupyterHub environment)",
    "  --uninstall    remove the kernelspec from that place again",
    "  --force        redo the venv install even if it looks complete",
  ].join("\n");
}

function parseArgs(argv) {
  const opts = { mode: "venv", prefix: undefined, uninstall: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--user") opts.mode = "user";
    else if (a === "--sys-prefix") opts.mode = "sys-prefix";
    else if (a === "--prefix" || a.startsWith("--prefix=")) {
      opts.mode = "prefix";
      opts.prefix = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!opts.prefix) throw new SetupError("--prefix needs a directory, e.g. --prefix /opt/conda");
    } else if (a === "--uninstall") opts.uninstall = true;
    else if (a === "--force") opts.force = true;
    else if (a === "--help" || a === "-h") opts.help = true;
    else throw new SetupError(`unknown option "${a}"\n\n${usage()}`);
  }
  return opts;
}

// ---------- prerequisites ----------

function checkNode() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE) {
    throw new SetupError(
      `Backprop Lab needs Node.js ${MIN_NODE} or newer; this is Node ${process.versions.node} (${process.execPath}). ` +
        `Install Node ${MIN_NODE} LTS or newer (https://nodejs.org, or your package manager / nvm), then re-run \`npm start\`.`,
    );
  }
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: "utf8", ...options });
}

/** The first python3 >= 3.9 we can find: $BACKPROP_LAB_PYTHON, python3, python. */
function findPython() {
  const candidates = [process.env.BACKPROP_LAB_PYTHON, "python3", "python", IS_WINDOWS ? "py" : undefined].filter(Boolean);
  const tooOld = [];
  for (const candidate of candidates) {
    const args = candidate === "py" ? ["-3"] : [];
    const probe = run(candidate, [...args, "-c", "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])"]);
    if (probe.status !== 0 || !probe.stdout) continue;
    const [executable, version] = probe.stdout.trim().split(/\r?\n/);
    const [major, minor] = version.split(".").map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return { executable, version };
    tooOld.push(`${candidate} is Python ${version}`);
  }
  const found = tooOld.length ? ` (found: ${tooOld.join(", ")})` : " (no python3 on PATH)";
  throw new SetupError(
    `Backprop Lab needs Python ${MIN_PYTHON.join(".")} or newer with the venv module${found}. ` +
      "Install it (Debian/Ubuntu: `apt-get install python3 python3-venv`; macOS: `brew install python`; " +
      "Windows: python.org), or point BACKPROP_LAB_PYTHON at one, then re-run `npm start`.",
  );
}

function checkVenvModule(python) {
  const probe = run(python.executable, ["-c", "import venv, ensurepip"]);
  if (probe.status !== 0) {
    throw new SetupError(
      `Python ${python.version} at ${python.executable} lacks the venv/ensurepip modules. ` +
        "Install them (Debian/Ubuntu: `apt-get install python3-venv`), then re-run `npm start`.",
    );
  }
}

function findOnPath(name) {
  const exts = IS_WINDOWS ? (process.env.PATHEXT || ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

// ---------- node_modules ----------

function nodeModulesReady() {
  return fs.existsSync(path.join(ROOT, "node_modules", ".package-lock.json")) && fs.existsSync(path.join(ROOT, "node_modules", "tsx"));
}

function ensureNodeModules() {
  if (nodeModulesReady()) return false;
  log("installing Node packages (npm ci) …");
  const npmCli = process.env.npm_execpath;
  const result = npmCli && npmCli.endsWith(".js")
    ? run(process.execPath, [npmCli, "ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" })
    : run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit", shell: IS_WINDOWS });
  if (result.status !== 0 || !nodeModulesReady()) {
    throw new SetupError("`npm ci` failed (see above); fix the problem and re-run `npm start`.");
  }
  return true;
}

// ---------- the project venv ----------

function venvPython() {
  return IS_WINDOWS ? path.join(VENV, "Scripts", "python.exe") : path.join(VENV, "bin", "python");
}

function venvBin(name) {
  return IS_WINDOWS ? path.join(VENV, "Scripts", `${name}.exe`) : path.join(VENV, "bin", name);
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function venvStampOk() {
  const stamp = readJson(STAMP);
  return Boolean(stamp && stamp.requirements === sha256(REQUIREMENTS) && stamp.root === ROOT && fs.existsSync(venvPython()));
}

/** Serialises concurrent setups (several test runs may start at once); stale locks of dead processes are taken over. */
function withLock(fn) {
  const lock = path.join(os.tmpdir(), `backprop-lab-setup-${crypto.createHash("sha1").update(ROOT).digest("hex").slice(0, 12)}.lock`);
  const deadline = Date.now() + 30 * 60 * 1000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, "pid"), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = Number(fs.existsSync(path.join(lock, "pid")) ? fs.readFileSync(path.join(lock, "pid"), "utf8") : NaN);
      let alive = true;
      if (Number.isInteger(owner) && owner > 0) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      } else if (Date.now() - fs.statSync(lock).mtimeMs > 10_000) alive = false;
      if (!alive) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SetupError(`another setup (pid ${owner}) has held ${lock} for 30 minutes; remove it if that process is gone`);
      if (!announced) log(`waiting for another setup to finish (pid ${owner}) …`);
      announced = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function ensureVenv(force) {
  if (!force && venvStampOk()) return false;
  return withLock(() => {
    if (!force && venvStampOk()) return false; // another process finished it while we waited
    const python = findPython();
    checkVenvModule(python);
    let created = false;
    const stamp = readJson(STAMP);
    if (stamp && stamp.root !== ROOT) {
      // A venv's scripts hard-code its path: after the checkout moved, only a fresh one works.
      log(`the project moved from ${stamp.root}; recreating ${VENV}`);
      fs.rmSync(VENV, { recursive: true, force: true });
    }
    const existing = fs.existsSync(venvPython()) && run(venvPython(), ["-c", "import sys, pip"]).status === 0;
    if (existing) {
      log(`repairing/updating the Python environment in ${VENV} …`);
    } else {
      fs.rmSync(VENV, { recursive: true, force: true });
      log(`creating the Python environment ${VENV} (Python ${python.version}) …`);
      const made = run(python.executable, ["-m", "venv", VENV], { stdio: "inherit" });
      if (made.status !== 0) {
        fs.rmSync(VENV, { recursive: true, force: true });
        throw new SetupError(`\`${python.executable} -m venv ${VENV}\` failed (see above). On Debian/Ubuntu install python3-venv.`);
      }
      created = true;
    }
    try {
      fs.rmSync(STAMP, { force: true });
      log("installing JupyterLab, Notebook 7, plotly, nbclient, nbconvert, numpy, ipykernel (pip) …");
      const env = { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES || "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };
      const pip = run(venvPython(), ["-m", "pip", "install", "--quiet", "--no-input", "-r", REQUIREMENTS], { stdio: "inherit", env });
      if (pip.signal) throw new SetupError(`pip was stopped by ${pip.signal}; re-run setup to finish the install`);
      if (pip.status !== 0) throw new SetupError("pip could not install the Python packages (see above); check your network/package index and re-run setup.");
      const check = run(venvPython(), ["-c", "import jupyterlab, notebook, jupyter_server, plotly, nbclient, nbconvert, numpy, ipykernel"], { env });
      if (check.status !== 0) throw new SetupError(`the Python packages did not import after install:\n${check.stderr}`);
      fs.writeFileSync(STAMP, JSON.stringify({ requirements: sha256(REQUIREMENTS), root: ROOT, python: python.executable, at: new Date().toISOString() }, null, 2) + "\n");
    } catch (error) {
      // A venv we made in this run is removed whole; an older one keeps no stamp, so the next run repairs it.
      if (created) fs.rmSync(VENV, { recursive: true, force: true });
      throw error;
    }
    return true;
  });
}

// ---------- the kernelspec ----------

function kernelSpec() {
  return {
    // The launcher hands the connection to a warm spare kernel when spares are on (src/kernel/spare.ts).
    argv: [process.execPath, ...KERNEL_NODE_FLAGS, path.join(ROOT, "bin", "backprop-lab-kernel.js"), "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    // Interrupts arrive as interrupt_request on the control channel (src/kernel/interrupt-gate.ts says why not SIGINT).
    interrupt_mode: "message",
    env: {},
    metadata: { debugger: false, backprop_lab: { root: ROOT } },
  };
}

function kernelSpecFiles() {
  const files = { "kernel.json": JSON.stringify(kernelSpec(), null, 2) + "\n" };
  if (fs.existsSync(LOGO)) files["logo-svg.svg"] = fs.readFileSync(LOGO, "utf8");
  return files;
}

function kernelSpecCurrent(kernelsDir) {
  const target = path.join(kernelsDir, KERNEL_NAME);
  return Object.entries(kernelSpecFiles()).every(([name, text]) => {
    try {
      return fs.readFileSync(path.join(target, name), "utf8") === text;
    } catch {
      return false;
    }
  });
}

/** Writes the kernelspec into a temp dir beside the target and renames it into place, so it is never half-written. */
function installKernelSpec(kernelsDir) {
  if (kernelSpecCurrent(kernelsDir)) return false;
  const target = path.join(kernelsDir, KERNEL_NAME);
  const temp = `${target}.tmp-${process.pid}`;
  fs.mkdirSync(kernelsDir, { recursive: true });
  fs.rmSync(temp, { recursive: true, force: true });
  fs.mkdirSync(temp);
  try {
    for (const [name, text] of Object.entries(kernelSpecFiles())) fs.writeFileSync(path.join(temp, name), text);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return true;
}

function uninstallKernelSpec(kernelsDir) {
  const target = path.join(kernelsDir, KERNEL_NAME);
  if (!fs.existsSync(target)) {
    log(`no kernelspec "${KERNEL_NAME}" in ${kernelsDir}; nothing to remove`);
    return;
  }
  fs.rmSync(target, { recursive: true, force: true });
  log(`removed the kernelspec ${target}`);
}

function defaultUserDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (IS_WINDOWS) return path.join(process.env.APPDATA || os.homedir(), "jupyter");
  return path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), ".local", "share"), "jupyter");
}

/** Where kernelspecs live for --user / --sys-prefix / --prefix, asking the `jupyter` on PATH when there is one. */
function kernelsDirFor(opts) {
  if (opts.mode === "venv") return path.join(VENV, "share", "jupyter", "kernels");
  if (opts.mode === "prefix") return path.join(path.resolve(opts.prefix), "share", "jupyter", "kernels");
  const jupyter = findOnPath("jupyter");
  if (opts.mode === "user") {
    if (jupyter) {
      const asked = run(jupyter, ["--data-dir"]);
      if (asked.status === 0 && asked.stdout.trim()) return path.join(asked.stdout.trim(), "kernels");
    }
    return path.join(defaultUserDataDir(), "kernels");
  }
  // --sys-prefix: the environment that owns the jupyter on PATH
  if (!jupyter) {
    throw new SetupError("--sys-prefix: no `jupyter` on PATH. Activate the environment that runs your JupyterLab, or use --prefix DIR / --user.");
  }
  const binDir = path.dirname(jupyter);
  const python = ["python3", "python", "python.exe"].map((n) => path.join(binDir, n)).find((p) => fs.existsSync(p)) || "python3";
  const asked = run(python, ["-c", "import sys; print(sys.prefix)"]);
  if (asked.status !== 0 || !asked.stdout.trim()) throw new SetupError(`--sys-prefix: could not ask ${python} for sys.prefix`);
  return path.join(asked.stdout.trim(), "share", "jupyter", "kernels");
}

// ---------- entry points ----------

/** True when `npm start` can go straight to JupyterLab: no subprocess, a few file reads. */
function isSetUp() {
  return nodeModulesReady() && venvStampOk() && kernelSpecCurrent(kernelsDirFor({ mode: "venv" }));
}

// ---------- the kernel's cached declarations of backprop-lab ----------

/**
 * Builds the declarations kernels type-check cells against (src/kernel/module-types.ts) unless they are current, so
 * the first kernel starts fast. Not fatal: without them a kernel checks against src/ and builds them itself.
 */
function ensureModuleTypes() {
  const tsx = require.resolve("tsx/cjs", { paths: [ROOT] });
  const builder = path.join(ROOT, "src", "kernel", "build-module-types.ts");
  // The builder writes into the kernel's own cache folder (src/kernel/cache-dir.ts), wherever that is.
  const result = run(process.execPath, ["--require", tsx, builder, ROOT], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) {
    log(`could not build backprop-lab's declarations for the kernel (kernels will check cells against src/, a slower start): ${(result.stderr || "").trim().split("\n").pop()}`);
    return false;
  }
  const built = (result.stdout || "").trim();
  if (built) log(built);
  return built !== "";
}

/** Makes the project ready (node_modules, .venv, kernelspec); returns true if anything had to be done. */
function ensureSetup(opts = { mode: "venv", force: false }) {
  checkNode();
  let changed = ensureNodeModules();
  changed = ensureModuleTypes() || changed;
  if (opts.mode === "venv") changed = ensureVenv(opts.force) || changed;
  const kernelsDir = kernelsDirFor(opts);
  if (installKernelSpec(kernelsDir)) {
    log(`registered kernel "${KERNEL_NAME}" (${DISPLAY_NAME}) in ${kernelsDir}`);
    changed = true;
  }
  return changed;
}

function main(argv) {
  try {
    const opts = parseArgs(argv);
    if (opts.help) {
      console.log(usage());
      return 0;
    }
    if (opts.uninstall) {
      uninstallKernelSpec(kernelsDirFor(opts));
      if (opts.mode === "venv") log(`the Python environment stays in ${VENV}; delete that folder to remove it too`);
      return 0;
    }
    const changed = ensureSetup(opts);
    if (opts.mode === "venv") {
      log(changed ? "done. Run `npm start` to open JupyterLab." : `already set up (${VENV}); nothing to do.`);
    } else {
      log(`${changed ? "done" : "already registered"}: pick "${DISPLAY_NAME}" as the kernel in your JupyterLab (restart it if the kernel does not show).`);
    }
    return 0;
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(`setup: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

module.exports = { ROOT, VENV, KERNEL_NAME, DISPLAY_NAME, ensureSetup, isSetUp, venvBin, venvPython, kernelSpec, kernelsDirFor, main };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
