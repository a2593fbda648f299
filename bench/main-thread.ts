// `node bench/main-thread.ts`: the main thread (where the app serves windows and IPC) through a
// 100,000-customer first load, a 10,000-customer sync over HTTP, and a bulk edit queued and
// pushed; each next to its floor measured in the same run, on the same machine: the same sampler
// over a main thread with nothing to do. Writes its rows into BENCHMARKS.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCacheStore } from '../src-main/db/cache-store.ts';
import { BULK_SLICE } from '../src-main/outbox/edit-planner.ts';
import { putLines } from './benchmarks-file.ts';
import { benchIngest } from './ingest.ts';
import { delayText, idleFloor } from './loop-delay.ts';
import { benchBulkQueue, benchPush } from './outbox-bench.ts';
import { benchSync } from './sync-bench.ts';

const GOAL = 'no task over 16 ms';
const ROWS = [
  '| main thread through a first load',
  '| main thread through a full sync',
  '| main thread through a bulk edit',
] as const;
const load = loadavg()[0]?.toFixed(2);
const dir = mkdtempSync(join(tmpdir(), 'rc-main-thread-'));
try {
  const idle = await idleFloor(3000);
  const store = openCacheStore({ path: join(dir, 'cache.db') });
  const ingest = await benchIngest(store, 100_000);
  store.close();
  const sync = await benchSync(10_000, 5);
  const bulk = await benchBulkQueue(10_000);
  const push = await benchPush(600, 10, '2021-01');
  const idleAfter = await idleFloor(3000);
  const floor = `idle main thread before / after: ${delayText(idle)} / ${delayText(idleAfter)}`;
  const rows = [
    `${ROWS[0]} of 100,000 customers (+${ingest.addresses.toLocaleString('en-US')} addresses: parse on it, writes and index on the writer thread) | ` +
      `event-loop delay ${delayText(ingest.loopDelay)}; its longest task per page (JSON, the list's envelope and its first 50 items; the rest of the check and the mapping are sliced): p99 ${ingest.taskP99Ms} ms, longest ${ingest.taskMaxMs} ms | ` +
      `floor in the same run: the main thread idle while the writer builds the index ${delayText(ingest.whileIndexing)}; ${floor} | ${GOAL} |`,
    `${ROWS[1]} of ${sync.customers.toLocaleString('en-US')} customers + ${sync.addresses.toLocaleString('en-US')} addresses over HTTP (store on a thread of its own, time scale ${sync.timeScale}) | ` +
      `event-loop delay ${delayText(sync.loopDelay)} (${sync.seconds} s) | ` +
      `floor in the same run: the main thread idle while the writer finishes the index ${delayText(sync.whileIndexing)}; ${floor} | ${GOAL} |`,
    `${ROWS[2]} of ${bulk.customers.toLocaleString('en-US')} customers queued, and a push of ${push.edits} edits (2021-01, time scale ${push.timeScale}) | ` +
      `push: event-loop delay ${delayText(push.loopDelay)} (${push.seconds} s); queueing (preview ${bulk.previewMs} ms, confirm ${bulk.confirmMs} ms, ${BULK_SLICE} customers a slice): event-loop delay ${delayText(bulk.loopDelay)} | ` +
      `${floor} | ${GOAL} |`,
  ];
  for (const row of rows) console.log(row);
  const cpu = cpus();
  const note = `- Main-thread rows by \`node bench/main-thread.ts\` on ${new Date().toISOString().slice(0, 10)} (${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores; Node ${process.version}; load average at start ${load}). Event-loop delay is how late a 5 ms timer on the main thread fired while the work ran; beside it, the CPU time the main thread itself used between two of its ticks (process.threadCpuUsage: its tasks and its own garbage collection): a late tick with little of it was the machine running other threads (the store's, the writer's, V8's helpers) on the 2 cores; the floors are the same timer on a main thread with nothing of its own to do, in the same run (idle, and while only the writer thread works): what the machine's scheduling and the process's other threads cost before any task of ours.`;
  putLines([
    ...rows.map((line, i) => ({ prefix: ROWS[i]!, line, after: ROWS[i - 1] ?? '| --- |' })),
    { prefix: '- Main-thread rows by ', line: note, after: '## Notes' },
  ]);
  console.log(`\n${note}\nwritten to BENCHMARKS.md`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
