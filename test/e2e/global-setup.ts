import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

/** Each run's screenshots are that run's: none left over from specs that since changed. */
export default function globalSetup(): void {
  rmSync(resolve(import.meta.dirname, '../../test-results/screenshots'), {
    recursive: true,
    force: true,
  });
}
