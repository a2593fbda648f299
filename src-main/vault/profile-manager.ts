import { mkdirSync, rmSync } from 'node:fs';
import { AppError } from '../../src-shared/errors.ts';
import {
  AddProfileInput,
  type ApiVersion,
  type ProfilesState,
  type ProfileView,
} from '../../src-shared/ipc/channels/profiles.ts';
import { DEFAULT_API_VERSION } from '../../src-shared/recharge/versions.ts';
import { SCOPES, type Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import {
  cacheDbPathFor,
  DEMO_PROFILE_ID,
  newProfileId,
  profilesFilePath,
  storeDirFor,
} from './profile-paths.ts';
import {
  readProfilesFile,
  writeProfilesFile,
  type ProfilesFile,
  type StoredProfile,
} from './profile-store.ts';
import type { SecretCipher } from './secret-cipher.ts';
import { checkToken, isRechargeApiHost, normalizeBaseUrl, type FetchLike } from './token-check.ts';

/** The active store as main sees it. The token only through a function, and only in main. */
export interface ActiveProfile {
  id: string;
  label: string;
  baseUrl: string;
  version: ApiVersion;
  scopes: readonly Scope[];
  demo: boolean;
  token(): string;
  cacheDbPath: string;
}

/** A profile whose token cannot be opened (wrong or missing key): shown, kept, not usable. */
export interface ProfileIssue {
  id: string;
  label: string;
  kind: AppError['kind'];
  message: string;
}

export interface DemoSandbox {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface RemoveProfileInput {
  id: string;
  deleteCache: boolean;
  discardPending?: boolean;
}

export interface ProfileManagerDeps {
  dataDir: string;
  cipher: SecretCipher;
  logger: Logger;
  /** Outbox rows not yet pushed for a profile; removal refuses while there are any. */
  pendingEdits(profileId: string): number | Promise<number>;
  onChange?(state: ProfilesState): void;
  /** Called before a profile's cache folder is deleted, so its database can be closed first. */
  releaseCache?(profileId: string): void | Promise<void>;
  fetch?: FetchLike;
  timeoutMs?: number;
  now?: () => Date;
}

export interface ProfileManager {
  list(): ProfilesState;
  add(input: AddProfileInput): Promise<ProfilesState>;
  /** Re-enter a profile's token (after a key-file mismatch, or a rotated token). */
  replaceToken(id: string, token: string): Promise<ProfilesState>;
  switchTo(id: string): ProfilesState;
  remove(input: RemoveProfileInput): Promise<ProfilesState>;
  active(): ActiveProfile | null;
  activeScopes(): ReadonlySet<Scope>;
  /** A write scope the merchant ticked proved real (first successful write). */
  confirmScope(id: string, scope: Scope): void;
  /** A 403 proved the token lacks a scope: it stops being offered. */
  withdrawScope(id: string, scope: Scope): void;
  /** Opens the demo store (on `version`, 2021-11 unless told) when no other store exists. */
  ensureDemoProfile(start: () => Promise<DemoSandbox>, version?: ApiVersion): Promise<void>;
  issues(): ProfileIssue[];
  secretsForRedaction(): string[];
  cacheDbPath(id: string): string;
  /** Stops the demo sandbox if this manager started one. */
  close(): Promise<void>;
}

export const DEMO_LABEL = 'Demo store (sandbox data)';
const WRITE_SCOPES: readonly Scope[] = ['write_customer', 'write_payments'];

export function tokenHint(token: string): string {
  return token.slice(-4);
}

function allScopes(profile: StoredProfile): Scope[] {
  const set = new Set([...profile.scopes, ...profile.claimedScopes]);
  return SCOPES.filter((scope) => set.has(scope));
}

const notFound = () => new AppError('not_found', 'There is no saved store with that id.');

export function createProfileManager(deps: ProfileManagerDeps): ProfileManager {
  const { dataDir, cipher, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const filePath = profilesFilePath(dataDir);
  mkdirSync(dataDir, { recursive: true });

  let file: ProfilesFile = readProfilesFile(filePath, logger, now);
  const tokens = new Map<string, string>();
  const locked = new Map<string, AppError>();
  let demoSandbox: DemoSandbox | null = null;

  for (const profile of file.profiles) {
    try {
      tokens.set(profile.id, cipher.open(profile.token));
    } catch (error) {
      const issue =
        error instanceof AppError
          ? error
          : new AppError('internal', 'The saved token for this store could not be read.');
      locked.set(profile.id, issue);
      // Nothing is written here: profiles.json stays as it was, byte for byte.
      logger.warn('store profile locked: its token cannot be opened', {
        id: profile.id,
        label: profile.label,
        reason: issue.message,
      });
    }
  }

  const find = (id: string) => file.profiles.find((p) => p.id === id);
  const usable = (p: StoredProfile) => tokens.has(p.id) && !locked.has(p.id);

  const activeRecord = (): StoredProfile | null => {
    const chosen = file.activeId === null ? undefined : find(file.activeId);
    if (chosen && usable(chosen)) return chosen;
    return file.profiles.find(usable) ?? null;
  };

  const view = (p: StoredProfile): ProfileView => {
    const token = tokens.get(p.id);
    return {
      id: p.id,
      label: p.label,
      baseUrl: p.baseUrl,
      version: p.version,
      scopes: allScopes(p),
      tokenHint: token === undefined ? '' : tokenHint(token),
      demo: p.demo,
      ...(locked.has(p.id) ? { locked: locked.get(p.id)!.message } : {}),
    };
  };

  const state = (): ProfilesState => ({
    profiles: file.profiles.map(view),
    activeId: activeRecord()?.id ?? null,
  });

  // Disk first, memory after: a failed write leaves both as they were.
  const persist = (next: ProfilesFile) => {
    writeProfilesFile(filePath, next);
    file = next;
  };

  const changed = (): ProfilesState => {
    const current = state();
    deps.onChange?.(current);
    return current;
  };

  const replaceProfile = (updated: StoredProfile, activeId = file.activeId): ProfilesFile => ({
    ...file,
    activeId,
    profiles: file.profiles.map((p) => (p.id === updated.id ? updated : p)),
  });

  const updateScopes = (id: string, edit: (p: StoredProfile) => StoredProfile, what: string) => {
    const profile = find(id);
    if (!profile) return;
    const updated = edit(profile);
    if (
      updated.scopes.join() === profile.scopes.join() &&
      updated.claimedScopes.join() === profile.claimedScopes.join()
    ) {
      return;
    }
    persist(replaceProfile({ ...updated, updatedAt: now().toISOString() }));
    logger.info(what, { id, scopes: allScopes(updated) });
    changed();
  };

  const closeDemo = async () => {
    const sandbox = demoSandbox;
    demoSandbox = null;
    await sandbox?.close();
  };

  const manager: ProfileManager = {
    list: state,

    async add(rawInput) {
      const input = AddProfileInput.parse(rawInput);
      const baseUrl = normalizeBaseUrl(input.baseUrl);
      if (!isRechargeApiHost(baseUrl)) {
        logger.warn('store address is not a ReCharge API host', { baseUrl });
      }
      const duplicate = file.profiles.find(
        (p) => p.baseUrl === baseUrl && tokens.get(p.id) === input.token,
      );
      if (duplicate) {
        throw new AppError('conflict', `This store is already saved as “${duplicate.label}”.`);
      }
      const checked = await checkToken(
        { baseUrl, version: input.version, token: input.token, writeScopes: input.writeScopes },
        { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
      );
      const at = now().toISOString();
      const profile: StoredProfile = {
        id: newProfileId(),
        label: input.label,
        baseUrl,
        version: input.version,
        scopes: checked.scopes,
        claimedScopes: checked.claimed,
        demo: false,
        createdAt: at,
        updatedAt: at,
        token: cipher.seal(input.token),
      };
      persist({ ...file, activeId: profile.id, profiles: [...file.profiles, profile] });
      tokens.set(profile.id, input.token);
      logger.info('store profile added', {
        id: profile.id,
        label: profile.label,
        baseUrl,
        version: profile.version,
        scopes: profile.scopes,
        claimedScopes: profile.claimedScopes,
        backend: cipher.backend,
      });
      return changed();
    },

    async replaceToken(id, rawToken) {
      const profile = find(id);
      if (!profile) throw notFound();
      const token = AddProfileInput.shape.token.parse(rawToken);
      const checked = await checkToken(
        {
          baseUrl: profile.baseUrl,
          version: profile.version,
          token,
          // On 2021-01 a write scope is proven only by a write: the new token is taken to have
          // what the old one had, proven or ticked, until a 403 says otherwise.
          writeScopes: WRITE_SCOPES.filter(
            (s) => profile.scopes.includes(s) || profile.claimedScopes.includes(s),
          ),
        },
        { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
      );
      const updated: StoredProfile = {
        ...profile,
        scopes: checked.scopes,
        claimedScopes: checked.claimed,
        updatedAt: now().toISOString(),
        token: cipher.seal(token),
      };
      persist(replaceProfile(updated));
      tokens.set(id, token);
      locked.delete(id);
      logger.info('store token replaced', { id, scopes: allScopes(updated) });
      return changed();
    },

    switchTo(id) {
      const profile = find(id);
      if (!profile) throw notFound();
      const issue = locked.get(id);
      if (issue) throw new AppError(issue.kind, issue.message);
      if (activeRecord()?.id === id && file.activeId === id) return state();
      persist({ ...file, activeId: id });
      logger.info('switched store', { id, label: profile.label });
      return changed();
    },

    async remove(input) {
      const profile = find(input.id);
      if (!profile) throw notFound();
      const pending = await deps.pendingEdits(profile.id);
      if (pending > 0 && !input.discardPending) {
        const edits = pending === 1 ? '1 edit that has' : `${pending} edits that have`;
        throw new AppError(
          'conflict',
          `“${profile.label}” has ${edits} not been sent yet. Export or discard them before ` +
            'removing the store.',
        );
      }
      const remaining = file.profiles.filter((p) => p.id !== profile.id);
      const wasActive = activeRecord()?.id === profile.id;
      const nextActive = wasActive
        ? (remaining.find(usable)?.id ?? null)
        : file.activeId === profile.id
          ? null
          : file.activeId;
      persist({ ...file, activeId: nextActive, profiles: remaining });
      tokens.delete(profile.id);
      locked.delete(profile.id);
      logger.info('store profile removed', {
        id: profile.id,
        label: profile.label,
        discardedEdits: pending,
        deleteCache: input.deleteCache,
      });
      const result = changed();
      if (profile.demo) await closeDemo();
      if (input.deleteCache) {
        await deps.releaseCache?.(profile.id);
        rmSync(storeDirFor(dataDir, profile.id), { recursive: true, force: true });
      }
      return result;
    },

    active() {
      const profile = activeRecord();
      if (!profile) return null;
      const id = profile.id;
      return {
        id,
        label: profile.label,
        baseUrl: profile.baseUrl,
        version: profile.version,
        scopes: allScopes(profile),
        demo: profile.demo,
        token: () => {
          const token = tokens.get(id);
          if (token === undefined) throw new AppError('auth', 'This store has been removed.');
          return token;
        },
        cacheDbPath: cacheDbPathFor(dataDir, id),
      };
    },

    activeScopes() {
      const profile = activeRecord();
      return new Set(profile ? allScopes(profile) : []);
    },

    confirmScope(id, scope) {
      updateScopes(
        id,
        (p) =>
          p.claimedScopes.includes(scope)
            ? {
                ...p,
                scopes: SCOPES.filter((s) => s === scope || p.scopes.includes(s)),
                claimedScopes: p.claimedScopes.filter((s) => s !== scope),
              }
            : p,
        'store scope confirmed',
      );
    },

    withdrawScope(id, scope) {
      updateScopes(
        id,
        (p) => ({
          ...p,
          scopes: p.scopes.filter((s) => s !== scope),
          claimedScopes: p.claimedScopes.filter((s) => s !== scope),
        }),
        'store scope withdrawn after a 403',
      );
    },

    async ensureDemoProfile(start, version = DEFAULT_API_VERSION) {
      const existing = file.profiles.find((p) => p.demo);
      if ((!existing && file.profiles.length > 0) || demoSandbox) return;
      const sandbox = await start();
      try {
        const baseUrl = normalizeBaseUrl(sandbox.url);
        const checked = await checkToken(
          // The demo starts with the sandbox's full token: on 2021-01, where a token cannot say
          // what it may write, it is taken at its word.
          { baseUrl, version, token: sandbox.token, writeScopes: [...WRITE_SCOPES] },
          { fetch: deps.fetch, timeoutMs: deps.timeoutMs },
        );
        const at = now().toISOString();
        const sealNeeded = !existing || tokens.get(existing.id) !== sandbox.token;
        const profile: StoredProfile = {
          id: existing?.id ?? DEMO_PROFILE_ID,
          label: existing?.label ?? DEMO_LABEL,
          // The sandbox listens on a fresh port each run.
          baseUrl,
          version,
          scopes: checked.scopes,
          claimedScopes: checked.claimed,
          demo: true,
          createdAt: existing?.createdAt ?? at,
          updatedAt: at,
          token: existing && !sealNeeded ? existing.token : cipher.seal(sandbox.token),
        };
        persist(
          existing
            ? replaceProfile(profile)
            : { ...file, activeId: profile.id, profiles: [...file.profiles, profile] },
        );
        tokens.set(profile.id, sandbox.token);
        locked.delete(profile.id);
        demoSandbox = sandbox;
        logger.info(existing ? 'demo store restarted' : 'demo store created', {
          id: profile.id,
          baseUrl,
          scopes: profile.scopes,
        });
      } catch (error) {
        await sandbox.close();
        throw error;
      }
      changed();
    },

    issues() {
      return file.profiles.flatMap((p) => {
        const issue = locked.get(p.id);
        return issue
          ? [{ id: p.id, label: p.label, kind: issue.kind, message: issue.message }]
          : [];
      });
    },

    secretsForRedaction: () => [...tokens.values()],

    cacheDbPath(id) {
      if (!find(id)) throw notFound();
      return cacheDbPathFor(dataDir, id);
    },

    close: closeDemo,
  };
  return manager;
}
