// The interrupt gate's states as the control thread reads them: RUNNING only between a run's enter and leave.

import { describe, expect, it } from "vitest";
import { INTERRUPTED } from "./errors";
import { GATE_STATE, InterruptGate } from "./interrupt-gate";

const stateOf = (gate: InterruptGate) => Atomics.load(new Int32Array(gate.shared), 0);

describe("InterruptGate", () => {
  it("is RUNNING between enter and leave, IDLE before and after", () => {
    const gate = new InterruptGate();
    const run = gate.forOneRun();
    expect(stateOf(gate)).toBe(GATE_STATE.IDLE);
    run.enter();
    expect(stateOf(gate)).toBe(GATE_STATE.RUNNING);
    run.leave();
    expect(stateOf(gate)).toBe(GATE_STATE.IDLE);
  });

  it("stops a cell before its first instruction when the interrupt came first, until the next reset", () => {
    const gate = new InterruptGate();
    gate.request();
    expect(gate.requested()).toBe(true);
    let thrown: unknown;
    try {
      gate.forOneRun().enter();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(INTERRUPTED);
    gate.reset();
    expect(gate.requested()).toBe(false);
    gate.forOneRun().enter();
    expect(stateOf(gate)).toBe(GATE_STATE.RUNNING);
  });

  it("lets a cell that kept its wrapper's functions neither re-enter nor leave twice, nor act after the run", () => {
    const gate = new InterruptGate();
    const run = gate.forOneRun();
    run.enter();
    run.leave();
    run.enter();
    expect(stateOf(gate)).toBe(GATE_STATE.IDLE);
    const next = gate.forOneRun();
    next.enter();
    run.leave();
    expect(stateOf(gate)).toBe(GATE_STATE.RUNNING);
    next.close();
    next.leave();
    expect(stateOf(gate)).toBe(GATE_STATE.RUNNING);
    const late = gate.forOneRun();
    late.close();
    gate.reset();
    late.enter();
    expect(stateOf(gate)).toBe(GATE_STATE.IDLE);
  });

  it("puts a request on an idle gate only: a running cell is the control thread's to signal", () => {
    const gate = new InterruptGate();
    gate.forOneRun().enter();
    gate.request();
    expect(stateOf(gate)).toBe(GATE_STATE.RUNNING);
  });
});
