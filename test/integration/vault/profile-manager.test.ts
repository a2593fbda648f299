import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/lib/logger.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import {
  createKeyFileCipher,
  KEY_MISMATCH_MESSAGE,
} from '../../../src-main/vault/key-file-cipher.ts';
import {
  createProfileManager,
  type ProfileManager,
  type ProfileManagerDeps,
} from '../../../src-main/vault/profile-manager.ts';
import { TOKEN_REFUSED_MESSAGE } from '../../../src-main/vault/token-check.ts';
import { AppError } from '../../../src-shared/errors.ts';
import { ProfilesState } from '../../../src-shared/ipc/channels/profiles.ts';

let sandbox: Sandbox;
let dataDir: string;
let lines: string[];
let states: ProfilesState[];
let pending: Map<string, number>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 42, customers: 40 });
});
afterAll(() => sandbox.close());

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vault-profiles-'));
  lines = [];
  states = [];
  pending = new Map();
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const keyPath = () => join(dataDir, 'vault.key');
const profilesPath = () => join(dataDir, 'profiles.json');

function manager(overrides: Partial<ProfileManagerDeps> = {}): ProfileManager {
  // No `secrets` option: the vault must not rely on redaction to keep tokens out of logs.
  const logger = createLogger((line) => lines.push(line));
  return createProfileManager({
    dataDir,
    cipher: createKeyFileCipher({ path: keyPath(), logger }),
    logger,
    pendingEdits: (id) => pending.get(id) ?? 0,
    onChange: (state) => states.push(state),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function encodings(token: string): string[] {
  const bytes = Buffer.from(token);
  return [
    token,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ];
}

describe('secrets stay secret', () => {
  it('puts the token nowhere: profiles.json, the key file, the log, views and states', async () => {
    const vault = manager();
    await vault.add({
      label: 'Main store',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.full,
    });
    await vault.add({
      label: 'Read-only',
      baseUrl: sandbox.url,
      version: '2021-01',
      token: sandbox.tokens.readOnly,
      writeScopes: ['write_customer'],
    });
    vault.switchTo(vault.list().profiles[0]!.id);
    vault.withdrawScope(vault.list().profiles[1]!.id, 'write_customer');

    const stored = readFileSync(profilesPath());
    const key = readFileSync(keyPath());
    const seen = [
      stored.toString('utf8'),
      stored.toString('latin1'),
      key.toString('latin1'),
      key.toString('hex'),
      lines.join('\n'),
      JSON.stringify(vault.list()),
      JSON.stringify(states),
    ].join('\n');
    for (const token of [sandbox.tokens.full, sandbox.tokens.readOnly]) {
      for (const encoded of encodings(token)) expect(seen).not.toContain(encoded);
    }
    const blobs = (
      JSON.parse(stored.toString()) as { profiles: { token: { data: string } }[] }
    ).profiles.map((p) => Buffer.from(p.token.data, 'base64'));
    for (const blob of blobs) {
      expect(blob.includes(Buffer.from(sandbox.tokens.full))).toBe(false);
      expect(blob.includes(Buffer.from(sandbox.tokens.readOnly))).toBe(false);
    }
    expect(lines.length).toBeGreaterThan(0);
    // What the renderer gets is exactly the IPC schema: nothing stripped, nothing secret.
    expect(ProfilesState.parse(vault.list())).toEqual(vault.list());
    expect(vault.list().profiles.map((p) => p.tokenHint)).toEqual([
      sandbox.tokens.full.slice(-4),
      sandbox.tokens.readOnly.slice(-4),
    ]);
    expect(vault.secretsForRedaction().sort()).toEqual(
      [sandbox.tokens.full, sandbox.tokens.readOnly].sort(),
    );
    expect(vault.active()?.token()).toBe(sandbox.tokens.full);
  });

  it.runIf(process.platform !== 'win32')(
    'writes profiles.json and the key file with mode 0600',
    async () => {
      const vault = manager();
      await vault.add({
        label: 'S',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: sandbox.tokens.full,
      });
      expect(statSync(keyPath()).mode & 0o777).toBe(0o600);
      expect(statSync(profilesPath()).mode & 0o777).toBe(0o600);
    },
  );
});

describe('key file mismatch', () => {
  async function twoProfiles() {
    const vault = manager();
    await vault.add({
      label: 'A',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.full,
    });
    await vault.add({
      label: 'B',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.readWrite,
    });
    return vault;
  }

  it('gives a clear error, loses no profile, and works again once the right key is back', async () => {
    const before = await twoProfiles();
    const ids = before.list().profiles.map((p) => p.id);
    const savedProfiles = readFileSync(profilesPath());
    const rightKey = readFileSync(keyPath());
    writeFileSync(keyPath(), Buffer.alloc(32, 9), { mode: 0o600 });

    const locked = manager();
    expect(locked.list().profiles.map((p) => p.id)).toEqual(ids);
    expect(locked.list().activeId).toBeNull();
    expect(locked.active()).toBeNull();
    expect(locked.activeScopes().size).toBe(0);
    expect(locked.issues().map((i) => i.message)).toEqual([
      KEY_MISMATCH_MESSAGE,
      KEY_MISMATCH_MESSAGE,
    ]);
    const error = await failure(() => locked.switchTo(ids[0]!));
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^The key file does not match the saved tokens/);
    expect(readFileSync(profilesPath()).equals(savedProfiles)).toBe(true);

    writeFileSync(keyPath(), rightKey, { mode: 0o600 });
    const restored = manager();
    expect(restored.issues()).toEqual([]);
    expect(restored.active()?.id).toBe(ids[1]);
    restored.switchTo(ids[0]!);
    expect(restored.active()?.token()).toBe(sandbox.tokens.full);
  });

  it('with the key file missing: nothing is overwritten; re-entering a token unlocks that profile', async () => {
    const before = await twoProfiles();
    const [a, b] = before.list().profiles.map((p) => p.id);
    const savedProfiles = readFileSync(profilesPath());
    rmSync(keyPath());

    const locked = manager();
    expect(locked.issues().map((i) => i.message)[0]).toMatch(/key file \(vault.key\) is missing/);
    expect(readFileSync(profilesPath()).equals(savedProfiles)).toBe(true);
    expect(existsSync(keyPath())).toBe(false);

    await locked.replaceToken(a!, sandbox.tokens.full);
    expect(locked.active()?.id).toBe(a);
    expect(locked.active()?.token()).toBe(sandbox.tokens.full);
    expect(locked.issues().map((i) => i.id)).toEqual([b]);
    // The other profile's sealed token is kept as it was, for the old key to open later.
    const oldB = (
      JSON.parse(savedProfiles.toString()) as { profiles: { id: string; token: unknown }[] }
    ).profiles.find((p) => p.id === b);
    const newB = (
      JSON.parse(readFileSync(profilesPath(), 'utf8')) as {
        profiles: { id: string; token: unknown }[];
      }
    ).profiles.find((p) => p.id === b);
    expect(newB?.token).toEqual(oldB?.token);
  });

  it('tightens a world-readable key file and keeps working', async () => {
    await twoProfiles();
    chmodSync(keyPath(), 0o644);
    const vault = manager();
    expect(vault.issues()).toEqual([]);
    expect(statSync(keyPath()).mode & 0o777).toBe(0o600);
    expect(lines.some((l) => l.includes('readable by other users'))).toBe(true);
  });
});

describe('validation on save', () => {
  it('refuses a token the store rejects (401) and saves nothing', async () => {
    const vault = manager();
    const error = await failure(
      vault.add({
        label: 'Bad',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: 'wrong-token-123',
      }),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(TOKEN_REFUSED_MESSAGE);
    expect(existsSync(profilesPath())).toBe(false);
    expect(vault.list()).toEqual({ profiles: [], activeId: null });
  });

  it('on a network failure says so and saves nothing', async () => {
    const vault = manager();
    await vault.add({
      label: 'Kept',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.full,
    });
    const saved = readFileSync(profilesPath());
    const gone = await startSandbox({ customers: 1 });
    await gone.close();
    const error = await failure(
      vault.add({ label: 'Gone', baseUrl: gone.url, version: '2021-11', token: gone.tokens.full }),
    );
    expect(error.kind).toBe('network');
    expect(readFileSync(profilesPath()).equals(saved)).toBe(true);
    expect(vault.list().profiles.map((p) => p.label)).toEqual(['Kept']);
  });

  it('gives the sandbox read-only token only the read scopes', async () => {
    const vault = manager();
    const state = await vault.add({
      label: 'Read-only',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.readOnly,
    });
    expect(state.profiles[0]?.scopes).toEqual(['read_customer', 'read_payments']);
    expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);
  });

  it('keeps ticked write scopes on 2021-01 until withdrawScope removes one (and remembers)', async () => {
    const vault = manager();
    const state = await vault.add({
      label: 'Old API',
      baseUrl: sandbox.url,
      version: '2021-01',
      token: sandbox.tokens.readOnly,
      writeScopes: ['write_customer', 'write_payments'],
    });
    const id = state.activeId!;
    // 2021-01 keeps billing on the customer: reading customers reads payment details too.
    expect([...vault.activeScopes()].sort()).toEqual([
      'read_customer',
      'read_payments',
      'write_customer',
      'write_payments',
    ]);
    states.length = 0;
    vault.withdrawScope(id, 'write_payments');
    const left = ['read_customer', 'read_payments', 'write_customer'];
    expect([...vault.activeScopes()].sort()).toEqual(left);
    expect(states.at(-1)?.profiles[0]?.scopes.slice().sort()).toEqual(left);
    expect([...manager().activeScopes()].sort()).toEqual(left);
  });

  it('refuses the same store and token twice', async () => {
    const vault = manager();
    const input = {
      label: 'Twice',
      baseUrl: sandbox.url,
      version: '2021-11' as const,
      token: sandbox.tokens.full,
    };
    await vault.add(input);
    expect((await failure(vault.add(input))).kind).toBe('conflict');
  });
});

describe('switching and removing', () => {
  async function setup() {
    const vault = manager();
    const a = (
      await vault.add({
        label: 'Full',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: sandbox.tokens.full,
      })
    ).activeId!;
    const b = (
      await vault.add({
        label: 'Reader',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: sandbox.tokens.readOnly,
      })
    ).activeId!;
    return { vault, a, b };
  }

  it('switches the active profile, its cache path and its scopes, and announces it', async () => {
    const { vault, a, b } = await setup();
    expect(vault.active()?.id).toBe(b);
    expect(vault.active()?.cacheDbPath).toBe(join(dataDir, 'stores', b, 'cache.sqlite'));
    expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);

    states.length = 0;
    const state = vault.switchTo(a);
    expect(state.activeId).toBe(a);
    expect(states.map((s) => s.activeId)).toEqual([a]);
    expect(vault.active()?.cacheDbPath).toBe(join(dataDir, 'stores', a, 'cache.sqlite'));
    expect(vault.active()?.token()).toBe(sandbox.tokens.full);
    expect([...vault.activeScopes()]).toEqual([
      'read_customer',
      'write_customer',
      'read_payments',
      'write_payments',
    ]);
    // And it is remembered.
    expect(manager().active()?.id).toBe(a);
  });

  it('refuses an unknown id', async () => {
    const { vault } = await setup();
    expect((await failure(() => vault.switchTo('../../etc'))).kind).toBe('not_found');
    expect((await failure(vault.remove({ id: '../..', deleteCache: true }))).kind).toBe(
      'not_found',
    );
  });

  it('refuses removal while edits are pending, naming the count, unless they are discarded', async () => {
    const { vault, b } = await setup();
    pending.set(b, 3);
    const error = await failure(vault.remove({ id: b, deleteCache: false }));
    expect(error.kind).toBe('conflict');
    expect(error.message).toMatch(/3 edits/);
    expect(vault.list().profiles).toHaveLength(2);

    await vault.remove({ id: b, deleteCache: false, discardPending: true });
    expect(vault.list().profiles.map((p) => p.label)).toEqual(['Full']);
  });

  it('removing the active profile picks another, then none; the token leaves the disk', async () => {
    const { vault, a, b } = await setup();
    const sealedB = (
      JSON.parse(readFileSync(profilesPath(), 'utf8')) as {
        profiles: { id: string; token: { data: string } }[];
      }
    ).profiles.find((p) => p.id === b)!.token.data;

    let state = await vault.remove({ id: b, deleteCache: false });
    expect(state.activeId).toBe(a);
    expect(vault.active()?.id).toBe(a);
    expect(readFileSync(profilesPath(), 'utf8')).not.toContain(sealedB);
    expect(vault.secretsForRedaction()).toEqual([sandbox.tokens.full]);

    state = await vault.remove({ id: a, deleteCache: false });
    expect(state).toEqual({ profiles: [], activeId: null });
    expect(vault.active()).toBeNull();
    expect(vault.activeScopes().size).toBe(0);
    expect(states.at(-1)).toEqual({ profiles: [], activeId: null });
  });

  it('deletes the cache folder only with deleteCache, after releasing it', async () => {
    const released: string[] = [];
    const vault = manager({ releaseCache: (id) => void released.push(id) });
    const a = (
      await vault.add({
        label: 'A',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: sandbox.tokens.full,
      })
    ).activeId!;
    const b = (
      await vault.add({
        label: 'B',
        baseUrl: sandbox.url,
        version: '2021-11',
        token: sandbox.tokens.readOnly,
      })
    ).activeId!;
    for (const id of [a, b]) {
      const path = vault.cacheDbPath(id);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, 'cache');
    }
    await vault.remove({ id: a, deleteCache: false });
    expect(existsSync(join(dataDir, 'stores', a))).toBe(true);
    await vault.remove({ id: b, deleteCache: true });
    expect(existsSync(join(dataDir, 'stores', b))).toBe(false);
    expect(released).toEqual([b]);
  });
});

describe('first run', () => {
  it('opens a fresh data folder on the demo store with all scopes, labelled as demo', async () => {
    const started: Sandbox[] = [];
    const startDemo = async () => {
      const demo = await startSandbox({ seed: 42, customers: 3000 });
      started.push(demo);
      return { url: demo.url, token: demo.tokens.full, close: () => demo.close() };
    };
    try {
      const vault = manager();
      await vault.ensureDemoProfile(startDemo);
      const state = vault.list();
      expect(state.profiles).toHaveLength(1);
      expect(state.profiles[0]).toMatchObject({ demo: true, baseUrl: started[0]!.url });
      expect(state.profiles[0]?.label).toMatch(/demo/i);
      expect(state.activeId).toBe(state.profiles[0]?.id);
      expect([...vault.activeScopes()]).toEqual([
        'read_customer',
        'write_customer',
        'read_payments',
        'write_payments',
      ]);
      expect(vault.active()?.demo).toBe(true);
      expect(readFileSync(profilesPath(), 'utf8')).not.toContain(started[0]!.tokens.full);
      await vault.close();

      // Next run: the same demo profile follows the sandbox to its new port.
      const again = manager();
      await again.ensureDemoProfile(startDemo);
      expect(again.list().profiles).toHaveLength(1);
      expect(again.list().profiles[0]?.baseUrl).toBe(started[1]!.url);
      await again.close();
    } finally {
      await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    }
  });

  it('a demo on API 2021-01 can write: its full token is taken at its word', async () => {
    const demo = await startSandbox({ seed: 42, customers: 20 });
    try {
      const vault = manager();
      await vault.ensureDemoProfile(
        async () => ({ url: demo.url, token: demo.tokens.full, close: async () => undefined }),
        '2021-01',
      );
      expect(vault.list().profiles[0]?.version).toBe('2021-01');
      expect([...vault.activeScopes()].sort()).toEqual([
        'read_customer',
        'read_payments',
        'write_customer',
        'write_payments',
      ]);
    } finally {
      await demo.close();
    }
  });

  it('a demo started with the read-only token ends with the read scopes only', async () => {
    const demo = await startSandbox({ seed: 42, customers: 20 });
    try {
      const vault = manager();
      await vault.ensureDemoProfile(async () => ({
        url: demo.url,
        token: demo.tokens.readOnly,
        close: async () => undefined,
      }));
      expect(vault.list().profiles[0]).toMatchObject({
        demo: true,
        scopes: ['read_customer', 'read_payments'],
      });
      expect([...vault.activeScopes()]).toEqual(['read_customer', 'read_payments']);
    } finally {
      await demo.close();
    }
  });

  it('does not start the demo when the merchant already has a store', async () => {
    const vault = manager();
    await vault.add({
      label: 'Real',
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.full,
    });
    let starts = 0;
    await vault.ensureDemoProfile(async () => {
      starts += 1;
      throw new Error('should not start');
    });
    expect(starts).toBe(0);
    expect(vault.list().profiles.map((p) => p.demo)).toEqual([false]);
  });
});
