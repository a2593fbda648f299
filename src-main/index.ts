import * as electron from 'electron';
import { createLogger } from './core/logger.ts';
import { startShell, type ElectronLike } from './shell/app-shell.ts';

const logger = createLogger((line) => process.stdout.write(line + '\n'));

startShell(electron as unknown as ElectronLike, {
  bundleDir: import.meta.dirname,
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  logger,
  platform: process.platform,
}).catch((error: unknown) => {
  logger.error('the app failed to start', { error });
  electron.app.exit(1);
});
