import * as electron from 'electron';
import { startShell, type ElectronLike } from './shell/app-shell.ts';

// Checked, not cast: a change in Electron's API that the shell relies on fails the typecheck.
const shellElectron: ElectronLike = electron;

startShell(shellElectron, {
  bundleDir: import.meta.dirname,
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  console: (line) => process.stdout.write(line + '\n'),
}).catch((error: unknown) => {
  process.stderr.write(`ReCharge Desk failed to start: ${String(error)}\n`);
  electron.app.exit(1);
});
