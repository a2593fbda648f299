import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';

/** The ReCharge API versions the demo store can speak; each Playwright project picks one. */
export type DemoVersion = ApiVersion;

/** The project's API version (`metadata.demoVersion` in playwright.config.ts). */
export function versionOf(metadata: Record<string, unknown>): DemoVersion {
  return metadata['demoVersion'] === '2021-01' ? '2021-01' : '2021-11';
}
