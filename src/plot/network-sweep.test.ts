// networkSweep: lesson 003's animated training step (forward, backward and closing beats, play controls, text/plain).
import { describe, expect, it } from "vitest";
import { networkSweep, type NetworkSweepInput } from "./network-sweep";
import { BACKWARD_COLOR, FORWARD_COLOR, IDLE_COLOR } from "./palette";
import { describeFigure } from "./summary";

// Lesson 003: x = [0.5, 0.9], y = 1; a = [0.647, 0.678], ŷ = 0.762, δo = −0.043, δh = [−0.004, −0.004].
const lesson: NetworkSweepInput = {
  layerSizes: [2, 2, 1],
  activations: [[0.5, 0.9], [0.647, 0.678], [0.762]],
  deltas: [[-0.004, -0.004], [-0.043]],
  lossBefore: 0.028,
  lossAfter: 0.027,
  activationsAfter: [[0.5, 0.9], [0.648, 0.679], [0.766]],
  target: [1],
};

describe("networkSweep", () => {
  const fig = networkSweep(lesson);
  const frame = (name: string) => fig.frames!.find((f) => f.name === name)!;
  const neurons = (name: string) => frame(name).data[1];
  const deltaText = (name: string) => frame(name).data[2].text;
  const header = (name: string) => frame(name).layout!.annotations!.find((a) => /forward|backward/.test(a.text) && a.yref === "paper")!.text;

  it("has forward beats, backward beats and a closing beat, each driving the same traces", () => {
    expect(fig.frames!.map((f) => f.name)).toEqual(["input", "forward 1", "forward 2", "backward 2", "backward 1", "after update"]);
    for (const f of fig.frames!) expect(f.traces).toEqual([1, 2, 3]);
    expect(fig.data).toHaveLength(4);
  });

  it("forward beats light neurons left to right (amber) with their activations", () => {
    expect(neurons("input").marker!.color).toEqual([FORWARD_COLOR, FORWARD_COLOR, IDLE_COLOR, IDLE_COLOR, IDLE_COLOR]);
    expect(neurons("forward 1").text).toEqual(["0.500", "0.900", "0.647", "0.678", ""]);
    expect(neurons("forward 2").text).toEqual(["0.500", "0.900", "0.647", "0.678", "0.762"]);
    expect(header("forward 2")).toBe("<b>forward →</b>");
  });

  it("backward beats light neurons right to left (orange) with δ beneath", () => {
    expect(neurons("backward 2").marker!.color).toEqual([IDLE_COLOR, IDLE_COLOR, IDLE_COLOR, IDLE_COLOR, BACKWARD_COLOR]);
    expect(deltaText("backward 2")).toEqual(["", "", "", "", "δ = \u22120.043"]);
    expect(deltaText("backward 1")).toEqual(["", "", "δ = \u22120.004", "δ = \u22120.004", "δ = \u22120.043"]);
    expect(header("backward 1")).toBe("<b>← backward</b>");
  });

  it("the closing beat re-runs forward and shows the loss going down", () => {
    expect(neurons("after update").text).toEqual(["0.500", "0.900", "0.648", "0.679", "0.766"]);
    const texts = frame("after update").layout!.annotations!.map((a) => a.text);
    expect(texts).toContain("<b>loss L 0.028 → 0.027</b>");
    expect(header("after update")).toBe("<b>forward →</b>");
  });

  it("has play/pause buttons and a slider step per frame", () => {
    const menu = fig.layout.updatemenus![0] as { buttons: { label: string; method: string }[] };
    expect(menu.buttons.map((b) => b.method)).toEqual(["animate", "animate"]);
    expect(menu.buttons[0].label).toContain("Play");
    const slider = fig.layout.sliders![0] as { steps: { args: unknown[] }[] };
    expect(slider.steps.map((s) => (s.args[0] as string[])[0])).toEqual(fig.frames!.map((f) => f.name));
  });

  it("says in words what it animates (text/plain), without describing wires and markers", () => {
    const text = describeFigure(fig);
    expect(text).toContain("animation: 6 frames (input, forward 1, forward 2, backward 2, backward 1, after update)");
    expect(text).toContain("prediction 0.762 → 0.766; loss 0.028 → 0.027");
    expect(text).not.toContain("neurons");
  });

  it("names mismatched layer sizes", () => {
    expect(() => networkSweep({ ...lesson, deltas: [[-0.004], [-0.043]] })).toThrow("networkSweep: deltas[0] must hold 2 numbers (layer 1), got 1");
    expect(() => networkSweep({ ...lesson, activations: [[0.5, 0.9]] })).toThrow("networkSweep: activations must hold 3 layers, got 1");
    expect(() => networkSweep({ ...lesson, layerSizes: [2] })).toThrow("networkSweep: layerSizes must list at least 2 layers, got [2]");
  });
});
