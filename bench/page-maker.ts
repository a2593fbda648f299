// The bench's page maker thread: generates a chunk of wire pages when asked (see `wirePages`).
import { parentPort } from 'node:worker_threads';
import { chunkPages } from './wire-pages.ts';

if (!parentPort) throw new Error('page-maker runs as a worker thread');
const port = parentPort;
port.on('message', ({ n, size }: { n: number; size: number }) => {
  port.postMessage(chunkPages(n, size));
});
