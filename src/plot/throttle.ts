// At most one update per interval, so a fast training loop never floods the front end.

export type Clock = () => number;

export class Throttle {
  private last = -Infinity;
  constructor(
    private readonly intervalMs: number,
    private readonly now: Clock = Date.now,
  ) {}

  /** True when enough time passed since the last accepted call (the first call is always accepted). */
  ready(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
