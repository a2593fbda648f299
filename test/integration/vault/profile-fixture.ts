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
import { AppError } from '../../../src-shared/errors.ts';
import type { ProfilesState } from '../../../src-shared/ipc/channels/profiles.ts';

export let sandbox: Sandbox;
export let dataDir: string;
export let lines: string[];
export let states: ProfilesState[];
export let pending: Map<string, number>;

/** Registers the shared sandbox and a fresh data folder per test; call once per file. */
export function useProfileFixture(): void {
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
}

export const keyPath = () => join(dataDir, 'vault.key');
export const profilesPath = () => join(dataDir, 'profiles.json');

export function manager(overrides: Partial<ProfileManagerDeps> = {}): ProfileManager {
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

/** Adds a 2021-11 profile on the shared sandbox with one of its tokens; the state it answers. */
export function addSandboxProfile(
  vault: ProfileManager,
  label: string,
  token: keyof Sandbox['tokens'],
): Promise<ProfilesState> {
  return vault.add({
    label,
    baseUrl: sandbox.url,
    version: '2021-11',
    token: sandbox.tokens[token],
  });
}

export async function failure(promise: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
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
