// Time to generate 100k sandbox customers, against a baseline measured in the same run:
// serializing the result with JSON.stringify (a fixed, well-understood amount of work per record).
import { generateCustomers } from '../src-main/sandbox/generate.ts';

export interface GenerateBench {
  customers: number;
  addresses: number;
  generateMs: number;
  stringifyMs: number;
  /** generateMs / stringifyMs: below ~3 means generation costs about as much as writing JSON. */
  ratio: number;
  customersPerSecond: number;
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

export function benchGenerate(count = 100_000, seed = 42): GenerateBench {
  generateCustomers(seed, 2000); // warm up the JIT so the figure is steady-state
  const [data, generateMs] = timed(() => generateCustomers(seed, count));
  const [, stringifyMs] = timed(() => JSON.stringify(data));
  return {
    customers: data.customers.length,
    addresses: data.addresses.length,
    generateMs: Math.round(generateMs),
    stringifyMs: Math.round(stringifyMs),
    ratio: Math.round((generateMs / stringifyMs) * 100) / 100,
    customersPerSecond: Math.round((data.customers.length / generateMs) * 1000),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchGenerate();
  console.log(
    `sandbox generate: ${result.customers} customers + ${result.addresses} addresses in ${result.generateMs} ms ` +
      `(${result.customersPerSecond}/s); JSON.stringify of the same: ${result.stringifyMs} ms; ratio ${result.ratio}x`,
  );
}
