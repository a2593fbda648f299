import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors.ts';
import { defineChannels } from '../../../src-shared/ipc/define.ts';
import type { Scope } from '../../../src-shared/scopes.ts';
import { silentLogger, type Logger } from '../../../src-main/lib/logger.ts';
import { createRouter } from '../../../src-main/ipc/router.ts';

const testChannels = defineChannels({
  'things:echo': {
    input: z.object({ name: z.string().min(1).max(20) }),
    output: z.object({ name: z.string() }),
  },
  'things:write': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ done: z.boolean() }),
    scope: 'write_customer',
  },
  'things:leaky': { input: z.undefined(), output: z.object({ label: z.string() }) },
  'things:crash': { input: z.undefined(), output: z.object({}) },
  'things:refuse': { input: z.undefined(), output: z.object({}) },
});

function makeRouter(scopes: Scope[], logger: Logger = silentLogger) {
  let writes = 0;
  const router = createRouter({
    channels: testChannels,
    scopes: () => new Set(scopes),
    logger,
    handlers: {
      'things:echo': ({ name }) => ({ name }),
      'things:write': () => {
        writes++;
        return { done: true };
      },
      // A handler that returns more than the contract allows: the extra key must not cross IPC.
      'things:leaky': () =>
        ({ label: 'Main store', token: 'secret-token-value' }) as { label: string },
      'things:crash': () => {
        throw new Error('database exploded at /home/user/secret/path');
      },
      'things:refuse': () => {
        throw new AppError('not_found', 'That customer no longer exists.');
      },
    },
  });
  return { router, writes: () => writes };
}

describe('IPC router', () => {
  it('returns the handler result for valid input', async () => {
    const { router } = makeRouter([]);
    expect(await router.call('things:echo', { name: 'Ada' })).toEqual({
      ok: true,
      value: { name: 'Ada' },
    });
  });

  it('rejects malformed input with a validation error naming the field', async () => {
    const { router } = makeRouter([]);
    const result = await router.call('things:echo', { name: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(['name']);
  });

  it('rejects a call whose scope the profile lacks with forbidden, without running it', async () => {
    const { router, writes } = makeRouter(['read_customer']);
    const result = await router.call('things:write', { id: 1 });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', scope: 'write_customer' },
    });
    expect(writes()).toBe(0);
    const allowed = makeRouter(['read_customer', 'write_customer']);
    expect(await allowed.router.call('things:write', { id: 1 })).toEqual({
      ok: true,
      value: { done: true },
    });
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { router } = makeRouter([]);
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await router.call(name, undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
  });

  it('strips fields the contract does not declare from outputs', async () => {
    const { router } = makeRouter([]);
    const result = await router.call('things:leaky', undefined);
    expect(result).toEqual({ ok: true, value: { label: 'Main store' } });
    expect(JSON.stringify(result)).not.toContain('secret-token-value');
  });

  it('turns unexpected exceptions into an internal error without the stack or message', async () => {
    const logged: unknown[] = [];
    const logger: Logger = { ...silentLogger, error: (m, d) => logged.push([m, d]) };
    const { router } = makeRouter([], logger);
    const result = await router.call('things:crash', undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain('exploded');
    expect(text).not.toContain('/home/user');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(logged).toHaveLength(1);
  });

  it('passes AppError kinds and messages through', async () => {
    const { router } = makeRouter([]);
    expect(await router.call('things:refuse', undefined)).toEqual({
      ok: false,
      error: { kind: 'not_found', message: 'That customer no longer exists.' },
    });
  });
});
