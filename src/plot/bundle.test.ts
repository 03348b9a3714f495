// Figures as MIME bundles (Plotly JSON, HTML, text/plain), never carrying plotly.js; show() and in-place updates.
import { describe, expect, it } from "vitest";
import { captureDisplays } from "../../test/helpers/display-capture";
import { isRichDisplay, MIME_BUNDLE } from "../display/display";
import { figureBundle, figureHTML, PLOTLY_MIME } from "./bundle";
import { expandArray, TYPED_ARRAY_MIN } from "./typed-arrays";
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

  it("no figure carries plotly.js or a second copy of its data: the HTML is the figure in words", () => {
    const first = figureBundle(lossCurve([1, 2]));
    const second = figureBundle(lossCurve([1, 2]));
    expect(first).toEqual(second);
    const html = first["text/html"] as string;
    expect(html).not.toContain("<script");
    expect(html).toMatch(/^<div class="bpl-figure"><pre class="bpl-fallback"[^>]*>Loss during training/);
  });

  it("stores long numeric arrays as base64 typed arrays that read back (gaps too); short ones stay plain", () => {
    const n = TYPED_ARRAY_MIN + 10;
    const floats = Array.from({ length: n }, (_, i) => Math.sin(i) / 3);
    const pixels = Array.from({ length: 28 }, (_, r) => Array.from({ length: 56 }, (_, c) => (r * c) % 256));
    const gappy = [...floats.slice(0, -1), null];
    const fig = makeFigure({
      data: [
        { type: "scatter", x: floats.map((_, i) => i * 1000), y: floats },
        { type: "heatmap", z: pixels },
        { type: "scatter", y: gappy },
        { type: "scatter", y: [1, 2, 3] },
      ],
      layout: { title: { text: "arrays" } },
    });
    const json = figureBundle(fig)[PLOTLY_MIME] as FigureJSON;
    expect(json.data[0].x).toMatchObject({ dtype: "i4" });
    expect(json.data[0].y).toMatchObject({ dtype: "f8" });
    expect(json.data[1].z).toMatchObject({ dtype: "u1", shape: "28,56" });
    expect(expandArray(json.data[0].y)).toEqual(floats);
    expect(expandArray(json.data[0].x)).toEqual(floats.map((_, i) => i * 1000));
    expect(expandArray(json.data[1].z)).toEqual(pixels);
    expect(json.data[2].y).toMatchObject({ dtype: "f8" });
    expect(expandArray(json.data[2].y)).toEqual(gappy);
    expect(json.data[3].y).toEqual([1, 2, 3]);
    // A 28 x 56 pixel grid: 2 kB of base64 instead of one number per line in the saved notebook.
    expect(JSON.stringify(json.data[1].z).length).toBeLessThan(2_200);
    // Image cells (heatmap z) as float32: they only choose a colour.
    const shades = pixels.map((row) => row.map((v) => (v === 0 ? null : v / 255)));
    const image = figureBundle(makeFigure({ data: [{ type: "heatmap", z: shades }], layout: { title: { text: "i" } } }))[PLOTLY_MIME] as FigureJSON;
    expect(image.data[0].z).toMatchObject({ dtype: "f4", shape: "28,56" });
    const back = expandArray(image.data[0].z) as (number | null)[][];
    expect(back[0][0]).toBeNull();
    expect(back[3][5]).toBeCloseTo(15 / 255, 7);
    // The figure itself is untouched.
    expect(fig.data[1].z).toEqual(pixels);
  });

  it("keeps the drawing HTML of an export safe: no script end or comment inside the embedded JSON", () => {
    const fig = makeFigure({ data: [{ type: "scatter", name: "</script><!--", x: [1], y: [2] }], layout: { title: { text: "<b>t</b>" } } });
    const html = figureHTML(fig, "</script><!-- words", "bpl-fig-0-0");
    // Only our own <script> element opens and closes.
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    expect(html).not.toContain("<!--");
    expect(html).toContain("window.Plotly.newPlot(el, fig)");
    // The text fallback (what a no-JavaScript viewer sees) is escaped.
    expect(html).toContain("&lt;/script&gt;&lt;!--");
  });

  it("gives the same drawing HTML for the same figure every time, and refuses an id that would break the markup", () => {
    const fig = lossCurve([3, 2, 1]);
    expect(figureHTML(fig, "words", "bpl-fig-2-0")).toBe(figureHTML(fig, "words", "bpl-fig-2-0"));
    expect(figureHTML(fig, "words", "bpl-fig-2-0")).toContain('id="bpl-fig-2-0"');
    expect(() => figureHTML(fig, "words", '"><script>')).toThrow(/figureHTML: id must be/);
  });

  it("an exported page gets plotly.js once, in its head, safe inside its script and hidden from AMD loaders", () => {
    const page = `<html><head><title>t</title></head><body>${figureHTML(lossCurve([1, 2]), "words", "bpl-fig-0-0")}</body></html>`;
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
