// Turns a kernel's iopub messages into nbformat outputs on the cells that asked for them, as JupyterLab shows them.
import type { KernelMessage } from "@jupyterlab/services";
import { CodeCell, Output, joinSource } from "./nbformat";

/** Collects iopub output into cells the way JupyterLab shows it, including display-id updates across cells. */
export class OutputCollector {
  private readonly cellOfRequest = new Map<string, CodeCell>();
  private readonly displays = new Map<string, Output[]>();
  private readonly clearPending = new Set<CodeCell>();

  expect(msgId: string, cell: CodeCell): void {
    this.cellOfRequest.set(msgId, cell);
  }

  handle(msg: KernelMessage.IIOPubMessage): void {
    const parent = (msg.parent_header as { msg_id?: string }).msg_id;
    const cell = parent ? this.cellOfRequest.get(parent) : undefined;
    const content = msg.content as { [key: string]: any };
    const type = msg.header.msg_type;
    if (type === "update_display_data") {
      this.update(content.transient?.display_id, content);
      return;
    }
    if (!cell) return;
    switch (type) {
      case "execute_input":
        cell.execution_count = content.execution_count ?? null;
        return;
      case "clear_output":
        if (content.wait) this.clearPending.add(cell);
        else cell.outputs = [];
        return;
      case "stream":
        this.add(cell, { output_type: "stream", name: content.name, text: content.text });
        return;
      case "display_data":
      case "execute_result": {
        const out: Output =
          type === "display_data"
            ? { output_type: "display_data", data: content.data ?? {}, metadata: content.metadata ?? {} }
            : { output_type: "execute_result", execution_count: content.execution_count ?? null, data: content.data ?? {}, metadata: content.metadata ?? {} };
        const displayId: string | undefined = content.transient?.display_id;
        if (displayId) {
          this.update(displayId, content); // showing an id again refreshes its earlier outputs too
          this.displays.set(displayId, [...(this.displays.get(displayId) ?? []), out]);
        }
        this.add(cell, out);
        return;
      }
      case "error":
        this.add(cell, { output_type: "error", ename: content.ename ?? "", evalue: content.evalue ?? "", traceback: content.traceback ?? [] });
        return;
      default:
        return; // status, comm messages and the like are not outputs
    }
  }

  private add(cell: CodeCell, out: Output): void {
    if (this.clearPending.delete(cell)) cell.outputs = [];
    const last = cell.outputs[cell.outputs.length - 1];
    if (out.output_type === "stream" && last?.output_type === "stream" && last.name === out.name) {
      last.text = joinSource(last.text) + joinSource(out.text); // nbformat keeps one block per consecutive stream
      return;
    }
    cell.outputs.push(out);
  }

  private update(displayId: string | undefined, content: { [key: string]: any }): void {
    if (!displayId) return;
    for (const out of this.displays.get(displayId) ?? []) {
      if (out.output_type === "display_data" || out.output_type === "execute_result") {
        out.data = content.data ?? {};
        out.metadata = content.metadata ?? {};
      }
    }
  }
}
