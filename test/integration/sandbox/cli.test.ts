import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { call } from './http.ts';

describe('sandbox CLI', () => {
  it('prints the URL and three tokens, serves, and exits on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        'src-main/sandbox/cli.ts',
        '--customers',
        '50',
        '--seed',
        '4',
        '--port',
        '0',
        '--time-scale',
        '3',
      ],
      {
        cwd: new URL('../../../', import.meta.url).pathname,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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
    const tokens = [...output.matchAll(/(sbx_\w+)/g)].map((match) => match[1] ?? '');
    expect(tokens).toHaveLength(3);
    expect(output).toContain('time scale 3');
    const response = await call(url, '/customers/count', { token: tokens[0] ?? '' });
    expect(response.json).toEqual({ count: 50 });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 30_000);
});
