import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../src-main/core/create-core.ts';
import { createLogger } from '../src-main/lib/logger.ts';
import { startHarnessServer } from '../src-main/harness/harness-server.ts';
import { preparePrivateDataDir } from '../src-main/harness/private-data-dir.ts';
import { PRIVATE_UMASK } from '../src-main/shell/private-files.ts';
import { ApiVersion, DEFAULT_API_VERSION } from '../src-shared/recharge/versions.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: join(root, 'data', 'harness') },
    build: { type: 'boolean', default: false },
    'demo-customers': { type: 'string', default: '3000' },
    'demo-time-scale': { type: 'string', default: '1' },
    'demo-version': { type: 'string', default: DEFAULT_API_VERSION },
    // The demo sandbox's admin API, for end-to-end tests (the app itself never mounts it).
    'demo-admin': { type: 'boolean', default: false },
    'push-interval-ms': { type: 'string', default: '15000' },
  },
});

const rendererDir = join(root, 'out', 'renderer');
if (values.build || !existsSync(join(rendererDir, 'index.html'))) {
  console.log('Building the renderer…');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// After the build (whose output is not private) and before the core writes anything: the data
// folder, under the repo by default, holds the vault and the cache.
process.umask(PRIVATE_UMASK);
preparePrivateDataDir(values['data-dir']);

const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const logger = createLogger((line) => process.stderr.write(line + '\n'));
const core = await createCore({
  dataDir: values['data-dir'],
  mode: 'harness',
  version,
  logger,
  demo: {
    customers: Number(values['demo-customers']),
    seed: 42,
    timeScale: Number(values['demo-time-scale']),
    version: ApiVersion.parse(values['demo-version']),
    adminApi: values['demo-admin'],
  },
  pushIntervalMs: Number(values['push-interval-ms']),
});
const server = await startHarnessServer(core, { rendererDir, port: Number(values.port) });

const demo = core.profiles.list().profiles.find((p) => p.demo);
if (demo) {
  const admin = values['demo-admin'] ? ', admin API under /__sandbox/' : '';
  console.log(`Demo store (sandbox on API ${demo.version}${admin}): ${demo.baseUrl}`);
}
console.log(`ReCharge Desk harness ready: ${server.url}`);
console.log('Open that URL in a browser (it carries this run’s bridge secret). Ctrl+C stops it.');

const stop = async () => {
  await server.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
