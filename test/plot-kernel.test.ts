// The figures' display path through the real kernel (no browser): each figure is one bundle, plotly.js
// rides along exactly once per kernel session, and the live displays end in their final state.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startJupyterServer, type JupyterServer } from "../src/notebook/server";
import { executeNotebook, type NotebookResult } from "../src/notebook/execute";
import { parseNotebook } from "../src/notebook/nbformat";
import { expandArray } from "../src/plot/typed-arrays";

const FIXTURE = path.resolve(__dirname, "fixtures", "browser", "figures.ipynb");
const PLOTLY_MIME = "application/vnd.plotly.v1+json";

type Output = { output_type: string; data?: { [mime: string]: unknown } };
const text = (v: unknown) => ([] as unknown[]).concat(v ?? []).join(""); // nbformat may store lines

let server: JupyterServer;
let dir: string;
let result: NotebookResult;
let outputs: { [cellId: string]: Output[] };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plot-kernel-"));
  server = await startJupyterServer({ rootDir: dir });
  result = await executeNotebook(server, parseNotebook(fs.readFileSync(FIXTURE, "utf8")));
  outputs = {};
  for (const cell of result.notebook.cells) {
    if (cell.cell_type === "code") outputs[String(cell.id)] = (cell as unknown as { outputs: Output[] }).outputs;
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("figures through the backprop-lab kernel", () => {
  it("runs the fixture notebook without errors", () => {
    expect(result.cells.filter((c) => c.status !== "ok")).toEqual([]);
  });

  it("a figure as a cell's last expression is one execute_result with plotly JSON (an object), HTML and text", () => {
    const [out, ...rest] = outputs.networkSweep;
    expect(rest).toEqual([]);
    expect(out.output_type).toBe("execute_result");
    expect(Object.keys(out.data!).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    const fig = out.data![PLOTLY_MIME] as { data: unknown[]; layout: { title: { text: string } }; frames: { name: string }[] };
    expect(fig.data).toHaveLength(4);
    expect(fig.frames.map((f) => f.name)).toEqual(["input", "forward 1", "forward 2", "backward 2", "backward 1", "after update"]);
    expect(fig.layout.title.text).toBe("One training step of a 2-2-1 network: forward, then backward");
    expect(text(out.data!["text/plain"])).toContain("prediction 0.762 → 0.766; loss 0.028 → 0.027");
  });

  it("no output carries plotly.js (its 4.8 MB stay out of saved notebooks)", () => {
    const htmls = Object.values(outputs).flat().map((o) => text(o.data?.["text/html"]));
    expect(htmls.length).toBeGreaterThan(5);
    for (const html of htmls) {
      expect(html).not.toContain("* plotly.js v");
      expect(html.length).toBeLessThan(400_000); // the figure's own data only
    }
  });

  it("show() displays a figure as display_data", () => {
    expect(outputs.show.map((o) => o.output_type)).toEqual(["display_data"]);
    expect(Object.keys(outputs.show[0].data!).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
  });

  it("the progress bar and the live loss chart are two outputs, each in its final state", () => {
    const [bar, chart, ...rest] = outputs.live;
    expect(rest).toEqual([]);
    expect(text(bar.data!["text/html"])).toContain('data-state="done" data-step="1500" data-total="1500"');
    expect(text(bar.data!["text/plain"])).toMatch(/^training \[#{30}\] 100%\s+epoch 150\/150\s+step 1500\/1500/);
    const fig = chart.data![PLOTLY_MIME] as { data: { y: number[] }[]; layout: { title: { text: string } } };
    expect(fig.layout.title.text).toBe("Loss during training (done, 1500 steps)");
    expect(fig.data[0].y).toMatchObject({ dtype: "f8" }); // long series travel as typed arrays
    expect(expandArray(fig.data[0].y)).toHaveLength(1500);
  });
});
