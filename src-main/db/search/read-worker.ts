// The search reader's thread: its own connection to the cache file (WAL: it reads while the
// writer writes), on which searches, exact totals and export chunks run, so a slow query never
// holds the thread that serves windows and IPC. It reads the cache as stored; the main thread
// puts pending edits' values on top of what it answers.
import { parentPort, workerData } from 'node:worker_threads';
import { failureOf, type WorkerAnswer } from '../../lib/worker-calls.ts';
import { openCacheStore } from '../cache-store.ts';
import type { ExportRow } from './export-pages.ts';
import type { ReaderData, ReaderRequest } from './reader-protocol.ts';

if (!parentPort) throw new Error('read-worker runs as a worker thread');
const port = parentPort;
const data = workerData as ReaderData;
const store = openCacheStore({ path: data.path, nativeBinding: data.nativeBinding });
const exports = new Map<number, Iterator<ExportRow[]>>();

function answer(request: ReaderRequest): unknown {
  switch (request.op) {
    case 'search':
      return store.search.search(request.query);
    case 'count':
      return store.search.count(request.query);
    case 'exportNext': {
      let chunks = exports.get(request.exportId);
      if (!chunks) {
        chunks = store.search.exportPages(request.query, request.chunkSize);
        exports.set(request.exportId, chunks);
      }
      const next = chunks.next();
      if (!next.done) return next.value;
      exports.delete(request.exportId);
      return null;
    }
    case 'exportClose':
      exports.get(request.exportId)?.return?.();
      exports.delete(request.exportId);
      return null;
    case 'close':
      exports.clear();
      store.close();
      return null;
  }
}

port.on('message', (request: ReaderRequest & { id: number }) => {
  let reply: WorkerAnswer;
  try {
    reply = { id: request.id, ok: true, value: answer(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: failureOf(error) };
  }
  port.postMessage(reply);
});
