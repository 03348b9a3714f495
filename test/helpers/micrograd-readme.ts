// micrograd README's example expression, Python's operators spelled as methods, shared by the tests that reproduce its numbers.
import { Value } from "../../src/scalar/value";

/** At a = −4, b = 2 the README prints g = 24.7041, dg/da = 138.8338, dg/db = 645.5773. */
export function microgradReadme(a: Value, b: Value): Value {
  let c = a.add(b);
  let d = a.mul(b).add(b.pow(3));
  c = c.add(c.add(1));
  c = c.add(new Value(1).add(c).add(a.neg()));
  d = d.add(d.mul(2).add(b.add(a).relu()));
  d = d.add(new Value(3).mul(d).add(b.sub(a).relu()));
  const e = c.sub(d);
  const f = e.pow(2);
  let g = f.div(2.0);
  g = g.add(new Value(10.0).div(f));
  return g;
}
