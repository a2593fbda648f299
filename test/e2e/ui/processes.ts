import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The repository, where the scripts the e2e tests start are run from. */
export const root = resolve(import.meta.dirname, '../../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Spawns a script and waits until its output (stdout and stderr) says it is ready. */
export function spawnUntil(
  args: string[],
  ready: (output: string) => boolean,
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${args[0]} did not start:\n${out}`));
    }, timeoutMs);
    let settled = false;
    // Both pipes are drained for the child's whole life, so it never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      if (settled) return;
      out += chunk.toString();
      if (ready(out)) {
        settled = true;
        clearTimeout(timer);
        done({ child, out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!settled) fail(new Error(`${args[0]} exited with ${code}:\n${out}`));
    });
  });
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}
