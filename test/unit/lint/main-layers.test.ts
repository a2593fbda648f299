import { describe, expect, it } from 'vitest';
import { ruleMessages } from './rule-messages.ts';

const layerMessages = (code: string, filePath: string) =>
  ruleMessages('local/main-layers', code, filePath);

const importing = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

/** [importing file, import it may not make] — one row per rule of docs/ARCHITECTURE.md. */
const forbidden: readonly (readonly [string, string])[] = [
  ['src-main/lib/bad.ts', '../db/open.ts'],
  ['src-main/lib/bad.ts', '../core/create-core.ts'],
  ['src-main/db/bad.ts', '../sync/pull.ts'],
  ['src-main/db/bad.ts', '../core/store-session.ts'],
  ['src-main/db/bad.ts', '../ipc/router.ts'],
  ['src-main/db/bad.ts', '../vault/profile-manager.ts'],
  ['src-main/db/bad.ts', '../recharge/client.ts'],
  ['src-main/db/search/bad.ts', '../../recharge/client.ts'],
  ['src-main/recharge/bad.ts', '../db/open.ts'],
  ['src-main/recharge/bad.ts', '../sync/pull.ts'],
  ['src-main/recharge/bad.ts', '../core/create-core.ts'],
  ['src-main/recharge/bad.ts', '../vault/token-check.ts'],
  ['src-main/sync/bad.ts', '../core/create-core.ts'],
  ['src-main/sync/bad.ts', '../ipc/router.ts'],
  ['src-main/vault/bad.ts', '../core/create-core.ts'],
  ['src-main/vault/bad.ts', '../outbox/sealer.ts'],
  ['src-main/vault/bad.ts', '../ipc/router.ts'],
  ['src-main/sandbox/bad.ts', '../db/open.ts'],
  ['src-main/sandbox/bad.ts', '../recharge/client.ts'],
  ['src-main/sandbox/bad.ts', '../core/create-core.ts'],
  ['src-main/ipc/bad.ts', '../core/create-core.ts'],
  ['src-main/ipc/bad.ts', '../core/handlers.ts'],
  ['src-main/outbox/bad.ts', '../core/create-core.ts'],
  ['src-main/outbox/bad.ts', '../ipc/router.ts'],
  ['src-main/outbox/bad.ts', '../sync/pull.ts'],
  ['src-main/core/bad.ts', '../shell/app-shell.ts'],
  ['src-main/core/bad.ts', '../harness/harness-server.ts'],
  ['src-main/shell/bad.ts', '../harness/harness-server.ts'],
  ['src-main/sync/bad.ts', '../index.ts'],
];

describe('src-main layers (docs/ARCHITECTURE.md)', () => {
  it.each(forbidden)('%s may not import %s', async (file, spec) => {
    const messages = await layerMessages(importing(spec), file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/may not import src-main\/\w+.*it may import src-shared/);
  });

  it('catches type-only imports, re-exports and dynamic imports too', async () => {
    const file = 'src-main/db/bad.ts';
    for (const code of [
      "import type { Core } from '../core/create-core.ts';\nexport type C = Core;\n",
      "export { createCore } from '../core/create-core.ts';\n",
      "export * from '../core/create-core.ts';\n",
      "export const load = () => import('../core/create-core.ts');\n",
    ]) {
      expect(await layerMessages(code, file), code).toHaveLength(1);
    }
  });

  it('allows a layer its own folder, src-shared and the layers below it', async () => {
    const allowed: readonly (readonly [string, string])[] = [
      ['src-main/lib/ok.ts', '../../src-shared/ipc/contract.ts'],
      ['src-main/db/ok.ts', '../lib/logger.ts'],
      ['src-main/db/ok.ts', './open.ts'],
      ['src-main/db/search/ok.ts', '../open.ts'],
      ['src-main/recharge/ok.ts', '../lib/logger.ts'],
      ['src-main/vault/ok.ts', '../recharge/client.ts'],
      ['src-main/sync/ok.ts', '../db/cache-store.ts'],
      ['src-main/sync/ok.ts', '../vault/secret-cipher.ts'],
      ['src-main/outbox/ok.ts', '../db/cache-store.ts'],
      ['src-main/outbox/ok.ts', '../recharge/errors.ts'],
      ['src-main/sandbox/ok.ts', '../lib/logger.ts'],
      ['src-main/ipc/ok.ts', '../lib/event-bus.ts'],
      ['src-main/core/ok.ts', '../sync/engine.ts'],
      ['src-main/core/ok.ts', '../sandbox/index.ts'],
      ['src-main/shell/ok.ts', '../core/create-core.ts'],
      ['src-main/harness/ok.ts', '../shell/csp.ts'],
      ['src-main/index.ts', './shell/app-shell.ts'],
    ];
    for (const [file, spec] of allowed) {
      expect(await layerMessages(importing(spec), file), `${file} → ${spec}`).toEqual([]);
    }
    expect(
      await layerMessages("import { z } from 'zod';\nexport const a = z;\n", 'src-main/lib/ok.ts'),
    ).toEqual([]);
  });

  it('keeps main off the renderer and any other folder of the repo', async () => {
    const messages = await layerMessages(
      importing('../../src-renderer/api.ts'),
      'src-main/core/bad.ts',
    );
    expect(messages.join()).toMatch(/outside src-main and src-shared/);
  });

  it('makes a new src-main folder take a place in the layer table first', async () => {
    const messages = await layerMessages(importing('../lib/logger.ts'), 'src-main/newthing/a.ts');
    expect(messages.join()).toMatch(/src-main\/newthing is not a known layer/);
  });
});
