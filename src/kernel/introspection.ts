// The kernel's answers that only read: kernel_info, completion, inspection, is_complete, and a value's display bundle.

import path from "path";
import { inspect } from "util";
import { hasSyntaxError, isCompleteCode, printQuickInfo, typescriptVersion } from "./compiler";
import { isRichDisplay, MIME_BUNDLE, type MimeBundle } from "../display/display";
import type { Executor } from "./executor";
import { PROJECT_ROOT } from "./package-link";
import { isRecordArray, recordsTable } from "./records-table";
import { PROTOCOL_VERSION } from "./wire";

type Content = { [key: string]: unknown };

/** kernel_info_reply's content. */
export function kernelInfoContent(): Content {
  const pkg = require(path.join(PROJECT_ROOT, "package.json")) as { version: string };
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "backprop-lab",
    implementation_version: pkg.version,
    language_info: {
      name: "typescript",
      version: typescriptVersion(),
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { name: "javascript", typescript: true },
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    banner: `Backprop Lab: TypeScript ${typescriptVersion()} on Node.js ${process.version} (tslab's compiler)`,
    help_links: [{ text: "Backprop Lab", url: "https://github.com/backprop-lab/backprop-lab" }],
    debugger: false,
  };
}

/** What an execute_result shows: inspect() text, a table for a list of records, or the value's own rich bundle. */
export function bundleFor(value: unknown): MimeBundle {
  const data: MimeBundle = { "text/plain": inspect(value) };
  if (isRecordArray(value)) return { ...data, "text/html": recordsTable(value) };
  if (!isRichDisplay(value)) return data;
  try {
    return { ...data, ...value[MIME_BUNDLE]() };
  } catch (error) {
    console.error("display failed:", error);
    return data;
  }
}

/** complete_reply: the compiler's completions at the cursor; a failure is logged and answers with none. */
export function completeReply(executor: Executor, content: Content, log: (line: string) => void): Content {
  const code = String(content.code ?? "");
  const cursor = Number(content.cursor_pos ?? code.length);
  try {
    const info = executor.complete(code, cursor);
    const kinds = new Map((info.original?.entries ?? []).map((e) => [e.name, e.kind]));
    return {
      status: "ok",
      matches: info.candidates,
      cursor_start: info.start,
      cursor_end: info.end,
      metadata: {
        _jupyter_types_experimental: info.candidates.map((text) => ({
          text,
          type: kinds.get(text) ?? "",
          start: info.start,
          end: info.end,
        })),
      },
    };
  } catch (error) {
    log(`complete failed: ${(error as Error)?.stack ?? error}`);
    return { status: "ok", matches: [], cursor_start: cursor, cursor_end: cursor, metadata: {} };
  }
}

/** inspect_reply: the quick info at the cursor, found or not. */
export function inspectReply(executor: Executor, content: Content, log: (line: string) => void): Content {
  const code = String(content.code ?? "");
  const cursor = Number(content.cursor_pos ?? code.length);
  let text: string | undefined;
  try {
    const info = executor.inspect(code, cursor);
    text = info ? printQuickInfo(info) : undefined;
  } catch (error) {
    log(`inspect failed: ${(error as Error)?.stack ?? error}`);
  }
  return text
    ? { status: "ok", found: true, data: { "text/plain": text }, metadata: {} }
    : { status: "ok", found: false, data: {}, metadata: {} };
}

/** is_complete_reply: incomplete (with the indent to continue), invalid or complete. */
export function isCompleteReply(code: string): Content {
  const result = isCompleteCode(code);
  if (!result.completed) return { status: "incomplete", indent: result.indent ?? "" };
  return { status: hasSyntaxError(code) ? "invalid" : "complete" };
}
