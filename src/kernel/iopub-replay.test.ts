// The first subscription replays the statuses published before it, once, in order; an unsubscribe does not.

import { describe, expect, it } from "vitest";
import { FirstSubscriberReplay } from "./iopub-replay";

/** XPUB subscription events as zeromq delivers them: 1 subscribes, 0 unsubscribes, then the topic. */
async function* events(...bytes: number[]): AsyncIterable<Buffer[]> {
  for (const byte of bytes) yield [Buffer.from([byte])];
}

describe("first subscriber replay", () => {
  it("publishes again the statuses sent before the first subscription, in order, once, at the first subscribe", async () => {
    const sent: string[] = [];
    const replay = new FirstSubscriberReplay();
    replay.published(() => sent.push("starting"));
    replay.published(() => sent.push("busy"));
    replay.published(() => sent.push("idle"));
    await replay.watch(events(0, 1, 1));
    expect(sent).toEqual(["starting", "busy", "idle"]);
  });

  it("keeps nothing once a subscriber came", async () => {
    const sent: string[] = [];
    const replay = new FirstSubscriberReplay();
    await replay.watch(events(1));
    replay.published(() => sent.push("busy"));
    await replay.watch(events(1));
    expect(sent).toEqual([]);
  });

  it("holds only the most recent statuses while nobody subscribes", async () => {
    const sent: string[] = [];
    const replay = new FirstSubscriberReplay();
    for (let i = 0; i < 1000; i++) replay.published(() => sent.push(String(i)));
    await replay.watch(events(1));
    expect(sent.length).toBe(64);
    expect(sent.at(-1)).toBe("999");
  });
});
