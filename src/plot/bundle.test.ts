// Figures as MIME bundles (Plotly JSON, HTML, text/plain), never carrying plotly.js; show() and in-place updates.
import { describe, expect, it } from "vitest";
import { captureDisplays } from "../../test/helpers/display-capture";
import { isRichDisplay, MIME_BUNDLE } from "../kernel/display";
import { figureBundle, PLOTLY_MIME } from "./bundle";
import { makeFigure, type FigureJSON } from "./figure";
import { lossCurve } from "./loss-curve";
import { show } from "./show";
import { PLOTLY_PAGE_MARK, withPlotly } from "./plotly-library";

const sent = captureDisplays();

describe("figure bundle", () => {
  it("has plotly JSON as an object, HTML and text/plain", () => {
    const fig = lossCurve({ train: [1, 0.5, 0.25] });
    const b = fig[MIME_BUNDLE]();
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    const json = b[PLOTLY_MIME] as FigureJSON;
    expect(typeof json).toBe("object");
    expect(json.data).toHaveLength(1);
    expect(json.layout.title.text).toBe("Loss during training");
    expect(json.config).toEqual({ displaylogo: false });
    expect(b["text/plain"]).toContain("Loss during training");
    expect(b["text/plain"]).toContain("train: line, 3 values, last 0.25");
  });

  it("figures display themselves but serialize to clean JSON", () => {
    const fig = lossCurve([3, 2, 1]);
    expect(isRichDisplay(fig)).toBe(true);
    expect(Object.keys(fig).sort()).toEqual(["config", "data", "layout"]);
    const round = JSON.parse(JSON.stringify(fig));
    expect(round.data[0].y).toEqual([3, 2, 1]);
    expect(Object.getOwnPropertySymbols(round)).toHaveLength(0);
  });

  it("no figure carries plotly.js: every output is small and the same figure gives the same parts", () => {
    const first = figureBundle(lossCurve([1, 2]));
    const second = figureBundle(lossCurve([1, 2]));
    for (const html of [first["text/html"], second["text/html"]] as string[]) {
      expect(html.length).toBeLessThan(20_000);
      expect(html).not.toContain("Plotly=");
      expect(html).toContain("window.Plotly.newPlot(el, fig)");
    }
    expect(first[PLOTLY_MIME]).toEqual(second[PLOTLY_MIME]);
    expect(first["text/plain"]).toBe(second["text/plain"]);
  });

  it("keeps the HTML safe: no script end or comment inside the embedded JSON", () => {
    const fig = makeFigure({ data: [{ type: "scatter", name: "</script><!--", x: [1], y: [2] }], layout: { title: { text: "<b>t</b>" } } });
    const html = figureBundle(fig)["text/html"] as string;
    // Only our own <script> element opens and closes.
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    expect(html).not.toContain("<!--");
    // The text fallback (what a no-JavaScript viewer sees) is escaped.
    expect(html).toContain("&lt;/script&gt;&lt;!--");
  });

  it("an exported page gets plotly.js once, in its head, safe inside its script and hidden from AMD loaders", () => {
    const page = `<html><head><title>t</title></head><body>${figureBundle(lossCurve([1, 2]))["text/html"]}</body></html>`;
    const withLibrary = withPlotly(page);
    expect(withLibrary.length).toBeGreaterThan(1_000_000);
    expect(withLibrary.indexOf(PLOTLY_PAGE_MARK)).toBeLessThan(withLibrary.indexOf("</head>"));
    expect(withLibrary.match(/<\/script>/gi)).toHaveLength(2);
    expect(withLibrary).toContain("window.define = undefined");
    expect(withPlotly(withLibrary)).toBe(withLibrary);
  });

  it("carries frames when the figure has them", () => {
    const fig = makeFigure({
      data: [{ type: "scatter", x: [0], y: [0] }],
      layout: { title: { text: "anim" } },
      frames: [{ name: "a", data: [{ y: [1] }] }, { name: "b", data: [{ y: [2] }] }],
    });
    const json = figureBundle(fig)[PLOTLY_MIME] as FigureJSON;
    expect(json.frames?.map((f) => f.name)).toEqual(["a", "b"]);
    expect(figureBundle(fig)["text/plain"]).toContain("animation: 2 frames (a, b)");
  });
});

describe("show", () => {
  it("sends one bundle with all three representations", () => {
    show(lossCurve([1, 0.5]));
    expect(sent).toHaveLength(1);
    expect(sent[0].update).toBe(false);
    expect(Object.keys(sent[0].bundle).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    expect(sent[0].options.displayId).toMatch(/^bpl-/);
  });

  it("updates in place (text first, so the front end gives the new figure a fresh renderer)", () => {
    const shown = show(lossCurve([1, 0.5]));
    shown.update(lossCurve([1, 0.5, 0.2]));
    expect(sent).toHaveLength(3);
    expect(sent.slice(1).map((s) => [s.update, s.options.displayId])).toEqual([[true, shown.displayId], [true, shown.displayId]]);
    expect(Object.keys(sent[1].bundle)).toEqual(["text/plain"]);
    expect((sent[2].bundle[PLOTLY_MIME] as FigureJSON).data[0].y).toEqual([1, 0.5, 0.2]);
    expect((sent[2].bundle["text/html"] as string).length).toBeLessThan(20_000);
  });
});
