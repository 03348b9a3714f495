// The runner leaves the console alone when imported; a command drops only @jupyterlab/services' narration.
import { afterEach, describe, expect, it, vi } from "vitest";
import { dropServicesChatter, isServicesChatter } from "./services-chatter";

describe("dropServicesChatter", () => {
  const restores: (() => void)[] = [];
  afterEach(() => {
    restores.splice(0).reverse().forEach((restore) => restore());
    vi.restoreAllMocks();
  });

  it("importing the runner replaces no console method", async () => {
    const before = { debug: console.debug, warn: console.warn, error: console.error };
    await import("./execute");
    expect({ debug: console.debug, warn: console.warn, error: console.error }).toEqual(before);
  });

  it("drops the narration, passes everything else, and puts the console back", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const spied = console.error;
    restores.push(dropServicesChatter());
    console.error("Starting WebSocket: ws://127.0.0.1:8888/api/kernels/abc");
    console.error(new Error('The kernel "abc" does not exist on the server'));
    console.error("cell 3 failed: ReferenceError");
    expect(error.mock.calls).toEqual([["cell 3 failed: ReferenceError"]]);
    restores.pop()!();
    expect(console.error).toBe(spied);
  });

  it("recognises each kind of narration line and nothing else", () => {
    expect(isServicesChatter(["Kernel: idle (abc)"])).toBe(true);
    expect(isServicesChatter(["Connection lost, reconnecting in 1 seconds."])).toBe(true);
    expect(isServicesChatter(["Kernel: the cell failed"])).toBe(false);
    expect(isServicesChatter([42])).toBe(false);
  });
});
