import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNEL_NAMES, channels } from '../../../src-shared/ipc/contract.ts';
import { createCore, type Core } from '../../../src-main/core/create-core.ts';
import { silentLogger, type Logger } from '../../../src-main/lib/logger.ts';

// Every channel of the contract gets hostile input through the real core's router: the answer
// must be a `validation` error, never `internal` or a crash, and nothing may change on disk.

const MB_STRING = 'x'.repeat(1024 * 1024);
const DEPTH = 10_000;

function deepObject(): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < DEPTH; i++) value = { nested: value };
  return value;
}

function deepArray(): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < DEPTH; i++) value = [value];
  return value;
}

// Own properties named __proto__/constructor/prototype, as JSON.parse (and IPC) would make them.
const pollutions = () => [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"prototype":{"polluted":"yes"}}'),
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
];

/** Inputs no channel accepts: every input is undefined, a strict object or an optional one. */
function universalBadInputs(): [string, unknown][] {
  return [
    ['number', 42],
    ['negative id', -1],
    ['zero', 0],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['bigint', 10n],
    ['string', 'customers'],
    ['empty string', ''],
    ['1 MB string', MB_STRING],
    ['true', true],
    ['false', false],
    ['null', null],
    ['empty array', []],
    ['array of objects', [{}, { id: 1 }]],
    ['array of 100k numbers', Array.from({ length: 100_000 }, (_, i) => i)],
    ['deep object', deepObject()],
    ['deep array', deepArray()],
    ['unknown key', { unexpected: 1 }],
    ['1 MB key', { [MB_STRING]: 1 }],
    ...pollutions().map((p, i): [string, unknown] => [`pollution ${i}`, p]),
  ];
}

/** Values no field of any input accepts (booleans and {} are valid for some fields). */
function badFieldValues(): [string, unknown][] {
  return [
    ['1 MB string', MB_STRING],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['negative', -1],
    ['fraction', 1.5],
    ['beyond safe integer', Number.MAX_SAFE_INTEGER + 2],
    ['deep object', deepObject()],
    ['deep array', deepArray()],
    ['object with unknown key', { unexpected: 1 }],
    ['array of 1 MB strings', [MB_STRING, MB_STRING]],
    ...pollutions().map((p, i): [string, unknown] => [`pollution ${i}`, p]),
  ];
}

/** The object schema under optional/default wrappers, if the input is an object. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodType>) : null;
}

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      // -shm is SQLite's shared-memory index, rewritten by readers; it holds no data.
      else if (!entry.name.endsWith('-shm')) {
        out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  walk(dir);
  return out;
}

let dataDir: string;
let core: Core;
let before: Record<string, string>;
const internalErrors: unknown[] = [];
const logger: Logger = {
  ...silentLogger,
  error: (message, data) => internalErrors.push({ message, data }),
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rcd-fuzz-'));
  core = await createCore({
    dataDir,
    mode: 'test',
    version: '0.0.0-fuzz',
    logger,
    // A real store behind every channel, settled before the files are hashed.
    demo: { customers: 200, seed: 3, timeScale: 50 },
    syncIntervalMs: 0,
    pushIntervalMs: 0,
  });
  await core.session()?.services.sync.start();
  await core.session()?.services.sync.indexed();
  before = hashTree(dataDir);
});

afterAll(async () => {
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function expectValidation(channel: string, input: unknown, label = '') {
  const reply = await core.router.call(channel, input);
  expect(reply.ok, `${channel} accepted hostile input ${label}`).toBe(false);
  if (reply.ok) return null;
  expect(reply.error.kind, `${channel} ${label}: ${reply.error.message}`).toBe('validation');
  return reply.error;
}

describe('IPC fuzzing through the real router', () => {
  it('covers every channel of the contract', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(0);
    expect(CHANNEL_NAMES).toEqual(Object.keys(channels));
  });

  describe.each(CHANNEL_NAMES)('%s', (channel) => {
    const spec = channels[channel];
    const shape = objectShape(spec.input);

    it('refuses values of the wrong type, huge, deep and polluting ones', async () => {
      for (const [label, input] of universalBadInputs())
        await expectValidation(channel, input, label);
    });

    if (shape === null) {
      it('accepts nothing but undefined', async () => {
        for (const input of [{}, [], { full: true }]) await expectValidation(channel, input);
      });
      return;
    }

    it('names each field that is missing', async () => {
      const required = Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
      if (required.length === 0) return;
      const error = await expectValidation(channel, {});
      for (const key of required) expect(Object.keys(error?.fieldErrors ?? {})).toContain(key);
    });

    it('names each field given a hostile value', async () => {
      for (const key of Object.keys(shape)) {
        for (const [label, value] of badFieldValues()) {
          const error = await expectValidation(channel, { [key]: value });
          const fields = Object.keys(error?.fieldErrors ?? {});
          expect(
            fields.some((f) => f === key || f.startsWith(`${key}.`)),
            `${channel}.${key} = ${label} not reported (got ${fields.join(', ')})`,
          ).toBe(true);
        }
      }
    });
  });

  // zod's unrecognized-key message quotes the key: a refusal must never echo a megabyte back.
  it('keeps every refusal small, whatever the input', async () => {
    for (const channel of CHANNEL_NAMES) {
      const reply = await core.router.call(channel, { [MB_STRING]: 1 });
      expect(JSON.stringify(reply).length, channel).toBeLessThan(64 * 1024);
    }
  });

  it('left Object.prototype unpolluted', () => {
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('left the data folder byte for byte unchanged and logged no internal error', () => {
    expect(hashTree(dataDir)).toEqual(before);
    expect(internalErrors).toEqual([]);
  });

  it('still serves a valid call afterwards', async () => {
    expect(await core.router.call('app:info', undefined)).toMatchObject({
      ok: true,
      value: { version: '0.0.0-fuzz', mode: 'test' },
    });
  });
});
