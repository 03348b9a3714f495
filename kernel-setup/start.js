#!/usr/bin/env node
// `npm start`: sets the project up when needed, makes or updates the learner workspace, then runs JupyterLab
// from .venv/ on workspace/ and prints its URL.
//
//   npm start                              JupyterLab on workspace/ (the learner copy): http://127.0.0.1:8888/lab?token=…
//   npm start -- --notebook                the same in Notebook 7
//   npm start -- --instructor              JupyterLab on notebooks/ (the instructor sources, with solutions)
//   npm start -- --port 9000 --ip 0.0.0.0  any further flags go to `jupyter lab`/`jupyter notebook` and override ours
//   BACKPROP_LAB_IP, BACKPROP_LAB_PORT, BACKPROP_LAB_TOKEN, BACKPROP_LAB_BROWSER=1 set the same from the environment;
//   BACKPROP_LAB_WORKSPACE=DIR puts the learner copy in DIR instead of workspace/.
//
// Ctrl-C (or SIGINT/SIGTERM/SIGHUP sent to this process) asks JupyterLab to stop with SIGTERM, its clean shutdown,
// and we wait for it to finish so kernels are stopped cleanly.
"use strict";

const fs = require("fs");
const path = require("path");
const crypto = require("crypto");
const { spawn, spawnSync } = require("child_process");
const setup = require("./setup.js");
const { KERNEL_NODE_FLAGS } = require("../src/kernel/node-flags.js");
const { spareSetting } = require("../src/kernel/spare-socket.js");

const OUR_FLAGS = ["--instructor", "--notebook"];
// The project's own JupyterLab/Notebook 7 settings (no news toast); the user's ~/.jupyter is not touched.
const APP_SETTINGS = path.join(__dirname, "lab-settings");

/** Makes or updates the workspace through the project's CLI (TypeScript via tsx); false when it could not. */
function syncWorkspace(dir) {
  const cli = path.join(setup.ROOT, "bin", "backprop-lab.js");
  const result = spawnSync(process.execPath, [cli, "workspace", "--dir", dir], { cwd: setup.ROOT, stdio: "inherit" });
  return result.status === 0;
}

/**
 * Resolves true once the server at `base` answers its status API, false if `child` exits first. Jupyter logs its
 * URL before it binds the port (the bind runs on its first event-loop turn), so the URL alone does not mean ready.
 */
async function whenAnswering(base, token, child) {
  while (child.exitCode === null && child.signalCode === null) {
    try {
      const response = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function main(argv) {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log("usage: npm start [-- --notebook] [-- --instructor] [-- <jupyter flags>]   e.g. npm start -- --port 9000");
    return Promise.resolve(0);
  }
  const instructor = argv.includes("--instructor");
  const app = argv.includes("--notebook") ? "notebook" : "lab";
  const jupyterFlags = argv.filter((arg) => !OUR_FLAGS.includes(arg));
  if (!setup.isSetUp()) {
    try {
      setup.ensureSetup({ mode: "venv", force: false });
    } catch (error) {
      console.error(`start: ${error.message}`);
      return Promise.resolve(1);
    }
  }
  // BACKPROP_LAB_WORKSPACE puts the learner copy elsewhere (default workspace/ in the project).
  const workspace = path.resolve(setup.ROOT, process.env.BACKPROP_LAB_WORKSPACE || "workspace");
  // The merge runs before Jupyter starts, so nothing can be saving a notebook while it is rewritten.
  if (!instructor && !syncWorkspace(workspace)) {
    console.error("start: the workspace could not be made (see above)");
    return Promise.resolve(1);
  }
  const rootDir = instructor ? path.join(setup.ROOT, "notebooks") : workspace;
  const jupyter = setup.venvBin("jupyter");
  if (!fs.existsSync(jupyter)) {
    console.error(`start: ${jupyter} is missing; run \`node kernel-setup/setup.js --force\` to repair the environment`);
    return Promise.resolve(1);
  }

  const token = process.env.BACKPROP_LAB_TOKEN || crypto.randomBytes(24).toString("hex");
  const args = [
    app,
    `--ServerApp.root_dir=${rootDir}`,
    `--${app === "lab" ? "LabApp" : "JupyterNotebookApp"}.app_settings_dir=${APP_SETTINGS}`,
    `--ip=${process.env.BACKPROP_LAB_IP || "127.0.0.1"}`,
    `--port=${process.env.BACKPROP_LAB_PORT || "8888"}`,
    `--IdentityProvider.token=${token}`,
    "--ServerApp.answer_yes=True",
    // A notebook or console opened without a kernel choice gets ours, never the venv's Python one.
    "--MappingKernelManager.default_kernel_name=backprop-lab",
    process.env.BACKPROP_LAB_BROWSER === "1" ? "--ServerApp.open_browser=True" : "--no-browser",
    // Containers and CI often run as root, which JupyterLab refuses without this.
    ...(typeof process.getuid === "function" && process.getuid() === 0 ? ["--allow-root"] : []),
    ...jupyterFlags,
  ];
  // Kernels started by this server find our kernelspec and the venv's Python tools first.
  // Each kernel keeps a warm spare ready for the next start (src/kernel/spare.ts); BACKPROP_LAB_SPARE_KERNEL=0 turns that off.
  const env = { ...process.env, PATH: `${path.dirname(jupyter)}${path.delimiter}${process.env.PATH || ""}` };
  // JupyterLab gets its own process group, so a terminal's Ctrl-C reaches only us and we stop it once, with
  // SIGTERM. Given the SIGINT itself, Jupyter Server shuts its kernels down only when stdin is a terminal;
  // otherwise (a process manager, `setsid`, CI) it raises KeyboardInterrupt and leaves its kernels to die, and
  // our forwarded copy arrived as a second ^C in the middle of its shutdown.
  const child = spawn(jupyter, args, {
    cwd: setup.ROOT,
    env,
    stdio: ["ignore", "inherit", "pipe"],
    detached: process.platform !== "win32",
  });

  startFirstSpare(rootDir, env, child.pid);

  let announced = false;
  let buffered = "";
  child.stderr.on("data", (chunk) => {
    process.stderr.write(chunk);
    if (announced) return;
    buffered += chunk.toString();
    // Jupyter masks a token it was given ("?token=..."), so the URL is rebuilt with ours.
    const match = /(https?:\/\/[^\s/]+:\d+)\/(lab|tree)\?token=/.exec(buffered);
    if (match) {
      announced = true;
      const url = `${match[1]}/${match[2]}?token=${token}`;
      const what = instructor ? "the instructor notebooks (with solutions) in notebooks/" : `your workspace, ${path.relative(setup.ROOT, workspace) || "."}/`;
      void whenAnswering(match[1], token, child).then((ready) => {
        if (ready) console.log(`\n  Backprop Lab is running on ${what}. Open this URL in your browser:\n\n    ${url}\n\n  Press Ctrl-C to stop.\n`);
      });
    }
  });

  let stopping = false;
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (!stopping) console.error("\n  Stopping JupyterLab and its kernels …");
    stopping = true;
    child.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
  // `kill <npm pid>` ends npm and the shell between us but leaves us running: stop when we are orphaned.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopping) stop();
  }, 1000).unref();
  // If we die some other way, JupyterLab (in its own group) must not outlive us.
  process.on("exit", () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  });
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`start: could not run ${jupyter}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

/** A spare kernel warming up beside JupyterLab, so the first notebook opened starts at once (src/kernel/spare.ts). */
function startFirstSpare(folder, env, serverPid) {
  if (!spareSetting(env) || serverPid === undefined) return;
  const cli = path.join(setup.ROOT, "bin", "backprop-lab.js");
  // JPY_PARENT_PID names the server, as Jupyter does for its kernels: the spare ends when the server does.
  const spare = spawn(process.execPath, [...KERNEL_NODE_FLAGS, cli, "kernel", "--spare"], {
    cwd: folder,
    env: { ...env, JPY_PARENT_PID: String(serverPid) },
    detached: true,
    stdio: "ignore",
  });
  spare.on("error", () => {}); // without a spare, kernels start as they always did
  spare.unref();
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
