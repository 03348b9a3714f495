import { getConverter, warmUpConverter } from "../src/kernel/compiler";
void (async () => {
const t0 = performance.now();
await warmUpConverter();
const warm = performance.now() - t0;
const conv = getConverter();
const times: number[] = [];
for (let i = 0; i < 1000; i++) {
  const s = performance.now();
  conv.convert("", `const v${i} = ${i} + 1;\nv${i} * 2`);
  times.push(performance.now() - s);
}
const med = (a: number[]) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };
console.log(JSON.stringify(process.execArgv.filter((a) => a.startsWith("--") && !a.includes("import"))), "warm", warm.toFixed(0),
  "c1-30", med(times.slice(0, 30)).toFixed(2), "c30-300", med(times.slice(30, 300)).toFixed(2), "c300-1000", med(times.slice(300)).toFixed(2),
  "first", times[0].toFixed(1));
process.exit(0);

})();
