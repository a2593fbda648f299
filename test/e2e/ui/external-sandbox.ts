import type { DemoVersion } from './demo-version.ts';
import { freePort, spawnUntil, stopChild } from './processes.ts';
import { SandboxClient } from './sandbox-client.ts';

/** A sandbox in a child process, so a test can take it away and bring it back on the same port. */
export interface ExternalSandbox {
  port: number;
  url: string;
  seed: number;
  tokens: { readOnly: string; readWrite: string; full: string };
  api: SandboxClient;
  running(): boolean;
  /** Kills the process abruptly, as a lost network would look to the app. */
  kill(): Promise<void>;
  /** Starts it again with the same port, seed and data. */
  start(): Promise<void>;
}

export async function startExternalSandbox(version: DemoVersion): Promise<{
  sandbox: ExternalSandbox;
  close: () => Promise<void>;
}> {
  const port = await freePort();
  const seed = 7;
  const args = [
    'src-main/sandbox/cli.ts',
    '--customers',
    '300',
    '--seed',
    String(seed),
    '--port',
    String(port),
    '--time-scale',
    '20',
  ];
  const ready = (output: string) => /admin: /.test(output);
  let { child, out } = await spawnUntil(args, ready);
  // The sandbox's demo tokens carry their kind in their prefix, whatever the banner calls them.
  const token = (prefix: string) => {
    const match = new RegExp(`\\b${prefix}\\w+`).exec(out);
    if (!match) throw new Error(`no ${prefix}… token in:\n${out}`);
    return match[0];
  };
  const url = `http://127.0.0.1:${port}`;
  const sandbox: ExternalSandbox = {
    port,
    url,
    seed,
    tokens: {
      readOnly: token('sbx_ro_'),
      readWrite: token('sbx_rw_'),
      full: token('sbx_full_'),
    },
    api: new SandboxClient(url, version),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => stopChild(child, 'SIGKILL'),
    async start() {
      if (sandbox.running()) return;
      ({ child, out } = await spawnUntil(args, ready));
      // A new process has a new admin API: the tests' own token has to be made again.
      sandbox.api = new SandboxClient(url, version);
    },
  };
  return { sandbox, close: () => stopChild(child, 'SIGTERM') };
}
