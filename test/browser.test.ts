// The charts in a real browser: headless Chromium drives JupyterLab (from .venv) through a notebook
// that makes every figure type and a live training display, then opens its HTML export offline.
// Screenshots go to test-output/ for a human to look at.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync, type ChildProcess } from "child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort } from "../src/notebook/free-port";

// The functions passed to page.evaluate run in the browser; the project compiles without the DOM
// library, so the browser globals they touch are declared here, loosely, for this file only.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
type BrowserElement = any;

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "browser", "figures.ipynb");
const OUT = path.join(ROOT, "test-output");
const JUPYTER = path.join(ROOT, ".venv", "bin", "jupyter");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const LIBRARY_MARK = "plotly.js for Backprop Lab charts";
const CLI = path.join(ROOT, "bin", "backprop-lab.js");

/** Code cells (by id) and the Plotly figures each must show: traces per figure, frames if animated. */
const EXPECTED: { [cellId: string]: { traces: number; frames?: number }[] } = {
  lossCurve: [{ traces: 2 }], // raw (faint) + smoothed
  lossCurveLog: [{ traces: 2 }],
  accuracyCurve: [{ traces: 2 }],
  gradientNormsStep: [{ traces: 1 }],
  gradCheckPlot: [{ traces: 5 }], // y = x + good, kinks, uncomfortable, wrong
  gradCheckLogLog: [{ traces: 2 }],
  graphPlot: [{ traces: 3 }],
  networkSweep: [{ traces: 4, frames: 6 }],
  live: [{ traces: 3 }], // the live loss chart (the progress bar is HTML)
  gradientNormsTraining: [{ traces: 4 }], // Linear 1 (W), (b), Linear 2 (W), (b)
  decisionBoundary: [{ traces: 4 }], // regions + 3 classes
  digitGrid: [{ traces: 2 }],
  tangentPlot: [{ traces: 4 }],
  show: [{ traces: 1 }],
};

interface PlotInfo {
  traces: number;
  frames: number;
  svg: boolean;
  title: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Lab {
  url: string;
  token: string;
  log(): string;
  stop(): Promise<void>;
}

let dir: string;
const labs: Lab[] = [];
let browser: Browser;
let page: Page;
let lab: Lab;
let labPlots: { [cellId: string]: PlotInfo[] } = {};

/**
 * JupyterLab from .venv serving `root`, with the app exposed to drive it by commands. withoutPlotly
 * disables the plotly mime extension, so outputs fall back to their text/html.
 */
async function startLab(root: string, name: string, withoutPlotly = false): Promise<Lab> {
  const settings = path.join(dir, `.lab-settings-${name}`);
  // No news toast over the screenshots; every cell in the DOM (no windowing), so all charts render.
  fs.mkdirSync(path.join(settings, "@jupyterlab", "apputils-extension"), { recursive: true });
  fs.writeFileSync(path.join(settings, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"), JSON.stringify({ fetchNews: "false" }));
  fs.mkdirSync(path.join(settings, "@jupyterlab", "notebook-extension"), { recursive: true });
  fs.writeFileSync(path.join(settings, "@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings"), JSON.stringify({ windowingMode: "none" }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(JUPYTER)}${path.delimiter}${process.env.PATH ?? ""}`,
    JUPYTERLAB_SETTINGS_DIR: settings,
    JUPYTERLAB_WORKSPACES_DIR: path.join(dir, `.lab-workspaces-${name}`),
  };
  if (withoutPlotly) {
    // Disabling the package alone leaves its mime renderer active; the plugin id must be named too.
    const config = path.join(dir, `.jupyter-config-${name}`);
    fs.mkdirSync(path.join(config, "labconfig"), { recursive: true });
    const disabled = { "jupyterlab-plotly": true, "@jupyterlab/plotly-extension:factory": true };
    fs.writeFileSync(path.join(config, "labconfig", "page_config.json"), JSON.stringify({ disabledExtensions: disabled }));
    env.JUPYTER_CONFIG_DIR = config;
  }
  const port = await freePort();
  const token = crypto.randomBytes(16).toString("hex");
  const url = `http://127.0.0.1:${port}/`;
  const args = [
    "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", `--ServerApp.port=${port}`, "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`, "--LabApp.expose_app_in_browser=True",
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const child: ChildProcess = spawn(JUPYTER, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (b: Buffer) => (log = (log + b.toString()).slice(-20000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const handle: Lab = {
    url,
    token,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM"); // the server shuts its kernels down on SIGTERM
      for (let i = 0; i < 40 && child.exitCode === null; i++) await sleep(250);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
  labs.push(handle);
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const r = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return handle;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`JupyterLab did not start:\n${log.slice(-3000)}`);
    await sleep(250);
  }
}

/** Opens a notebook in JupyterLab and waits until it shows its cells. */
async function openNotebook(p: Page, at: Lab, file: string): Promise<void> {
  await p.goto(`${at.url}lab/tree/${file}?token=${at.token}`);
  await p.waitForFunction(() => window.jupyterapp?.shell?.currentWidget?.content?.widgets?.length > 0, null, { timeout: 120_000, polling: 250 });
}

/** Traces, frames and SVG of every Plotly chart inside each code cell, keyed by cell id. */
async function plotsByCell(p: Page): Promise<{ [cellId: string]: PlotInfo[] }> {
  return p.evaluate(() => {
    const app = window.jupyterapp;
    const out: { [id: string]: PlotInfo[] } = {};
    for (const cell of app.shell.currentWidget.content.widgets) {
      if (cell.model.type !== "code") continue;
      out[cell.model.id] = [...cell.node.querySelectorAll(".js-plotly-plot")].map((gd: BrowserElement) => {
        return { traces: gd.data?.length ?? 0, frames: gd._transitionData?._frames?.length ?? 0, svg: !!gd.querySelector(".main-svg"), title: gd.layout?.title?.text ?? "" };
      });
    }
    return out;
  });
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  if (!fs.existsSync(JUPYTER)) throw new Error(`${JUPYTER} is missing: node kernel-setup/setup.js`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "browser-test-"));
  fs.copyFileSync(FIXTURE, path.join(dir, "figures.ipynb"));
  lab = await startLab(dir, "main");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await openNotebook(page, lab, "figures.ipynb");
  // The kernel is up.
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === "idle", null, { timeout: 120_000, polling: 250 });
  // Record the live chart's in-between SVG frames as they replace each other in the page.
  await page.evaluate(() => {
    window.__liveFrames = [];
    new window.MutationObserver(() => {
      for (const el of document.querySelectorAll(".bpl-live-chart")) {
        const steps = Number(el.getAttribute("data-steps"));
        if (window.__liveFrames[window.__liveFrames.length - 1] !== steps) window.__liveFrames.push(steps);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  // Every code cell ran and the kernel went quiet again.
  await page.waitForFunction(() => {
    const w = window.jupyterapp.shell.currentWidget;
    const code = w.content.widgets.filter((c: any) => c.model.type === "code");
    return code.every((c: any) => c.model.executionCount !== null) && w.sessionContext.session.kernel.status === "idle";
  }, null, { timeout: 240_000, polling: 500 });
  // Let Plotly finish drawing (the renderer draws asynchronously).
  await page.waitForFunction((n) => document.querySelectorAll(".js-plotly-plot .main-svg").length >= n, Object.keys(EXPECTED).length, { timeout: 60_000 });
  await sleep(1000);
  labPlots = await plotsByCell(page);
}, 420_000);

afterAll(async () => {
  await browser?.close();
  for (const l of labs) await l.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("charts in JupyterLab (plotly extension) after run-all", () => {
  it("every cell ran without an error output", async () => {
    const errors = await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")].map((e: BrowserElement) => e.textContent));
    expect(errors).toEqual([]);
  });

  it("each cell drew its charts with the expected number of traces and frames", async () => {
    const seen = Object.fromEntries(Object.keys(EXPECTED).map((id) => [id, (labPlots[id] ?? []).map((p) => ({ traces: p.traces, ...(p.frames ? { frames: p.frames } : {}) }))]));
    expect(seen).toEqual(EXPECTED);
    for (const plots of Object.values(labPlots)) for (const p of plots) expect(p.svg).toBe(true);
    // One screenshot per chart cell, to look at.
    for (const id of Object.keys(EXPECTED)) {
      const handle = await page.evaluateHandle((cellId) => {
        const w = window.jupyterapp.shell.currentWidget;
        const cell = w.content.widgets.find((c: any) => c.model.id === cellId);
        cell.node.scrollIntoView();
        return cell.node.querySelector(".jp-OutputArea");
      }, id);
      const el = handle.asElement();
      if (el) await el.screenshot({ path: path.join(OUT, `lab-${id}.png`) });
    }
  });

  it("the network sweep has its frames and advances when played", async () => {
    const sweep = page.locator(".js-plotly-plot").filter({ has: page.locator(".updatemenu-button") }).first();
    await sweep.scrollIntoViewIfNeeded();
    const state = () =>
      sweep.evaluate((el) => {
        const gd = el as BrowserElement;
        return { active: gd.layout.sliders[0].active ?? 0, colors: JSON.stringify(gd.data[2].marker?.color) };
      });
    const before = await state();
    expect(before.active).toBe(0);
    await sweep.locator(".updatemenu-button").first().click(); // ▶ Play
    await page.waitForFunction((el) => ((el as any).layout.sliders[0].active ?? 0) >= 3, await sweep.elementHandle(), { timeout: 20_000 });
    const during = await state();
    expect(during.active).toBeGreaterThanOrEqual(3);
    expect(during.colors).not.toBe(before.colors);
    // Redrawing frames must not collapse the chart (Plotly's responsive mode did, in JupyterLab).
    expect(await sweep.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(400);
    // The output area, not the plot node: in Lab the renderer node's box is only the title's height.
    const area = page.locator(".jp-OutputArea").filter({ has: page.locator(".updatemenu-button") }).first();
    await area.screenshot({ path: path.join(OUT, "lab-networkSweep-playing.png") });
    await page.waitForFunction((el) => (el as any).layout.sliders[0].active === 5, await sweep.elementHandle(), { timeout: 20_000 });
    await area.screenshot({ path: path.join(OUT, "lab-networkSweep-end.png") });
  });

  it("the live displays ended in their final state, updated in place", async () => {
    const live = await page.evaluate(() => {
      const w = window.jupyterapp.shell.currentWidget;
      const cell = w.content.widgets.find((c: any) => c.model.id === "live");
      const bar = cell.node.querySelector(".bpl-progress");
      const gd = cell.node.querySelector(".js-plotly-plot") as any;
      return {
        outputs: cell.model.outputs.length,
        state: bar?.dataset.state,
        step: bar?.dataset.step,
        total: bar?.dataset.total,
        title: gd?.layout?.title?.text,
        // Long series arrive as typed arrays; plotly.js decodes them into the full data it draws.
        points: gd?._fullData?.[0]?.y?.length,
      };
    });
    expect(live).toEqual({ outputs: 2, state: "done", step: "1500", total: "1500", title: "Loss during training (done, 1500 steps)", points: 1500 });
    // While training, SVG frames were drawn in place, each with more steps than the one before.
    const frames: number[] = await page.evaluate(() => window.__liveFrames);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames[0]).toBe(1);
    for (let i = 1; i < frames.length; i++) expect(frames[i]).toBeGreaterThan(frames[i - 1]);
  });
});

describe("the executed notebook", () => {
  let saved: { cells: { id: string; cell_type: string; outputs?: { output_type: string; data?: { [mime: string]: unknown } }[] }[] };
  let htmlPath: string;

  beforeAll(async () => {
    await page.evaluate(() => window.jupyterapp.commands.execute("docmanager:save"));
    const file = path.join(dir, "figures.ipynb");
    for (let i = 0; i < 100; i++) {
      saved = JSON.parse(fs.readFileSync(file, "utf8"));
      if (saved.cells.some((c) => (c.outputs ?? []).length > 0)) break;
      await sleep(200);
    }
    const r = spawnSync(process.execPath, [CLI, "html", file, "--output-dir", dir], { encoding: "utf8", timeout: 120_000 });
    if (r.status !== 0) throw new Error(`backprop-lab html failed: ${r.stderr}`);
    htmlPath = path.join(dir, "figures.html");
  }, 180_000);

  it("stores each figure as one bundle (plotly JSON object, HTML, text), never plotly.js, so the file stays small", () => {
    const bundles = saved.cells.flatMap((c) => (c.outputs ?? []).map((o) => o.data ?? {})).filter((d) => PLOTLY_MIME in d);
    expect(bundles).toHaveLength(Object.values(EXPECTED).flat().length);
    for (const b of bundles) {
      // The kernel sends these three; JupyterLab's Plotly renderer adds an image/png of what it drew.
      expect(Object.keys(b).filter((k) => k !== "image/png").sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
      expect(typeof b[PLOTLY_MIME]).toBe("object");
      expect((b[PLOTLY_MIME] as { data: unknown[] }).data.length).toBeGreaterThan(0);
    }
    expect(bundles.filter((b) => String(b["text/html"]).includes("* plotly.js v"))).toEqual([]);
    // What the kernel sent stays small; JupyterLab's Plotly renderer adds a PNG per chart (GitHub's static view).
    const withoutPngs = JSON.stringify(saved.cells.map((c) => (c.outputs ?? []).map((o) => ({ ...o, data: { ...o.data, "image/png": undefined } }))));
    expect(withoutPngs.length).toBeLessThan(1e6);
    const plain = ([] as unknown[]).concat(saved.cells.find((c) => c.id === "lossCurveLog")!.outputs![0].data!["text/plain"]).join(""); // nbformat may store lines
    expect(plain).toContain("validation: line, 5 values, last 0.88");
  });

  it("its HTML export (backprop-lab html) draws every chart offline", async () => {
    const html = fs.readFileSync(htmlPath, "utf8");
    expect(html.split(LIBRARY_MARK).length - 1).toBe(1);
    const offline = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    const blocked: string[] = [];
    await offline.route("**/*", (route) => {
      if (route.request().url().startsWith("file:")) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    // The page inlines plotly.js (~4 MB of script): on a loaded machine parsing it alone can take half a minute.
    await offline.goto(`file://${htmlPath}`, { timeout: 180_000 });
    const total = Object.values(EXPECTED).flat().length;
    await offline.waitForFunction((n) => document.querySelectorAll(".js-plotly-plot .main-svg").length >= n, total, { timeout: 180_000 });
    await sleep(1000);
    const plots = await offline.evaluate(() =>
      [...document.querySelectorAll(".js-plotly-plot")].map((gd: BrowserElement) => {
        return { traces: gd.data.length, frames: gd._transitionData?._frames?.length ?? 0 };
      }),
    );
    const expected = Object.values(EXPECTED).flat().map((e) => ({ traces: e.traces, frames: e.frames ?? 0 }));
    expect(plots).toEqual(expected);
    expect(blocked.every((u) => !u.includes("plot"))).toBe(true); // nothing of ours asked the network
    const els = await offline.$$(".js-plotly-plot");
    const ids = Object.entries(EXPECTED).flatMap(([id, figs]) => figs.map(() => id));
    for (let i = 0; i < els.length; i++) await els[i].screenshot({ path: path.join(OUT, `html-${ids[i]}.png`) });
    await offline.close();
  }, 420_000);

  it("JupyterLab without the plotly extension shows each chart's words summary (the HTML fallback)", async () => {
    const root = path.join(dir, "no-plotly");
    fs.mkdirSync(root);
    const file = path.join(root, "figures.ipynb");
    fs.copyFileSync(path.join(dir, "figures.ipynb"), file);
    const trust = spawnSync(JUPYTER, ["trust", file], { encoding: "utf8" });
    expect(trust.status, trust.stderr).toBe(0);
    const plain = await startLab(root, "no-plotly", true);
    const p = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      await openNotebook(p, plain, "figures.ipynb");
      const total = Object.values(EXPECTED).flat().length;
      await p.waitForFunction((n) => document.querySelectorAll(".bpl-fallback").length >= n, total, { timeout: 90_000 });
      const seen = await p.evaluate(() => ({
        plotlyRenderers: document.querySelectorAll(".jp-RenderedPlotly").length,
        fallbacks: [...document.querySelectorAll(".bpl-fallback")].map((el: BrowserElement) => el.textContent as string),
      }));
      expect(seen.plotlyRenderers).toBe(0);
      expect(seen.fallbacks).toHaveLength(total);
      expect(seen.fallbacks.some((t) => t.includes("validation: line, 5 values, last 0.88"))).toBe(true);
    } finally {
      await p.close();
      await plain.stop();
    }
  }, 300_000);
});
