import type { AppError } from '../../src-shared/errors.ts';
import type {
  AddProfileInput,
  ApiVersion,
  ProfilesState,
} from '../../src-shared/ipc/channels/profiles.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { Logger } from '../lib/logger.ts';
import type { DemoSandbox } from './demo-profile.ts';
import type { SecretCipher } from './secret-cipher.ts';
import type { FetchLike } from './token-check.ts';

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
