// Jupyter wire protocol: connection files, HMAC-signed multipart frames, message headers.

import { randomUUID } from "crypto";
import { readFileSync } from "fs";
import { Signer } from "./signer";

export { Signer };

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: { [key: string]: unknown };
  content: { [key: string]: unknown };
  buffers: Buffer[];
}

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = "<IDS|MSG>";

export function readConnectionFile(file: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(file, "utf8")) as ConnectionInfo;
  info.signature_scheme ||= "hmac-sha256";
  info.transport ||= "tcp";
  return info;
}

export function endpoint(info: ConnectionInfo, port: number): string {
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}

/** Parses one multipart message; returns undefined (and says why) for a bad signature or shape. */
export function parseFrames(frames: Buffer[], signer: Signer): Message | string {
  const at = frames.findIndex((frame) => frame.length === DELIMITER.length && frame.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return "message without <IDS|MSG> delimiter or parts";
  const signature = frames[at + 1].toString();
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(signature, parts)) return "message with an invalid HMAC signature";
  const [header, parent, metadata, content] = parts.map((part) => JSON.parse(part.toString()));
  return {
    identities: frames.slice(0, at),
    header,
    parent_header: parent,
    metadata,
    content,
    buffers: frames.slice(at + 6),
  };
}

export function serialize(msg: Message, signer: Signer): (string | Buffer)[] {
  const parts = [
    JSON.stringify(msg.header),
    JSON.stringify(msg.parent_header),
    JSON.stringify(msg.metadata),
    JSON.stringify(msg.content),
  ];
  return [...msg.identities, DELIMITER, signer.sign(parts), ...parts, ...msg.buffers];
}

/** The kernel's own session id: every message it sends carries it. */
export const KERNEL_SESSION = randomUUID();

export function makeMessage(
  msgType: string,
  content: { [key: string]: unknown },
  parent?: Message,
  identities: Buffer[] = [],
): Message {
  return {
    identities,
    header: {
      msg_id: randomUUID(),
      session: KERNEL_SESSION,
      username: parent?.header.username ?? "kernel",
      date: new Date().toISOString(),
      msg_type: msgType,
      version: PROTOCOL_VERSION,
    },
    parent_header: parent ? parent.header : {},
    metadata: {},
    content,
    buffers: [],
  };
}
