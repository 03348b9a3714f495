// The architecture as a test: no import cycle in src/ (files or folders), and each folder imports only what it may.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findCycles, folderEdges, folderOf, importGraph, type ImportGraph } from "./helpers/import-graph";

const ROOT = join(__dirname, "..");
const graph = importGraph(ROOT);

/** Folders each folder must never import (the math, plot, exercises and display stay free of the tooling). */
const TOOLING = ["kernel", "notebook", "grading", "workspace", "cli"];
const FORBIDDEN: { [folder: string]: string[] } = {
  core: [...TOOLING, "display", "plot", "exercises", "scalar", "tensor", "nn", "gradcheck", "data"],
  scalar: [...TOOLING, "display", "plot", "exercises", "tensor", "nn", "gradcheck"],
  tensor: [...TOOLING, "display", "plot", "exercises", "scalar", "nn", "gradcheck"],
  nn: [...TOOLING, "display", "plot", "exercises", "gradcheck"],
  gradcheck: [...TOOLING, "display", "plot", "exercises", "nn"],
  data: [...TOOLING, "display", "plot", "exercises"],
  display: [...TOOLING, "plot", "exercises", "core", "scalar", "tensor", "nn", "gradcheck", "data"],
  // plot takes plain numbers and its own option types.
  plot: [...TOOLING, "exercises", "scalar", "tensor", "nn", "gradcheck", "data"],
  exercises: [...TOOLING, "plot"],
};

/** src/ from the bottom up, as the README's layout lists it: each may import only what comes before it. */
const LAYERS = [
  "core", "scalar", "tensor", "nn", "gradcheck", "data", "display", "plot", "exercises",
  "project-root", "cli-args", "kernel", "notebook", "grading", "workspace", "index", "cli",
];

function folderGraph(files: ImportGraph): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const line of folderEdges(files)) {
    const [from, to] = line.replace(/ \(\d+\)$/, "").split(" → ");
    folders.set(from, [...(folders.get(from) ?? []), to]);
    if (!folders.has(to)) folders.set(to, []);
  }
  return folders;
}

describe("the import graph of src/", () => {
  it("has files in every folder the rules name (the rules are not checking an empty tree)", () => {
    const folders = new Set([...graph.keys()].map((file) => folderOf(file)));
    for (const folder of Object.keys(FORBIDDEN)) expect(folders, folder).toContain(folder);
  });

  it("has no import cycle between files (type-only imports count)", () => {
    expect(findCycles(graph).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("has no import cycle between folders", () => {
    expect(findCycles(folderGraph(graph)).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("has every folder in the layer list, and each imports only layers below it", () => {
    const unlisted = [...new Set([...graph.keys()].map((file) => folderOf(file)))].filter((folder) => !LAYERS.includes(folder));
    expect(unlisted).toEqual([]);
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => LAYERS.indexOf(folderOf(target)) > LAYERS.indexOf(folderOf(file))).map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it("keeps each folder's imports to what it may use", () => {
    const broken = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => FORBIDDEN[folderOf(file)]?.includes(folderOf(target))).map((target) => `${file} → ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it("takes Tensor outside tensor/ only from tensor.ts, which adds its methods (tensor-core.ts and methods.ts stay inside)", () => {
    const inner = ["src/tensor/tensor-core.ts", "src/tensor/methods.ts"];
    const bypass = [...graph].flatMap(([file, targets]) =>
      folderOf(file) === "tensor" ? [] : targets.filter((t) => inner.includes(t)).map((t) => `${file} → ${t}`),
    );
    expect(bypass).toEqual([]);
  });

  it("never reaches outside src/ (bench/ and test/ import src/, not the other way)", () => {
    const outside = [...graph].flatMap(([file, targets]) => targets.filter((t) => !t.startsWith("src/")).map((t) => `${file} → ${t}`));
    expect(outside).toEqual([]);
    // cli.ts loads its commands by name at run time, which the graph cannot see: check the table itself.
    const modules = [...readFileSync(join(ROOT, "src", "cli.ts"), "utf8").matchAll(/module: "([^"]+)"/g)].map((m) => m[1]);
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((m) => !m.startsWith("./"))).toEqual([]);
  });
});

describe("findCycles", () => {
  it("finds a cycle through three files and none in a chain", () => {
    const cyclic: ImportGraph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(findCycles(cyclic)).toEqual([["a", "b", "c", "a"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });
});
