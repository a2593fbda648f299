import type { AppMode } from '../../src-shared/ipc/channels/app.ts';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import type { ChooseExportPath } from '../export/export-service.ts';
import type { Logger } from '../lib/logger.ts';
import type { SecretCipher } from '../vault/secret-cipher.ts';

export interface DemoOptions {
  customers: number;
  seed: number;
  /** Drain-rate multiplier of the demo sandbox's rate limit (1 = the live API's 2/s). */
  timeScale: number;
  /** The API version the demo store speaks (2021-11 unless told). */
  version?: ApiVersion;
  /**
   * Serve the demo sandbox's admin controls over HTTP (the browser harness, for its tests). Off
   * in the app: no web page may reset or reshape the store the app is working on.
   */
  adminApi?: boolean;
}

export interface CoreConfig {
  dataDir: string;
  mode: AppMode;
  version: string;
  logger?: Logger;
  /** Seals API and payment tokens at rest; the key file beside the data by default. */
  cipher?: SecretCipher;
  /** First run without a profile opens on an embedded sandbox; false turns that off. */
  demo?: DemoOptions | false;
  fetch?: typeof fetch;
  /** better-sqlite3 binding built for Electron, when one exists. */
  nativeBinding?: string | undefined;
  /** The cache writer's worker script when bundled (Node runs the source by default). */
  writerWorker?: string | undefined;
  syncIntervalMs?: number;
  pushIntervalMs?: number;
  /** How long a create that may have reached the store waits before it is looked for there. */
  ambiguousSettleMs?: number;
  /** The shell's save dialog for exports; without it (the harness) they are downloaded once. */
  chooseExportPath?: ChooseExportPath;
}

export const DEFAULT_DEMO: DemoOptions = { customers: 3000, seed: 42, timeScale: 1 };
