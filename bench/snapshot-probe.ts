// Feasibility probe (issue 11): does a V8 startup snapshot of a warmed tslab converter shorten start → first compiled cell?
// Not part of `npm run bench`. Run: npx tsx bench/snapshot-probe.ts [--starts N] [--cwd DIR]

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import { ensureSelfLink, PROJECT_ROOT } from "../src/kernel/package-link";

const TSLAB_DIST = path.dirname(require.resolve("tslab/dist/converter.js"));
const TYPESCRIPT = require.resolve("@tslab/typescript-for-tslab", { paths: [TSLAB_DIST] });

/**
 * The probe's program: creates tslab's converter (lib and @types parsed), converts one cell, adds the module's types
 * (what the kernel's warm-up does), then — right away, or after deserializing a snapshot — converts one new cell and
 * prints "first-cell". With `typescriptOnly` it only loads TypeScript: the floor of any blob holding it.
 * A snapshot may only require Node's own modules, so this is bundled (esbuild) into one file. File watchers
 * cannot live in a snapshot: they are dropped here (a real start path would have to record and replay them).
 */
function probeProgram(typescriptOnly: boolean): string {
  const warm = `
const converter = require(${JSON.stringify(path.join(TSLAB_DIST, "converter.js"))}).createConverter({ isJS: false, isBrowser: false });
converter.convert("", "const warm: number = 1; warm + 1");
const types = converter.addModule("__probe_preload__", 'import type * as lab from "backprop-lab";\\n');
if (types.length > 0) throw new Error("backprop-lab's types did not load: " + JSON.stringify(types[0].messageText));`;
  const cell = `
  const result = converter.convert("", "const b: string = 'x'; b.length");
  if (result.output === undefined) throw new Error("the probe cell did not compile: " + JSON.stringify(result.diagnostics));`;
  return `
const v8 = require("v8");
const ts = require(${JSON.stringify(TYPESCRIPT)});
// Bundled, TypeScript's own path is the bundle's: point it back at its lib/*.d.ts.
ts.sys.getExecutingFilePath = () => ${JSON.stringify(TYPESCRIPT)};
ts.sys.watchFile = () => ({ close() {} });
ts.sys.watchDirectory = () => ({ close() {} });
${typescriptOnly ? "" : warm}
function firstCell() {${typescriptOnly ? "" : cell}
  process.stdout.write("first-cell\\n");
  process.exit(0);
}
if (v8.startupSnapshot.isBuildingSnapshot()) v8.startupSnapshot.setDeserializeMainFunction(firstCell);
else firstCell();
`;
}

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

/** Milliseconds from spawn to the child's "first-cell" line. */
function timeToFirstCell(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("first-cell\n")) resolve(performance.now() - started);
    });
    child.on("exit", (code) => {
      if (!out.includes("first-cell\n")) reject(new Error(`node ${args.join(" ")} exited with ${code} before its first cell`));
    });
  });
}

/** Bundles the probe program and builds its snapshot blob in `cwd` (tslab's converter takes its folder from there). */
function buildProbe(dir: string, name: string, typescriptOnly: boolean, cwd: string): { bundle: string; blob: string } {
  const entry = path.join(dir, `${name}-entry.js`);
  const bundle = path.join(dir, `${name}.js`);
  const blob = path.join(dir, `${name}.blob`);
  writeFileSync(entry, probeProgram(typescriptOnly));
  buildSync({ entryPoints: [entry], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "warning" });
  const started = performance.now();
  const built = spawnSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", bundle], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  if (built.status !== 0) throw new Error(`building the ${name} snapshot failed: ${built.stderr}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${name} snapshot: built in ${seconds} s, ${(statSync(blob).size / 1e6).toFixed(1)} MB (cwd ${cwd}, load ${load()})`);
  return { bundle, blob };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(", ");

export async function main(argv: string[]): Promise<number> {
  const starts = Number(option(argv, "--starts", "5"));
  const cwd = path.resolve(option(argv, "--cwd", path.join(PROJECT_ROOT, "notebooks")));
  ensureSelfLink();
  const dir = mkdtempSync(path.join(tmpdir(), "backprop-lab-snapshot-probe-"));
  try {
    const converter = buildProbe(dir, "converter", false, cwd);
    const typescriptOnly = buildProbe(dir, "typescript-only", true, cwd);
    const runs: { [name: string]: number[] } = { "no snapshot (bundle)": [], snapshot: [], "snapshot, TypeScript only": [] };
    for (let i = 0; i < starts; i++) {
      runs["no snapshot (bundle)"].push(await timeToFirstCell([converter.bundle], cwd));
      runs["snapshot"].push(await timeToFirstCell(["--snapshot-blob", converter.blob, "probe"], cwd));
      runs["snapshot, TypeScript only"].push(await timeToFirstCell(["--snapshot-blob", typescriptOnly.blob, "probe"], cwd));
    }
    console.log(`spawn → first cell compiled, median of ${starts} (load ${load()}):`);
    for (const [name, ms] of Object.entries(runs)) console.log(`  ${name.padEnd(28)} ${median(ms).toFixed(0).padStart(5)} ms   (${ms.map((x) => x.toFixed(0)).join(", ")})`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { console.error(error instanceof Error ? error.stack : error); process.exitCode = 1; },
  );
}
