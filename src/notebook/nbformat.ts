// nbformat 4.5 notebooks: read, validate (errors name the file and what is wrong), generate cell ids, write.
import * as fs from "fs";
import * as crypto from "crypto";

export type MultilineString = string | string[];

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}
export interface DisplayDataOutput {
  output_type: "display_data";
  data: { [mime: string]: unknown };
  metadata: { [key: string]: unknown };
  transient?: { display_id?: string };
}
export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: { [mime: string]: unknown };
  metadata: { [key: string]: unknown };
}
export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}
export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: "code";
  id: string;
  source: MultilineString;
  metadata: { tags?: string[]; [key: string]: unknown };
  outputs: Output[];
  execution_count: number | null;
}
export interface MarkdownCell {
  cell_type: "markdown" | "raw";
  id: string;
  source: MultilineString;
  metadata: { tags?: string[]; [key: string]: unknown };
  attachments?: { [name: string]: unknown };
}
export type Cell = CodeCell | MarkdownCell;

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: {
    kernelspec?: { name: string; display_name?: string; language?: string };
    language_info?: { name: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  cells: Cell[];
}

/** A notebook that cannot be read or is not valid nbformat 4; the message names the file. */
export class NotebookFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `not a valid notebook:\n  - ${problems.join("\n  - ")}`}`);
    this.name = "NotebookFormatError";
  }
}

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Splits text the way Jupyter stores it: lines that keep their "\n". */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function newCellId(): string {
  return crypto.randomBytes(4).toString("hex");
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** Offset of the first JSON syntax error (Node 20's JSON.parse messages often omit it). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) if (text[i++] !== ch) (i--, fail());
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch !== undefined && /[-0-9]/.test(ch)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) fail();
      i += m![0].length;
    } else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (offset) {
    return offset as number;
  }
}

/** Parses notebook JSON; malformed JSON becomes one error naming the file, line and column. */
export function parseNotebook(text: string, file = "<notebook>"): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` at ${lineColumn(text, offset)}` : "";
    const reason = message.split("\n")[0].replace(/,\s*(\.\.\.)?"[\s\S]*$/, "");
    throw new NotebookFormatError(file, [`malformed JSON${where} (${reason})`]);
  }
  const problems = validateNotebook(raw);
  if (problems.length) throw new NotebookFormatError(file, problems);
  return upgradeCellIds(raw as Notebook);
}

export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new NotebookFormatError(file, [`cannot read: ${(error as Error).message}`]);
  }
  return parseNotebook(text, file);
}

function isObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isMultiline(v: unknown): boolean {
  return typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));
}

function validateOutput(out: unknown, where: string): string[] {
  if (!isObject(out)) return [`${where}: must be an object`];
  switch (out.output_type) {
    case "stream":
      return [
        ...(out.name === "stdout" || out.name === "stderr" ? [] : [`${where}: stream "name" must be "stdout" or "stderr", got ${JSON.stringify(out.name)}`]),
        ...(isMultiline(out.text) ? [] : [`${where}: stream "text" must be a string or list of strings`]),
      ];
    case "display_data":
    case "execute_result":
      return [
        ...(isObject(out.data) ? [] : [`${where}: "data" must be an object of MIME type → value`]),
        ...(isObject(out.metadata) ? [] : [`${where}: "metadata" must be an object`]),
        ...(out.output_type === "execute_result" && !(out.execution_count === null || Number.isInteger(out.execution_count))
          ? [`${where}: "execution_count" must be an integer or null`]
          : []),
      ];
    case "error":
      return [
        ...(typeof out.ename === "string" && typeof out.evalue === "string" ? [] : [`${where}: error needs string "ename" and "evalue"`]),
        ...(Array.isArray(out.traceback) ? [] : [`${where}: error "traceback" must be a list of strings`]),
      ];
    default:
      return [`${where}: unknown output_type ${JSON.stringify(out.output_type)}`];
  }
}

/** Structural checks of nbformat 4 (the parts tools rely on); returns readable problems, empty when valid. */
export function validateNotebook(raw: unknown): string[] {
  if (!isObject(raw)) return ["top level must be a JSON object"];
  const problems: string[] = [];
  if (raw.nbformat !== 4) {
    problems.push(`"nbformat" must be 4, got ${raw.nbformat === undefined ? "nothing" : JSON.stringify(raw.nbformat)}`);
  }
  if (!Number.isInteger(raw.nbformat_minor)) problems.push(`"nbformat_minor" must be an integer`);
  if (!isObject(raw.metadata)) problems.push(`"metadata" must be an object`);
  else if (raw.metadata.kernelspec !== undefined && !(isObject(raw.metadata.kernelspec) && typeof raw.metadata.kernelspec.name === "string")) {
    problems.push(`"metadata.kernelspec" must be an object with a string "name"`);
  }
  if (!Array.isArray(raw.cells)) {
    problems.push(`"cells" must be a list`);
    return problems;
  }
  const minor = Number(raw.nbformat_minor);
  const seen = new Set<string>();
  raw.cells.forEach((cell: unknown, index: number) => {
    const where = `cell ${index}`;
    if (!isObject(cell)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const type = cell.cell_type;
    if (type !== "code" && type !== "markdown" && type !== "raw") {
      problems.push(`${where}: "cell_type" must be code, markdown or raw, got ${JSON.stringify(type)}`);
      return;
    }
    if (!isMultiline(cell.source)) problems.push(`${where} (${type}): "source" must be a string or list of strings`);
    if (!isObject(cell.metadata)) problems.push(`${where} (${type}): missing "metadata" object`);
    else if (cell.metadata.tags !== undefined && !(Array.isArray(cell.metadata.tags) && cell.metadata.tags.every((t) => typeof t === "string"))) {
      problems.push(`${where} (${type}): "metadata.tags" must be a list of strings`);
    }
    if (cell.id !== undefined) {
      if (typeof cell.id !== "string" || !CELL_ID.test(cell.id)) problems.push(`${where}: "id" must be 1-64 letters, digits, - or _, got ${JSON.stringify(cell.id)}`);
      else if (seen.has(cell.id)) problems.push(`${where}: duplicate cell id ${JSON.stringify(cell.id)}`);
      else seen.add(cell.id);
    } else if (minor >= 5) {
      problems.push(`${where} (${type}): missing "id" (required by nbformat 4.5)`);
    }
    if (type === "code") {
      if (!(cell.execution_count === null || Number.isInteger(cell.execution_count))) problems.push(`${where} (code): "execution_count" must be an integer or null`);
      if (!Array.isArray(cell.outputs)) problems.push(`${where} (code): missing "outputs" list`);
      else cell.outputs.forEach((out: unknown, j: number) => problems.push(...validateOutput(out, `${where} output ${j}`)));
    } else if ("outputs" in cell) {
      problems.push(`${where} (${type}): only code cells have "outputs"`);
    }
  });
  return problems;
}

/** Older 4.x notebooks get cell ids and become 4.5, as Jupyter does when it opens them. */
export function upgradeCellIds(nb: Notebook): Notebook {
  if (nb.nbformat_minor >= 5) return nb;
  const used = new Set(nb.cells.map((c) => c.id).filter(Boolean));
  for (const cell of nb.cells) {
    if (!cell.id) {
      let id = newCellId();
      while (used.has(id)) id = newCellId();
      used.add(id);
      cell.id = id;
    }
  }
  nb.nbformat_minor = 5;
  return nb;
}

export function cellTags(cell: Cell): string[] {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : [];
}

/** A copy without outputs or execution counts: the form notebooks are committed in. */
export function clearOutputs(nb: Notebook): Notebook {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  return copy;
}

const MULTILINE_MIME = /^(text\/|image\/svg\+xml$|application\/javascript$)/;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** Serialises like Jupyter (sorted keys, indent 1, text as lists of lines) so files diff cleanly. */
export function serializeNotebook(nb: Notebook): string {
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    cell.source = splitLines(joinSource(cell.source));
    if (cell.cell_type !== "code") continue;
    for (const out of cell.outputs) {
      if (out.output_type === "stream") out.text = splitLines(joinSource(out.text));
      if (out.output_type === "display_data") delete out.transient;
      if (out.output_type === "display_data" || out.output_type === "execute_result") {
        for (const [mime, value] of Object.entries(out.data)) {
          if (typeof value === "string" && MULTILINE_MIME.test(mime)) out.data[mime] = splitLines(value);
        }
      }
    }
  }
  return JSON.stringify(sortKeys(copy), null, 1) + "\n";
}

export function writeNotebook(file: string, nb: Notebook): void {
  const problems = validateNotebook(nb);
  if (problems.length) throw new NotebookFormatError(file, problems);
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, serializeNotebook(nb));
  fs.renameSync(temp, file);
}
