import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';

const ROOT = new URL('../../../', import.meta.url).pathname;

export interface SandboxProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** What it printed up to its banner's last line. */
  output: string;
  url: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the sandbox CLI with these switches and waits for its banner. It listens on a free port
 * (`--port 0`), never the default 4010, so test files running side by side do not collide.
 */
export async function startSandboxCli(args: string[]): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['src-main/sandbox/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 15_000);
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('admin:')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  const stop = async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    return code;
  };
  return { child, output, url, stop };
}

/** Runs the sandbox CLI with switches it should refuse, and resolves with its exit code. */
export async function refusedSandboxCli(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['src-main/sandbox/cli.ts', ...args], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}
