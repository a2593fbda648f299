import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  asar: boolean;
  asarUnpack: string[];
  /** Normalised by getConfig into file sets. */
  files: (string | { from?: string; filter?: string[] })[];
  afterPack: string;
  npmRebuild: boolean;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

// electron-builder's own loader and schema validation, so a typo fails here and not at release.
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debug: { isEnabled: boolean }): Promise<void>;
};

/** electron-builder's file filter: included when a positive pattern matches and no `!` one. */
function packed(file: string, files: BuilderConfig['files']): boolean {
  const patterns = files.flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(file, pattern.slice(1))) included = false;
    } else if (matchesGlob(file, pattern)) included = true;
  }
  return included;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

let config: BuilderConfig;
beforeAll(async () => {
  config = await builderConfig.getConfig(root);
});

describe('electron-builder configuration', () => {
  it('loads and passes electron-builder schema validation', async () => {
    await expect(
      builderConfig.validateConfiguration(config, { isEnabled: false }),
    ).resolves.toBeUndefined();
  });

  it('targets AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs into asar with native binaries unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    for (const binary of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'native/electron/better_sqlite3.node',
    ]) {
      expect(config.asarUnpack.some((p) => matchesGlob(binary, p))).toBe(true);
    }
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the fuses in an afterPack hook that exists', () => {
    expect(existsSync(resolve(root, config.afterPack))).toBe(true);
  });

  it('packs the entry points the shell loads, and no sources, tests or maps', () => {
    const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string })
      .main;
    for (const file of [
      main,
      'out/preload/preload.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json',
      'native/electron/better_sqlite3.node',
    ]) {
      expect(packed(file, config.files), file).toBe(true);
    }
    for (const file of [
      'out/main/index.js.map',
      'src-main/index.ts',
      'test/unit/shell/app-shell.test.ts',
      'scripts/fuses.ts',
      'node_modules/zod/docs/readme.js',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      '.ci/run',
    ]) {
      expect(packed(file, config.files), file).toBe(false);
    }
  });

  it.runIf(existsSync(join(root, 'out/main/index.js')))(
    'packs every file of the built out/ folder except source maps',
    () => {
      const built = walk(join(root, 'out')).map((f) => relative(root, f).split('\\').join('/'));
      expect(built.length).toBeGreaterThan(2);
      for (const file of built)
        expect(packed(file, config.files), file).toBe(!file.endsWith('.map'));
    },
  );
});
