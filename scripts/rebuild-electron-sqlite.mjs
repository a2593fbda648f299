// Builds better-sqlite3 against Electron's headers into native/electron/, leaving node_modules'
// Node 24 binary alone, so one node_modules serves tests (Node) and the app (Electron).
// better-sqlite3 13 ships N-API prebuilds that already load in both runtimes; this build is for
// platforms without a prebuild or for pinning a build to the exact Electron in package.json.
// It needs Electron's headers from the network, so it cannot run on the CI machines.
import { rebuild } from '@electron/rebuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const moduleDir = join(root, 'node_modules/better-sqlite3');

await rebuild({ buildPath: root, electronVersion, onlyModules: ['better-sqlite3'], force: true });

const outDir = join(root, 'native/electron');
mkdirSync(outDir, { recursive: true });
copyFileSync(
  join(moduleDir, 'build/Release/better_sqlite3.node'),
  join(outDir, 'better_sqlite3.node'),
);
// Without build/, better-sqlite3 falls back to its prebuild for Node again.
rmSync(join(moduleDir, 'build'), { recursive: true, force: true });
console.log(
  `Electron ${electronVersion} build of better-sqlite3: native/electron/better_sqlite3.node`,
);
