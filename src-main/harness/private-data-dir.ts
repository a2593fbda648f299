import { chmodSync, mkdirSync } from 'node:fs';

/**
 * Creates the harness's data folder (and missing parents) 0700, and tightens one an older run
 * left 0755: the folder holds the vault and the cache, and a closed folder hides its files too.
 */
export function preparePrivateDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
