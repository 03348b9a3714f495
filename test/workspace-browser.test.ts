// npm start as a learner meets it, in headless Chromium: JupyterLab on a fresh workspace shows notebook 03 with no
// solution on screen and no news toast; `npm start -- --notebook` opens Notebook 7 with our kernel and draws a chart.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort } from "../src/notebook/free-port";
import { readNotebook, writeNotebook } from "../src/notebook/nbformat";

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-output");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

interface Started {
  url: string;
  token: string;
  output(): string;
  stop(): Promise<number | null>;
}

let dir: string;
let browser: Browser;
const running: Started[] = [];

/** `node kernel-setup/start.js <flags>` on a temporary workspace; resolves once it prints its URL. */
async function npmStart(workspace: string, flags: string[]): Promise<Started> {
  const token = crypto.randomBytes(16).toString("hex");
  const env = {
    ...process.env,
    BACKPROP_LAB_WORKSPACE: workspace,
    BACKPROP_LAB_PORT: String(await freePort()),
    BACKPROP_LAB_TOKEN: token,
    // The learner's own JupyterLab settings and layouts stay out of the test (and the test out of them).
    JUPYTERLAB_SETTINGS_DIR: path.join(dir, `settings-${running.length}`),
    JUPYTERLAB_WORKSPACES_DIR: path.join(dir, `layouts-${running.length}`),
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "kernel-setup", "start.js"), ...flags, "--ServerApp.port_retries=0"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // npm start's own line, printed once the server answers (Jupyter's log shows the URL before it listens).
      const match = /Open this URL in your browser:\s+(http:\/\/127\.0\.0\.1:\d+\/)(lab|tree)\?token=/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing its URL:\n${output.slice(-3000)}`)));
  });
  const started: Started = {
    url,
    token,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  running.push(started);
  return started;
}

async function api(at: Started, route: string): Promise<any> {
  const response = await fetch(`${at.url}${route}`, { headers: { Authorization: `token ${at.token}` } });
  expect(response.ok, `${route}: ${response.status}`).toBe(true);
  return response.json();
}

/** Writes the model answer into each answer cell of a workspace notebook, as a learner who finished it would have. */
function answerEveryExercise(file: string): void {
  const solutions: { [gradeId: string]: string } = JSON.parse(fs.readFileSync(path.join(path.dirname(file), ".backprop-lab", "solutions.json"), "utf8"));
  const notebook = readNotebook(file);
  let answered = 0;
  for (const cell of notebook.cells) {
    const nbgrader = (cell.metadata as { nbgrader?: { grade_id?: string; solution?: boolean } }).nbgrader;
    if (cell.cell_type !== "code" || !nbgrader?.solution || !nbgrader.grade_id) continue;
    const answer = solutions[nbgrader.grade_id];
    if (answer === undefined) throw new Error(`${file}: no solution for answer cell ${nbgrader.grade_id}`);
    cell.source = answer;
    answered += 1;
  }
  expect(answered).toBeGreaterThan(0);
  writeNotebook(file, notebook);
}

/** Opens `file` at `address` and waits until it is the current, rendered notebook (Lab may first restore others). */
async function openIn(page: Page, address: string, file: string): Promise<void> {
  await page.goto(address);
  await page.waitForFunction(
    (name) => {
      const widget = window.jupyterapp?.shell?.currentWidget;
      return widget?.context?.path === name && widget.content?.widgets?.length > 0;
    },
    file,
    { timeout: 120_000, polling: 250 },
  );
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  fs.mkdirSync(OUT, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "workspace-browser-"));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const started of running) await started.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm start: JupyterLab on a fresh workspace", () => {
  let lab: Started;
  let page: Page;
  const workspace = () => path.join(dir, "workspace-lab");

  beforeAll(async () => {
    lab = await npmStart(workspace(), ["--LabApp.expose_app_in_browser=True"]);
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, 180_000);

  it("made the workspace and says which folder it opened", async () => {
    expect(lab.output()).toContain("Backprop Lab is running on your workspace");
    expect(fs.existsSync(path.join(workspace(), ".backprop-lab", "solutions.json"))).toBe(true);
    const root = await api(lab, "api/contents");
    expect(root.content.map((item: { name: string }) => item.name)).toContain("03-trace-a-gradient.ipynb");
    expect((await api(lab, "api/kernelspecs")).default).toBe("backprop-lab");
  });

  it("the news toast is off in the project's settings", async () => {
    const settings = await api(lab, "lab/api/settings/@jupyterlab/apputils-extension:notification");
    expect(settings.schema.properties.fetchNews.default).toBe("false");
  });

  it("notebook 03 shows no solution text, in its cells or on screen", async () => {
    await openIn(page, `${lab.url}lab/tree/03-trace-a-gradient.ipynb?token=${lab.token}`, "03-trace-a-gradient.ipynb");
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === "idle", null, { timeout: 120_000, polling: 250 });
    const seen: { sources: string[]; text: string; kernel: string } = await page.evaluate(() => {
      const widget = window.jupyterapp.shell.currentWidget;
      return {
        sources: widget.content.widgets.map((cell: any) => cell.model.sharedModel.getSource()),
        text: document.body.innerText,
        kernel: widget.sessionContext.kernelDisplayName,
      };
    });
    expect(seen.kernel).toBe("TypeScript (Backprop Lab)");
    expect(seen.sources.length).toBeGreaterThan(20);
    const solutions: { [gradeId: string]: string } = JSON.parse(fs.readFileSync(path.join(workspace(), ".backprop-lab", "solutions.json"), "utf8"));
    const lines = Object.entries(solutions)
      .filter(([id]) => id.startsWith("ch03-"))
      .flatMap(([, text]) => text.split("\n").map((line) => line.trim()))
      .filter((line) => line.length >= 12 && !line.startsWith("//"));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(seen.sources.join("\n"), `cell source shows solution line ${line}`).not.toContain(line);
      expect(seen.text, `screen shows solution line ${line}`).not.toContain(line);
    }
    await page.screenshot({ path: path.join(OUT, "workspace-lab-03.png") });
    await page.goto(`${lab.url}lab/tree?token=${lab.token}`);
    await page.waitForFunction(() => document.querySelectorAll(".jp-DirListing-item").length > 5, null, { timeout: 60_000 });
    await page.screenshot({ path: path.join(OUT, "workspace-lab-files.png") });
    // After all that time in the page: no toast asking about news.
    const toasts: string[] = await page.evaluate(() => [...document.querySelectorAll(".Toastify__toast")].map((t: any) => t.textContent));
    expect(toasts.filter((t) => /news/i.test(t))).toEqual([]);
  }, 240_000);

  it("09 answered, then saved after Run All in JupyterLab (charts, with the renderer's PNGs), stays under 1.5 MB", async () => {
    const file = path.join(workspace(), "09-training-on-digits.ipynb");
    // A learner who has done the work: Run All in Lab stops at the first unanswered exercise, before the charts.
    answerEveryExercise(file);
    await openIn(page, `${lab.url}lab/tree/09-training-on-digits.ipynb?token=${lab.token}`, "09-training-on-digits.ipynb");
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === "idle", null, { timeout: 120_000, polling: 250 });
    // Run All resolves once the last cell is done: true when every cell ran without an error.
    expect(await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"))).toBe(true);
    expect(await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.filter((c: any) => c.model.type === "code" && c.model.executionCount === null).length)).toBe(0);
    await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot .main-svg").length >= 4, null, { timeout: 60_000 });
    const before = fs.statSync(file).mtimeMs;
    await page.evaluate(() => window.jupyterapp.commands.execute("docmanager:save"));
    await page.waitForFunction(() => !window.jupyterapp.shell.currentWidget.context.model.dirty, null, { timeout: 60_000, polling: 250 });
    expect(fs.statSync(file).mtimeMs).toBeGreaterThan(before);
    const saved = fs.readFileSync(file, "utf8");
    expect(saved).toContain("application/vnd.plotly.v1+json");
    expect(saved).not.toContain("* plotly.js v");
    expect(saved.length).toBeLessThan(1.5e6);
  }, 600_000);

  it("stops cleanly on SIGTERM", async () => {
    expect(await lab.stop()).toBe(0);
  }, 60_000);
});

describe("npm start -- --notebook: Notebook 7 on the same kind of workspace", () => {
  let nb7: Started;

  beforeAll(async () => {
    nb7 = await npmStart(path.join(dir, "workspace-nb7"), ["--notebook", "--JupyterNotebookApp.expose_app_in_browser=True"]);
  }, 180_000);

  it("opens a workspace notebook with our kernel as the default, runs it and draws its chart", async () => {
    expect(nb7.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(nb7.output()).toMatch(/\/tree\?token=/);
    expect((await api(nb7, "api/kernelspecs")).default).toBe("backprop-lab");
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await openIn(page, `${nb7.url}notebooks/00-welcome.ipynb?token=${nb7.token}`, "00-welcome.ipynb");
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext?.session?.kernel?.status === "idle", null, { timeout: 120_000, polling: 250 });
    expect(await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName)).toBe("TypeScript (Backprop Lab)");
    await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
    // The progress chart (00's last code cell) drawn by the plotly renderer.
    await page.waitForFunction(() => document.querySelectorAll(".js-plotly-plot .main-svg").length >= 1, null, { timeout: 180_000, polling: 500 });
    const title = await page.evaluate(() => document.querySelector(".js-plotly-plot").layout?.title?.text);
    expect(title).toBe("Your exercises, per notebook");
    const chart = page.locator(".js-plotly-plot").first();
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, "workspace-notebook7-00.png") });
    await page.close();
    expect(await nb7.stop()).toBe(0);
  }, 300_000);
});
