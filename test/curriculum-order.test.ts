// No notebook imports a name from "backprop-lab" before the notebook that teaches it (issue 10, item 3).
//
// INTRODUCED says where each name is first met and explained (briefly is enough, when a later notebook goes deeper
// and says so); a notebook may import a name only there or later. Moving a name earlier means explaining it there.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const NOTEBOOKS = path.join(__dirname, "..", "notebooks");

/** Name → the notebook (its number, with the letter of a second part: "04b") where a learner first meets it, with enough said to use it. */
const INTRODUCED: { readonly [name: string]: string } = {
  // 00: the module itself
  Value: "00", displayBundle: "00", progressReport: "00",
  // 01: derivatives, checked
  tangentPlot: "01", checkNumber: "01", checkDerivative: "01", checkFunction: "01", selfCheck: "01",
  // 02: computational graphs
  graphPlot: "02", topoSort: "02",
  // 03: the traced gradient
  xyChart: "03",
  // 04: one step by hand
  networkSweep: "04",
  // 04b: the step's backward pass, checked numerically (07 goes deeper)
  gradCheck: "04b", gradCheckMistake: "04b", formatGradCheck: "04b", gradCheckPlot: "04b",
  sigmoidNetForward: "04b", sigmoidNetBackward: "04b", stepByHandParams: "04b", STEP_BY_HAND: "04b", SigmoidNetParams: "04b",
  // 05: the scalar engine, and the network it trains
  exportGraph: "05", checkBoolean: "05", checkGradient: "05", moons: "05", decisionBoundary: "05", NumpyRandom: "05",
  // 06: matrices, tensors, layers
  Matrix: "06", tensor: "06", matmul: "06", add: "06", sub: "06", mul: "06", mse: "06",
  Sequential: "06", Linear: "06", ReLU: "06", SGD: "06", lossCurve: "06",
  // 07: gradient checking in depth, on Tensor (the class of 06's tensor()); its bug hunt's softmax loss is a black box there (08 derives it)
  Tensor: "07", gradCheckTensors: "07", relError: "07", errorBand: "07", bugHuntNet: "07", bugHuntLoss: "07", bugHuntBackward: "07",
  checkChoice: "07", Suspect: "07", Figure: "07",
  // 08: the softmax classifier
  TwoLayerNet: "08", checkArray: "08", TwoLayerParams: "08", TwoLayerGrads: "08", TwoLayerCache: "08", GradCheckReport: "08",
  // 08b: checks before training, and debugging
  loadDigits: "08b", fit: "08b", heNormal: "08b", gradientNorms: "08b", Dataset: "08b", TrainingHistory: "08b", affineBackward: "08b", softmaxLoss: "08b",
  // 09: training on digits
  softmaxCrossEntropy: "09", digitImage: "09", predict: "09", evaluateAccuracy: "09", scaledNormal: "09",
  cosineSchedule: "09", digitGrid: "09", accuracyCurve: "09", progressBar: "09", liveLossChart: "09",
  DigitsSplit: "09", Module: "09", Optimizer: "09",
  // 10: depth, initialization, normalization
  Sigmoid: "10", Residual: "10", BatchNorm1d: "10", spirals: "10", derivative: "10", xavierNormal: "10", Series: "10",
  // 11: the cost of backprop
  noGrad: "11", Dual: "11",
  // 12: every tensor by hand, compared with autograd
  compareGradients: "12",
  // every notebook's test cells
  check: "01",
};

/** The names each notebook imports from "backprop-lab", in any code cell (hidden tests too). */
function importsOf(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  const names = new Set<string>();
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    for (const m of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*"backprop-lab"/g)) {
      for (const part of m[1].split(",")) {
        const name = part.replace(/^\s*type\s+/, "").split(/\s+as\s+/)[0].trim();
        if (name) names.add(name);
      }
    }
  }
  return [...names];
}

/** "04b-checking-a-backward-pass.ipynb" → "04b"; these sort in course order as plain strings ("04" < "04b" < "05"). */
const numberOf = (file: string): string => file.slice(0, file.indexOf("-"));
const notebooks = fs.readdirSync(NOTEBOOKS).filter((f) => /^\d\d[a-z]?-.*\.ipynb$/.test(f)).sort();
const imports = new Map(notebooks.map((f) => [numberOf(f), importsOf(f)]));

/** Every import of a name before the notebook that introduces it. */
function violations(): string[] {
  const found: string[] = [];
  for (const [number, names] of imports) {
    for (const name of names) {
      const introduced = INTRODUCED[name];
      if (introduced !== undefined && introduced > number) found.push(`${number} imports ${name}, which ${introduced} introduces`);
    }
  }
  return found;
}

describe("curriculum order: nothing is used before it is taught", () => {
  it("reads the imports of every notebook", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(12);
    expect(imports.get("05")).toEqual(expect.arrayContaining(["Value", "moons", "decisionBoundary"]));
    expect(imports.get("08b")).toEqual(expect.arrayContaining(["heNormal", "TwoLayerParams"]));
  });

  it("every imported name has a row in the table (add a new name where the notebook that teaches it is)", () => {
    const missing = [...imports].flatMap(([number, names]) => names.filter((n) => !(n in INTRODUCED)).map((n) => `${number} ${n}`));
    expect(missing).toEqual([]);
  });

  it("each name is introduced where the table says: that notebook imports it", () => {
    const wrong = Object.entries(INTRODUCED).filter(([name, number]) => !(imports.get(number) ?? []).includes(name)).map(([name, number]) => `${name}: ${number} does not import it`);
    expect(wrong).toEqual([]);
  });

  it("no notebook imports a name before the notebook that teaches it", () => {
    expect(violations()).toEqual([]);
  });
});
