// `node bench/export-bench.ts [--1m]`: the customer export row(s) alone, on caches built the way
// bench/search-only.ts builds them, written into BENCHMARKS.md. `benchExportRows` is what
// bench/run.ts calls on the caches it has built already.
//
// Each way runs in a child process of its own, so one's heap does not inflate the other's RSS:
// - export: main's way, keyset chunks (EXPORT_CHUNK_ROWS) into a file (src-main/export), each
//   chunk's read and formatting timed (a task on the main thread);
// - baseline: the old way, pages of 100 through the search (LIMIT/OFFSET) gathered into one
//   array, then one CSV string written at once (the renderer did this, plus 10,000 IPC calls
//   at 1M, which the baseline leaves out).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { CustomerRow, SearchCursor } from '../src-shared/customers/views.ts';
import { toCsv } from '../src-shared/csv.ts';
import { openCacheStore, type CacheStore } from '../src-main/db/cache-store.ts';
import { noPendingEdits } from '../src-main/db/pending-values.ts';
import { createSearchReader } from '../src-main/db/search/search-reader.ts';
import type { ExportRow } from '../src-main/db/search/export-pages.ts';
import { customerExportColumns } from '../src-main/export/customer-columns.ts';
import { EXPORT_CHUNK_ROWS } from '../src-main/export/export-service.ts';
import { writeExportFile } from '../src-main/export/export-file.ts';
import { buildSearchCache } from './search-cache.ts';

export interface ExportRun {
  rows: number;
  seconds: number;
  /** Peak RSS over the run, minus RSS before it, in MB. */
  peakGrowthMb: number;
  /** The main thread's longest stretches: reading and formatting one chunk (export only). */
  chunkP99Ms: number | null;
  chunkMaxMs: number | null;
  /** The main thread's longest event-loop delay over the run (export only). */
  heldMaxMs: number | null;
  /** How much of that came in the second half of the rows. */
  secondHalfMb: number;
  /** Heap still in use after a full GC, minus the same before the run: at half the rows, at the end. */
  retainedHalfMb: number;
  retainedEndMb: number;
  startMb: number;
  fileMb: number;
}

const SORT = { key: 'name', dir: 'asc' } as const;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

// The child runs with --expose-gc: what a run keeps (as opposed to garbage V8 has not collected
// yet, which RSS also shows) is the heap left after a full collection.
const retainedHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/**
 * Samples RSS every 5 ms and at every call of `sample`, for the peak (and the peak at half the
 * rows, where the heap retained is also taken).
 */
function rssPeak(totalRows: number) {
  const heapStart = retainedHeap();
  const start = process.memoryUsage().rss;
  let peak = start;
  let half: number | null = null;
  let heapHalf: number | null = null;
  const sample = (rowsSoFar?: number) => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (half === null && rowsSoFar !== undefined && rowsSoFar >= totalRows / 2) {
      half = peak;
      heapHalf = retainedHeap();
    }
  };
  const timer = setInterval(sample, 5);
  return {
    start,
    sample,
    /** Call while what the run holds is still referenced. */
    stop() {
      clearInterval(timer);
      sample();
      const heapEnd = retainedHeap();
      return {
        peak,
        half: half ?? peak,
        heapHalf: (heapHalf ?? heapEnd) - heapStart,
        heapEnd: heapEnd - heapStart,
      };
    },
  };
}

const customerCount = (store: CacheStore) =>
  store.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;

const round2 = (n: number) => Math.round(n * 100) / 100;

async function runExport(dbPath: string, out: string): Promise<ExportRun> {
  const tasks: number[] = [];
  const store = openCacheStore({ path: dbPath });
  const reader = createSearchReader({ path: dbPath, overlay: () => noPendingEdits });
  const rss = rssPeak(customerCount(store));
  const started = performance.now();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const outcome = await writeExportFile({
    path: out,
    columns: customerExportColumns({ status: true }),
    chunks: reader.exportPages({ query: '', filters: {}, sort: SORT }, EXPORT_CHUNK_ROWS),
    onTask: (ms) => tasks.push(ms),
    signal: new AbortController().signal,
    onRows: (n) => rss.sample(n),
  });
  loop.disable();
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  await reader.close();
  store.close();
  tasks.sort((a, b) => a - b);
  return {
    ...result(outcome.rows, seconds, rss.start, peak, out),
    chunkP99Ms: round2(tasks[Math.floor(tasks.length * 0.99)] ?? 0),
    chunkMaxMs: round2(tasks.at(-1) ?? 0),
    heldMaxMs: round2(loop.max / 1e6),
  };
}

async function runBaseline(dbPath: string, out: string, byCursor: boolean): Promise<ExportRun> {
  const store = openCacheStore({ path: dbPath });
  const rss = rssPeak(customerCount(store));
  const started = performance.now();
  const rows: CustomerRow[] = [];
  let after: SearchCursor | null = null;
  for (let page = 1; ; page++) {
    const result = store.search.search({
      query: '',
      filters: {},
      sort: SORT,
      page,
      pageSize: 100,
      ...(byCursor && after ? { after } : {}),
    });
    rows.push(...result.items);
    rss.sample(rows.length);
    after = result.next;
    if (result.items.length < 100) break;
    // The old loop awaited an IPC answer per page: the timer gets its turn here too.
    if (page % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  // The list's rows have no street columns: those cells stay empty (the old export had none).
  const csv = toCsv(customerExportColumns({ status: true }), rows as unknown as ExportRow[]);
  rss.sample();
  writeFileSync(out, '\uFEFF' + csv);
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  store.close();
  // Both still used after the measurement: the heap measured at the end holds them, as the old
  // export's did until it was saved.
  console.assert(csv.length > rows.length, 'a CSV line per row');
  return result(rows.length, seconds, rss.start, peak, out);
}

const result = (
  rows: number,
  seconds: number,
  start: number,
  peak: { peak: number; half: number; heapHalf: number; heapEnd: number },
  out: string,
) => ({
  rows,
  seconds: round2(seconds),
  chunkP99Ms: null,
  chunkMaxMs: null,
  heldMaxMs: null,
  peakGrowthMb: mb(peak.peak - start),
  secondHalfMb: mb(peak.peak - peak.half),
  retainedHalfMb: mb(peak.heapHalf),
  retainedEndMb: mb(peak.heapEnd),
  startMb: mb(start),
  fileMb: mb(statSync(out).size),
});

type Way = 'export' | 'offset' | 'cursor';

function inChild(way: Way, dbPath: string, out: string): ExportRun {
  const stdout = execFileSync(
    process.execPath,
    ['--expose-gc', new URL(import.meta.url).pathname, '--child', way, dbPath, out],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  rmSync(out, { force: true });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ExportRun;
}

export const EXPORT_ROW = (size: number) =>
  `| export ${size.toLocaleString('en-US')} customers to a CSV file`;

const OFFSET_BASELINE_MAX = 100_000;

const BASELINE_WAY = {
  offset:
    'the old way (pages of 100 at growing OFFSETs into one array, then one string; IPC left out)',
  cursor:
    'the old way but paged by the keyset cursor, as OFFSETs would take hours here (pages of 100 into one array, then one string; IPC left out)',
} as const;

export function exportRow(
  size: number,
  run: ExportRun,
  baseline: ExportRun,
  way: keyof typeof BASELINE_WAY,
): string {
  const rate = Math.round(run.rows / run.seconds).toLocaleString('en-US');
  return (
    `${EXPORT_ROW(size)} (every row, sorted by name; keyset chunks of ${EXPORT_CHUNK_ROWS.toLocaleString('en-US')}, pending values applied, written as they come) | ` +
    `${run.seconds} s (${rate} rows/s, ${run.fileMb} MB file); chunks read on the search reader's thread; main thread per chunk (formatting): p99 ${run.chunkP99Ms} ms, longest ${run.chunkMaxMs} ms, event-loop delay max (pending values, formatting, writing, garbage collection) ${run.heldMaxMs} ms; peak RSS +${run.peakGrowthMb} MB over ${run.startMb} MB (+${run.secondHalfMb} MB of it in the second half of the rows); heap kept after a full GC: +${run.retainedHalfMb} MB at half, +${run.retainedEndMb} MB at the end | ` +
    `${BASELINE_WAY[way]}: ${baseline.seconds} s; peak RSS +${baseline.peakGrowthMb} MB (+${baseline.secondHalfMb} MB in the second half); heap kept +${baseline.retainedHalfMb} MB at half, +${baseline.retainedEndMb} MB at the end → ` +
    `${(baseline.seconds / run.seconds).toFixed(1)}× faster, ${(baseline.peakGrowthMb / Math.max(run.peakGrowthMb, 0.1)).toFixed(1)}× less peak RSS | heap kept flat in the row count (the same at half and at the end); no task over 16 ms |`
  );
}

/** The export row for each cache, the export and its baseline each in a child process. */
export function benchExportRows(caches: readonly { size: number; path: string }[]): string[] {
  return caches.map(({ size, path }) => {
    const out = `${path}.export.csv`;
    const run = inChild('export', path, out);
    // At 1M, 10,000 pages at growing OFFSETs would take hours (the square of the rows): there the
    // baseline gathers the same pages by the keyset cursor, which keeps what the old way held.
    const way = size > OFFSET_BASELINE_MAX ? 'cursor' : 'offset';
    return exportRow(size, run, inChild(way, path, out), way);
  });
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, way, dbPath, out] = args as [string, Way, string, string];
  const run =
    way === 'export'
      ? await runExport(dbPath, out)
      : await runBaseline(dbPath, out, way === 'cursor');
  console.log(JSON.stringify(run));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = args.includes('--1m') ? [100_000, 1_000_000] : [100_000];
  const dir = mkdtempSync(join(tmpdir(), 'rc-export-bench-'));
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const load = loadavg()[0]?.toFixed(2);
  const started = Date.now();
  try {
    const rows: string[] = [];
    for (const size of sizes) {
      const path = join(dir, `export-${size}.db`);
      buildSearchCache(path, size).store.close();
      const [row] = benchExportRows([{ size, path }]);
      console.log(row);
      rows.push(row!);
    }
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [i, row] of rows.entries()) {
      const at = lines.findIndex((l) => l.startsWith(EXPORT_ROW(sizes[i]!)));
      if (at >= 0) lines[at] = row;
      else lines.splice(lines.findIndex((l) => l.startsWith('## Notes')) - 1, 0, row);
    }
    const cpu = cpus();
    const note =
      `- Export rows by \`node bench/export-bench.ts${sizes.length > 1 ? ' --1m' : ''}\` on ${new Date().toISOString().slice(0, 10)} ` +
      `(${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Node ${process.version}; load average at start ${load}); ` +
      `${Math.round((Date.now() - started) / 1000)} s in all, cache builds included. Peak RSS includes what nobody keeps: ` +
      "SQLite's page cache filling up to its 64 MB (`cache_size`) as the table is read, and garbage V8 has not collected yet; " +
      'the heap left after a full GC is what a run keeps.';
    const noteAt = lines.findIndex((l) => l.startsWith('- Export rows by '));
    if (noteAt >= 0) lines[noteAt] = note;
    else lines.splice(lines.findIndex((l) => l.startsWith('## Notes')) + 1, 0, note);
    writeFileSync(file, lines.join('\n'));
    console.log(`\n${note}\nwritten to BENCHMARKS.md`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
