/** The ReCharge API versions the demo store can speak; each Playwright project picks one. */
export type DemoVersion = '2021-01' | '2021-11';

/** The project's API version (`metadata.demoVersion` in playwright.config.ts). */
export function versionOf(metadata: Record<string, unknown>): DemoVersion {
  return metadata['demoVersion'] === '2021-01' ? '2021-01' : '2021-11';
}
