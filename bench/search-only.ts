// `node bench/search-only.ts [--1m]`: the search rows alone, on caches built for them, written
// into BENCHMARKS.md in place of the previous search rows (every other row is kept as it was).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchLikeScan, benchSearch } from './search-bench.ts';
import { buildSearchCache } from './search-cache.ts';
import { benchSearchMemory } from './search-memory.ts';
import {
  EXACT_TOTALS_ROW,
  exactTotalsRow,
  MEMORY_ROW,
  memoryRow,
  SEARCH_ROW,
  searchRow,
} from './search-rows.ts';
import { BENCHMARKS_FILE, putLine } from './benchmarks-file.ts';

const RUN_NOTE = '- Search rows (search at, exact totals, RSS over searches) by ';

const sizes = process.argv.includes('--1m') ? [100_000, 1_000_000] : [100_000];
const dir = mkdtempSync(join(tmpdir(), 'rc-search-bench-'));
const lines = readFileSync(BENCHMARKS_FILE, 'utf8').split('\n');
const started = Date.now();
const load = loadavg()[0]?.toFixed(2);
const built: string[] = [];
try {
  for (const size of sizes) {
    const cache = buildSearchCache(join(dir, `search-${size}.db`), size);
    built.push(
      `${size.toLocaleString('en-US')} customers (+${cache.addresses.toLocaleString('en-US')} addresses) loaded in ${cache.loadSeconds} s, indexed and merged in ${cache.indexSeconds} s`,
    );
    const million = size >= 1_000_000;
    const search = benchSearch(cache.store, million ? 10 : 30);
    const like = benchLikeScan(cache.store, million ? 1 : 2);
    const rows = [searchRow(size, search, like), exactTotalsRow(size, search)];
    for (const row of rows) console.log(row);
    putLine(lines, { prefix: SEARCH_ROW(size), line: rows[0]!, after: '| --- |' });
    putLine(lines, { prefix: EXACT_TOTALS_ROW(size), line: rows[1]!, after: SEARCH_ROW(size) });
    if (!million) {
      const row = memoryRow(size, await benchSearchMemory(cache.store, 20_000, 5_000));
      console.log(row);
      putLine(lines, { prefix: MEMORY_ROW, line: row, after: EXACT_TOTALS_ROW(size) });
    }
    cache.store.close();
  }
  const cpu = cpus();
  const note =
    `${RUN_NOTE}\`node bench/search-only.ts${sizes.length > 1 ? ' --1m' : ''}\` on ${new Date().toISOString().slice(0, 10)} ` +
    `(${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Node ${process.version}; load average at start ${load}), ` +
    `on caches built for them (${built.join('; ')}); ${Math.round((Date.now() - started) / 1000)} s in all. ` +
    'The other rows are from the full run above.';
  putLine(lines, { prefix: RUN_NOTE, line: note, after: '## Notes' });
  writeFileSync(BENCHMARKS_FILE, lines.join('\n'));
  console.log(`\n${note}\nwritten to BENCHMARKS.md`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
