import { describe, expect, it } from 'vitest';
import { startSandboxCli } from './cli-process.ts';
import { call } from './http.ts';

describe('sandbox CLI', () => {
  it('prints the URL and three tokens, serves, and exits on SIGTERM', async () => {
    const { output, url, stop } = await startSandboxCli([
      '--customers',
      '50',
      '--seed',
      '4',
      '--time-scale',
      '3',
    ]);
    const tokens = [...output.matchAll(/(sbx_\w+)/g)].map((match) => match[1] ?? '');
    expect(tokens).toHaveLength(3);
    expect(output).toContain('time scale 3');
    const response = await call(url, '/customers/count', { token: tokens[0] ?? '' });
    expect(response.json).toEqual({ count: 50 });
    expect(await stop()).toBe(0);
  }, 30_000);
});
