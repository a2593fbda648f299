import type { ApiVersion } from '../../src-shared/ipc/channels/profiles.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import { DEMO_PROFILE_ID } from './profile-paths.ts';
import type { ProfilesFile, StoredProfile } from './profile-store.ts';
import { sealApiToken } from './profile-token.ts';
import type { SecretCipher } from './secret-cipher.ts';
import { normalizeBaseUrl, type checkToken } from './token-check.ts';

export const DEMO_LABEL = 'Demo store (sandbox data)';

export interface DemoSandbox {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** What the demo store needs of the profile manager's state. */
export interface DemoProfileContext {
  file(): ProfilesFile;
  persist(next: ProfilesFile): void;
  replaceProfile(updated: StoredProfile): ProfilesFile;
  tokens: Map<string, string>;
  unlock(id: string): void;
  cipher: SecretCipher;
  logger: Logger;
  now(): Date;
  check(input: Parameters<typeof checkToken>[0]): ReturnType<typeof checkToken>;
  writeScopes: readonly Scope[];
}

/** The demo store: a local sandbox started on demand and its profile, kept while it runs. */
export function createDemoProfile(ctx: DemoProfileContext) {
  let sandbox: DemoSandbox | null = null;

  const close = async () => {
    const running = sandbox;
    sandbox = null;
    await running?.close();
  };

  /** Opens the demo store when no other store exists; false when there was nothing to do. */
  const ensure = async (start: () => Promise<DemoSandbox>, version: ApiVersion) => {
    const before = ctx.file();
    const existing = before.profiles.find((p) => p.demo);
    if ((!existing && before.profiles.length > 0) || sandbox) return false;
    const started = await start();
    try {
      const baseUrl = normalizeBaseUrl(started.url);
      const checked = await ctx.check(
        // The demo starts with the sandbox's full token: on 2021-01, where a token cannot say
        // what it may write, it is taken at its word.
        { baseUrl, version, token: started.token, writeScopes: [...ctx.writeScopes] },
      );
      const at = ctx.now().toISOString();
      const id = existing?.id ?? DEMO_PROFILE_ID;
      // The token is sealed for this run's address, so it is sealed again each run.
      const profile: StoredProfile = {
        id,
        label: existing?.label ?? DEMO_LABEL,
        // The sandbox listens on a fresh port each run.
        baseUrl,
        version,
        scopes: checked.scopes,
        claimedScopes: checked.claimed,
        demo: true,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        token: sealApiToken(ctx.cipher, { id, baseUrl }, started.token),
      };
      const current = ctx.file();
      ctx.persist(
        existing
          ? ctx.replaceProfile(profile)
          : { ...current, activeId: profile.id, profiles: [...current.profiles, profile] },
      );
      ctx.tokens.set(profile.id, started.token);
      ctx.unlock(profile.id);
      sandbox = started;
      ctx.logger.info(existing ? 'demo store restarted' : 'demo store created', {
        id: profile.id,
        baseUrl,
        scopes: profile.scopes,
      });
    } catch (error) {
      await started.close();
      throw error;
    }
    return true;
  };

  return { ensure, close };
}
