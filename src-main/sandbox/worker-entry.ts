// The sandbox on a worker thread (started by worker.ts): it generates its store, listens, and
// answers every request here, so none of that runs on the thread that started it. It stops when
// told to close, or when that thread goes away.
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox, type Sandbox } from './index.ts';
import type { FromSandboxWorker, SandboxWorkerData, ToSandboxWorker } from './worker-protocol.ts';

if (!parentPort) throw new Error('worker-entry runs as a worker thread');
const port = parentPort;
const send = (message: FromSandboxWorker) => port.postMessage(message);

let sandbox: Sandbox | null = null;
let closing = false;

const close = async () => {
  closing = true;
  await sandbox?.close().catch(() => undefined);
  sandbox = null;
  // Nothing is left to keep the thread alive: it ends on its own.
  port.close();
};

port.on('message', (message: ToSandboxWorker) => {
  if (message.op === 'close') void close();
});

try {
  // Generation is synchronous: a close asked for meanwhile is read once it is done.
  const started = await startSandbox(workerData as SandboxWorkerData);
  if (closing) await started.close();
  else {
    sandbox = started;
    send({ kind: 'ready', url: started.url, port: started.port, tokens: started.tokens });
  }
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
