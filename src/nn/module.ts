/** Module: the base of every layer — parameters with readable names, zeroGrad, train/eval. Layers compose tensor ops only. */
import { Tensor } from "../tensor/tensor";

/** One parameter as a layer declares it: a short name ("W", "b", "γ"), the tensor, and whether L2 applies. */
export interface ParameterEntry {
  short: string;
  tensor: Tensor;
  /** true for weights (L2 / weight decay in fit applies); false for biases and normalization parameters */
  decay: boolean;
}

/** A parameter with its name in the model: "Linear 1 (W)". */
export interface NamedParameter {
  name: string;
  tensor: Tensor;
  decay: boolean;
}

export abstract class Module {
  /** training mode (batch statistics in BatchNorm1d); eval() switches it off */
  training = true;

  /** x [batch, inFeatures] → [batch, outFeatures] */
  abstract forward(x: Tensor): Tensor;

  /** Sub-modules in forward order (containers override). */
  children(): Module[] {
    return [];
  }

  /** This module's own parameters (layers override). */
  ownParameters(): ParameterEntry[] {
    return [];
  }

  /** A readable layer type for names: the class name. */
  get kind(): string {
    return this.constructor.name;
  }

  /** Every parameter with a stable name, numbered per layer type in forward order: "Linear 1 (W)", "Linear 2 (b)". */
  namedParameters(): NamedParameter[] {
    const counts = new Map<string, number>();
    const out: NamedParameter[] = [];
    const visit = (m: Module) => {
      const own = m.ownParameters();
      if (own.length > 0) {
        const k = (counts.get(m.kind) ?? 0) + 1;
        counts.set(m.kind, k);
        for (const p of own) out.push({ name: `${m.kind} ${k} (${p.short})`, tensor: p.tensor, decay: p.decay });
      }
      m.children().forEach(visit);
    };
    visit(this);
    return out;
  }

  /** Every parameter tensor, in forward order. */
  parameters(): Tensor[] {
    return this.namedParameters().map((p) => p.tensor);
  }

  /** Zeros every parameter's gradient (backward adds into it). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** Training mode on (default) or off, for this module and every child. */
  train(mode = true): this {
    this.training = mode;
    for (const c of this.children()) c.train(mode);
    return this;
  }

  /** Evaluation mode: BatchNorm1d uses its running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Number of values across all parameters. */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.data.length, 0);
  }
}
