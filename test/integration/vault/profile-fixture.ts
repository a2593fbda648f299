// What the profile manager's tests share: a sandbox store, a fresh data folder, a manager on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createLogger } from '../../../src-main/lib/logger.ts';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import { createKeyFileCipher } from '../../../src-main/vault/key-file-cipher.ts';
import {
  createProfileManager,
  type ProfileManager,
  type ProfileManagerDeps,
} from '../../../src-main/vault/profile-manager.ts';
import type { ProfilesState } from '../../../src-shared/ipc/channels/profiles.ts';

export interface ProfileFixture {
  /** The shared sandbox store (set once the file's beforeAll has run). */
  readonly sandbox: Sandbox;
  /** The current test's data folder. */
  readonly dataDir: string;
  /** What the current test's managers logged, and the states they announced. */
  readonly lines: string[];
  readonly states: ProfilesState[];
  /** Unsent edits per profile id, as the managers' pendingEdits reports them. */
  readonly pending: Map<string, number>;
  keyPath(): string;
  profilesPath(): string;
  manager(overrides?: Partial<ProfileManagerDeps>): ProfileManager;
  /** Adds a 2021-11 profile on the shared sandbox with one of its tokens; the state it answers. */
  addSandboxProfile(
    vault: ProfileManager,
    label: string,
    token: keyof Sandbox['tokens'],
  ): Promise<ProfilesState>;
}

/** Registers the shared sandbox and a fresh data folder per test; call once per file. */
export function useProfileFixture(): ProfileFixture {
  let sandbox: Sandbox | undefined;
  let dataDir = '';
  let lines: string[] = [];
  let states: ProfilesState[] = [];
  let pending = new Map<string, number>();

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 42, customers: 40 });
  });
  afterAll(() => sandbox?.close());

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vault-profiles-'));
    lines = [];
    states = [];
    pending = new Map();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const fixture: ProfileFixture = {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll; read it inside a test');
      return sandbox;
    },
    get dataDir() {
      return dataDir;
    },
    get lines() {
      return lines;
    },
    get states() {
      return states;
    },
    get pending() {
      return pending;
    },
    keyPath: () => join(dataDir, 'vault.key'),
    profilesPath: () => join(dataDir, 'profiles.json'),
    manager(overrides = {}) {
      // No `secrets` option: the vault must not rely on redaction to keep tokens out of logs.
      const logger = createLogger((line) => lines.push(line));
      return createProfileManager({
        dataDir,
        cipher: createKeyFileCipher({ path: fixture.keyPath(), logger }),
        logger,
        pendingEdits: (id) => pending.get(id) ?? 0,
        onChange: (state) => states.push(state),
        ...overrides,
      });
    },
    addSandboxProfile: (vault, label, token) =>
      vault.add({
        label,
        baseUrl: fixture.sandbox.url,
        version: '2021-11',
        token: fixture.sandbox.tokens[token],
      }),
  };
  return fixture;
}

export function encodings(token: string): string[] {
  const bytes = Buffer.from(token);
  return [
    token,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ];
}
