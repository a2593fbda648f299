// The bench's page maker thread: makes wire pages 100k customers at a time and hands them out a
// batch per request (an empty batch: all made), so the measured thread holds few at once.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { chunkPages, type WirePage } from './wire-pages.ts';

if (!parentPort) throw new Error('page-maker runs as a worker thread');
const port = parentPort;
const { count, chunk } = workerData as { count: number; chunk: number };
// A chunk's objects are collected here before its pages are handed out: this thread's collector
// running during the measured stretch would take a core from the app's two threads.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
let made: WirePage[] = [];
let start = 0;
let n = 0;

port.on('message', (take: number) => {
  if (made.length === 0 && start < count) {
    made = chunkPages(n, Math.min(chunk, count - start));
    start += chunk;
    n += 1;
    collect();
  }
  port.postMessage(made.splice(0, take));
});
