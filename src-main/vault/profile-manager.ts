import { mkdirSync } from 'node:fs';
import { AppError } from '../../src-shared/errors.ts';
import {
  AddProfileInput,
  type ProfilesState,
  type ProfileView,
} from '../../src-shared/ipc/channels/profiles.ts';
import { DEFAULT_API_VERSION } from '../../src-shared/recharge/versions.ts';
import { SCOPES, type Scope } from '../../src-shared/scopes.ts';
import { deleteCacheFolder } from './cache-folder.ts';
import { createDemoProfile } from './demo-profile.ts';
import type { ProfileManager, ProfileManagerDeps } from './profile-manager-types.ts';
import { cacheDbPathFor, newProfileId, profilesFilePath } from './profile-paths.ts';
import { openApiToken, sealApiToken } from './profile-token.ts';
import {
  readProfilesFile,
  writeProfilesFile,
  type ProfilesFile,
  type StoredProfile,
} from './profile-store.ts';
import { checkToken, isRechargeApiHost, normalizeBaseUrl } from './token-check.ts';

export type {
  ActiveProfile,
  ProfileIssue,
  ProfileManager,
  ProfileManagerDeps,
  RemoveProfileInput,
} from './profile-manager-types.ts';
export { DEMO_LABEL, type DemoSandbox } from './demo-profile.ts';
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
  const resealed = new Map<string, StoredProfile['token']>();

  for (const profile of file.profiles) {
    try {
      const opened = openApiToken(cipher, profile);
      tokens.set(profile.id, opened.token);
      if (opened.reseal) resealed.set(profile.id, opened.reseal);
    } catch (error) {
      const issue =
        error instanceof AppError
          ? error
          : new AppError('internal', 'The saved token for this store could not be read.');
      locked.set(profile.id, issue);
      // Nothing is written for it: its entry in profiles.json stays as it was, byte for byte.
      logger.warn('store profile locked: its token cannot be opened', {
        id: profile.id,
        label: profile.label,
        reason: issue.message,
      });
    }
  }
  if (resealed.size > 0) migrateTokens();

  /** Tokens sealed before contexts existed are sealed again for their store, once, atomically. */
  function migrateTokens() {
    const next = {
      ...file,
      profiles: file.profiles.map((p) => {
        const token = resealed.get(p.id);
        return token ? { ...p, token } : p;
      }),
    };
    try {
      writeProfilesFile(filePath, next);
      file = next;
      logger.info('store tokens re-sealed for their store and address', {
        ids: [...resealed.keys()],
      });
    } catch {
      // The old seals still open next time; the migration is tried again then.
      logger.warn('store tokens could not be re-sealed; trying again on the next start', {
        ids: [...resealed.keys()],
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

  const demo = createDemoProfile({
    file: () => file,
    persist,
    replaceProfile: (updated) => replaceProfile(updated),
    tokens,
    unlock: (id) => locked.delete(id),
    cipher,
    logger,
    now,
    check: (input) => checkToken(input, { fetch: deps.fetch, timeoutMs: deps.timeoutMs }),
    writeScopes: WRITE_SCOPES,
  });

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
      const id = newProfileId();
      const profile: StoredProfile = {
        id,
        label: input.label,
        baseUrl,
        version: input.version,
        scopes: checked.scopes,
        claimedScopes: checked.claimed,
        demo: false,
        createdAt: at,
        updatedAt: at,
        token: sealApiToken(cipher, { id, baseUrl }, input.token),
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
        token: sealApiToken(cipher, profile, token),
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
      if (profile.demo) await demo.close();
      if (input.deleteCache) await deleteCacheFolder(dataDir, profile.id, deps.releaseCache);
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
      if (await demo.ensure(start, version)) changed();
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

    close: demo.close,
  };
  return manager;
}
