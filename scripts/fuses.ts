// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing.
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { join } from 'node:path';

/**
 * Every fuse of the wire, set on purpose (strictlyRequireAllFuses makes packaging fail when a
 * new Electron adds a fuse nobody has decided on). See SECURITY.md, "Fuses".
 */
export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // The binary cannot be used as a plain Node.js (ELECTRON_RUN_AS_NODE).
  [FuseV1Options.RunAsNode]: false,
  // Cookies encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect cannot inject code into the shipped app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash in the signed binary (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose app/ folder dropped beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file: pages need no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseConfig;

/** What electron-builder passes to afterPack (the parts used here). */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch enum: 3 is arm64. */
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

const ARM64 = 3;

/** The packed Electron binary (the .app bundle on macOS) that flipFuses rewrites. */
export function electronBinaryPath(context: AfterPackContextLike): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
  }
}

/** The fuse config for one packed app: arm64 macOS needs its ad-hoc signature redone. */
export function fuseConfigFor(context: AfterPackContextLike): FuseConfig {
  const darwin =
    context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return { ...FUSES, resetAdHocDarwinSignature: darwin && context.arch === ARM64 };
}

export function createAfterPack(flip: typeof flipFuses = flipFuses) {
  return async (context: AfterPackContextLike): Promise<void> => {
    await flip(electronBinaryPath(context), fuseConfigFor(context));
  };
}

export const afterPack = createAfterPack();
export default afterPack;
