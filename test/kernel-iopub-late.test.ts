// A client whose iopub subscription reaches the kernel only after its first request was answered still receives
// that request's status messages, without asking again (what jupyter_server's nudge and our own clients wait for).

import { spawn, type ChildProcess } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import * as zmq from "zeromq";
import { afterAll, describe, expect, it } from "vitest";
import { makeMessage, parseFrames, serialize, Signer, type Message } from "../src/kernel/wire";
import { newConnectionInfo, ourKernel, WARM_UP_MS, withTimeout } from "./helpers/kernel-client";

const folder = mkdtempSync(path.join(os.tmpdir(), "bpl-iopub-late-"));
const shell = new zmq.Dealer();
const iopub = new zmq.Subscriber();
let kernel: ChildProcess | undefined;

afterAll(() => {
  kernel?.kill("SIGKILL");
  shell.close();
  iopub.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("iopub for a late subscriber", () => {
  it(
    "replays the statuses of the kernel_info answered before the subscription arrived",
    async () => {
      const info = await newConnectionInfo();
      const signer = new Signer(info.key, info.signature_scheme);
      writeFileSync(path.join(folder, "kernel.json"), JSON.stringify(info));
      const [command, ...args] = ourKernel(path.join(folder, "kernel.json"));
      kernel = spawn(command, args, { cwd: folder, stdio: "ignore" });

      shell.connect(`tcp://127.0.0.1:${info.shell_port}`);
      const request = makeMessage("kernel_info_request", {});
      await shell.send(serialize(request, signer) as Buffer[]);
      const reply = parseFrames(await shell.receive(), signer) as Message;
      expect(reply.header.msg_type).toBe("kernel_info_reply");

      // Only now does this client subscribe: the request's busy went out to nobody (and its idle too, unless the
      // kernel was still busy with it).
      iopub.connect(`tcp://127.0.0.1:${info.iopub_port}`);
      iopub.subscribe();
      const states: string[] = [];
      const heard = async () => {
        for await (const frames of iopub) {
          const message = parseFrames(frames, signer) as Message;
          if (message.header.msg_type !== "status" || message.parent_header.msg_id !== request.header.msg_id) continue;
          states.push(String(message.content.execution_state));
          if (states.includes("busy") && states.at(-1) === "idle") return;
        }
      };
      // The deadline only ends a wait that would never end (no replay); nothing here is timed.
      await withTimeout(heard(), 30_000, "the kernel_info's statuses on iopub").catch(() => {});
      // Both, ending idle. A subscription that lands while the kernel is still busy with this request also hears
      // its idle live, before the replay: ["idle", "busy", "idle"].
      expect(new Set(states)).toEqual(new Set(["busy", "idle"]));
      expect(states.at(-1)).toBe("idle");
    },
    WARM_UP_MS,
  );
});
