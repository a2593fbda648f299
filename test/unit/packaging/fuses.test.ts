import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import {
  createAfterPack,
  electronBinaryPath,
  fuseConfigFor,
  FUSES,
  type AfterPackContextLike,
} from '../../../scripts/fuses.ts';

const context = (platform: string, arch = 1): AfterPackContextLike => ({
  appOutDir: '/dist/out',
  electronPlatformName: platform,
  arch,
  packager: {
    appInfo: { productFilename: 'ReCharge Desk' },
    ...(platform === 'linux' ? { executableName: 'recharge-desk' } : {}),
  },
});

describe('Electron fuses', () => {
  // The fuses that keep the shipped binary from running as anything but this app, by the value
  // each must have: stated here on purpose, so a change to scripts/fuses.ts cannot relax one.
  const MUST_BE_OFF = [
    FuseV1Options.RunAsNode,
    FuseV1Options.EnableNodeOptionsEnvironmentVariable,
    FuseV1Options.EnableNodeCliInspectArguments,
    FuseV1Options.GrantFileProtocolExtraPrivileges,
  ];
  const MUST_BE_ON = [
    FuseV1Options.EnableCookieEncryption,
    FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
    FuseV1Options.OnlyLoadAppFromAsar,
  ];
  const decided = FUSES as Record<number, unknown>;

  it('turn off every way to run the binary as something else', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    for (const fuse of MUST_BE_OFF) expect(decided[fuse], FuseV1Options[fuse]).toBe(false);
    for (const fuse of MUST_BE_ON) expect(decided[fuse], FuseV1Options[fuse]).toBe(true);
  });

  it('decide every fuse @electron/fuses knows, and require that', () => {
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of known) expect(typeof decided[fuse]).toBe('boolean');
  });

  it('find the packed binary on each platform', () => {
    expect(electronBinaryPath(context('linux'))).toBe('/dist/out/recharge-desk');
    expect(electronBinaryPath(context('win32'))).toBe('/dist/out/ReCharge Desk.exe');
    expect(electronBinaryPath(context('darwin'))).toBe('/dist/out/ReCharge Desk.app');
  });

  it('reset the ad-hoc signature only for arm64 macOS', () => {
    expect(fuseConfigFor(context('darwin', 3)).resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfigFor(context('darwin', 1)).resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfigFor(context('linux', 3)).resetAdHocDarwinSignature).toBe(false);
  });

  it('the afterPack hook flips them with the injected flipFuses', async () => {
    const calls: [string, FuseConfig][] = [];
    const afterPack = createAfterPack(async (path, config) => {
      calls.push([path, config]);
      return 0;
    });
    await afterPack(context('win32'));
    expect(calls).toEqual([
      ['/dist/out/ReCharge Desk.exe', { ...FUSES, resetAdHocDarwinSignature: false }],
    ]);
  });

  it('a failing flip fails the packaging', async () => {
    const afterPack = createAfterPack(async () => {
      throw new Error('fuse wire not found');
    });
    await expect(afterPack(context('linux'))).rejects.toThrow('fuse wire not found');
  });
});
