// The cache writer's thread: its own connection to the cache file, on which a pull's pages, the
// deletion sweep and the search-index build are written, so the main thread (windows, IPC,
// search) never waits on a big write. Pages queued together commit together.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { failureOf } from '../lib/worker-calls.ts';
import { openCacheStore } from '../db/cache-store.ts';
import { createSlicer } from '../db/sliced-writes.ts';
import { writeAnswer } from '../db/store-answers.ts';
import {
  WRITER_SLICE_MS,
  type WriterData,
  type WriterReply,
  type WriterRequest,
} from './writer-protocol.ts';
import { sweepUnseen, writePage } from './write-ops.ts';

// Pages waiting together commit in one transaction for up to this long: the write lock is
// held meanwhile, and a main-thread write (an edit being queued) waits for it.
const GROUP_MS = 2 * WRITER_SLICE_MS;

if (!parentPort) throw new Error('write-worker runs as a worker thread');
const port = parentPort;
const data = workerData as WriterData;
const store = openCacheStore({ path: data.path, nativeBinding: data.nativeBinding });
const slicer = createSlicer(store, { budgetMs: WRITER_SLICE_MS });
const queue: WriterRequest[] = [];
let running = false;
let current: { id: number; controller: AbortController } | null = null;

const reply = (message: WriterReply) => port.postMessage(message);

type PageRequest = Extract<WriterRequest, { op: 'page' }>;

/** Writes the pages at the head of the queue, as many as fit in one group. */
function writePages(): void {
  const taken: PageRequest[] = [];
  try {
    const reports = store.transaction(() => {
      const started = performance.now();
      const out = [];
      while (
        queue[0]?.op === 'page' &&
        (taken.length === 0 || performance.now() - started < GROUP_MS)
      ) {
        const request = queue.shift() as PageRequest;
        taken.push(request);
        out.push(writePage(store, request.page));
      }
      return out;
    });
    taken.forEach((request, i) => reply({ id: request.id, ok: true, value: reports[i] }));
  } catch {
    // One of them failed: each on its own, so only that one reports the error.
    for (const request of taken) {
      try {
        reply({
          id: request.id,
          ok: true,
          value: store.transaction(() => writePage(store, request.page)),
        });
      } catch (error) {
        reply({ id: request.id, ok: false, error: failureOf(error) });
      }
    }
  }
}

async function run(
  request: Exclude<WriterRequest, { op: 'page' | 'abort' | 'answer' }>,
): Promise<unknown> {
  const controller = new AbortController();
  current = { id: request.id, controller };
  try {
    if (request.op === 'sweep')
      return await sweepUnseen(store, slicer, request.sweep, controller.signal);
    if (request.op === 'buildIndex') return await slicer.buildSearchIndex(controller.signal);
    store.close();
    return null;
  } finally {
    current = null;
  }
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let head = queue[0]; head; head = queue[0]) {
      if (head.op === 'page') {
        writePages();
      } else if (head.op !== 'abort' && head.op !== 'answer') {
        queue.shift();
        try {
          reply({ id: head.id, ok: true, value: await run(head) });
        } catch (error) {
          reply({ id: head.id, ok: false, error: failureOf(error) });
        }
        if (head.op === 'close') return;
      }
      // New requests (and aborts) come in between groups.
      await nextTurn();
    }
  } finally {
    running = false;
  }
}

port.on('message', (request: WriterRequest) => {
  if (request.op === 'abort') {
    if (current?.id === request.target) current.controller.abort();
    const queued = queue.findIndex((r) => r.op !== 'abort' && r.id === request.target);
    if (queued >= 0) {
      queue.splice(queued, 1);
      reply({ id: request.target, ok: true, value: null });
    }
    return;
  }
  if (request.op === 'answer') {
    try {
      writeAnswer(store, request.answer);
      reply({ id: request.id, ok: true, value: null });
    } catch (error) {
      reply({ id: request.id, ok: false, error: failureOf(error) });
    }
    return;
  }
  queue.push(request);
  void drain();
});
