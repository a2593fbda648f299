// One command for a fresh clone: install if needed, then run the Electron app,
// or the browser harness where Electron's binary cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`ReCharge Desk needs Node 24 (this is ${process.version}). See README.md.`);
  process.exit(1);
}
if (!existsSync('node_modules/.package-lock.json') && run('npm', ['ci']) !== 0) process.exit(1);
if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1);

// Electron downloads its binary on first use; that fails where only package registries are reachable.
const electron = spawnSync('npx', ['electron', '--version'], { encoding: 'utf8' });
if (electron.status === 0 && /^v\d+/.test(electron.stdout.trim())) {
  process.exit(run('npx', ['electron', '.']));
}
console.warn(
  "\nElectron's binary is not available on this machine (it could not be downloaded).\n" +
    'Starting the browser harness instead: the same app core and screens, in your browser.\n',
);
process.exit(run(process.execPath, ['scripts/harness.ts']));
