// Measured costs per product shape: whether a large gemm shares its work with the worker threads or runs on one.
//
// Worker threads pay off only while another core is free: on a busy machine a preempted worker
// stalls the whole product. So each large product shape keeps its last few costs per multiply-add
// both ways and takes the cheaper, trying the other every EXPLORE_EVERY calls. Both give bitwise the
// same C (each element is summed in the same order), so the choice never changes a result.

const EXPLORE_EVERY = 8;
const SHAPES_KEPT = 64; // shapes come and go (batch sizes); keep the memory small
const COSTS_KEPT = 5;

interface ShapeCosts {
  shared: number[];
  single: number[];
  calls: number;
}

function medianCost(list: number[]): number {
  if (list.length === 0) return NaN;
  const s = [...list].sort((x, y) => x - y);
  return s[s.length >> 1];
}

/** The costs seen so far, per shape key; one per process, made by gemm on its first large product. */
export class GemmCosts {
  private readonly byShape = new Map<string, ShapeCosts>();

  private entry(key: string): ShapeCosts {
    let entry = this.byShape.get(key);
    if (!entry) {
      if (this.byShape.size >= SHAPES_KEPT) this.byShape.clear();
      entry = { shared: [], single: [], calls: 0 };
      this.byShape.set(key, entry);
    }
    return entry;
  }

  /** Whether the next product of this shape should share its work with the worker threads. */
  chooseShared(key: string): boolean {
    const entry = this.entry(key);
    entry.calls++;
    const shared = medianCost(entry.shared);
    const single = medianCost(entry.single);
    if (Number.isNaN(shared)) return true;
    if (Number.isNaN(single)) return false;
    const better = shared <= single;
    return entry.calls % EXPLORE_EVERY === 0 ? !better : better;
  }

  /** What one product of this shape cost, the chosen way. */
  record(key: string, shared: boolean, milliseconds: number): void {
    const entry = this.entry(key);
    const list = shared ? entry.shared : entry.single;
    list.push(milliseconds);
    if (list.length > COSTS_KEPT) list.shift();
  }
}
