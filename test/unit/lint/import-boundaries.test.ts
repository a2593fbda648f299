import { describe, expect, it } from 'vitest';
import { ruleMessages } from './rule-messages.ts';

const restrictedMessages = (code: string, filePath: string) =>
  ruleMessages('@typescript-eslint/no-restricted-imports', code, filePath);

describe('import boundaries (DESIGN.md layer rule)', () => {
  it('fails when the renderer imports src-main', async () => {
    const messages = await restrictedMessages(
      "import { createCore } from '../src-main/core/create-core.ts';\nexport const x = createCore;\n",
      'src-renderer/bad.ts',
    );
    expect(messages.join()).toMatch(/renderer talks to main only/);
  });

  it('fails when src-shared imports either side or Node', async () => {
    for (const [source, pattern] of [
      ["import { x } from '../src-main/db/x.ts';", /imports neither side/],
      ["import { y } from '../src-renderer/y.ts';", /imports neither side/],
      ["import { readFileSync } from 'node:fs';", /no Node APIs/],
    ] as const) {
      const messages = await restrictedMessages(
        `${source}\nexport const z = 1;\n`,
        'src-shared/bad.ts',
      );
      expect(messages.join()).toMatch(pattern);
    }
  });

  it('fails when anything but index.ts and preload.ts imports electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    for (const file of ['src-main/core/bad.ts', 'src-main/ipc/bad.ts', 'src-renderer/bad.ts']) {
      expect((await restrictedMessages(code, file)).join()).toMatch(/Only src-main\/index.ts/);
    }
    expect(await restrictedMessages(code, 'src-main/index.ts')).toEqual([]);
    expect(await restrictedMessages(code, 'src-main/preload.ts')).toEqual([]);
  });

  it('fails when a component or renderer helper reaches the api instead of a store', async () => {
    const code = "import { getApi } from '../../api/index.ts';\nexport const a = getApi;\n";
    for (const file of ['src-renderer/components/customers/Bad.ts', 'src-renderer/lib/bad/x.ts']) {
      expect((await restrictedMessages(code, file)).join()).toMatch(/Only the Pinia stores call/);
    }
    expect(
      (
        await restrictedMessages(
          `<script setup lang="ts">\nimport { getApi } from './api/index.ts';\ngetApi();\n</script>\n`,
          'src-renderer/App.vue',
        )
      ).join(),
    ).toMatch(/Only the Pinia stores call/);
    expect(await restrictedMessages(code, 'src-renderer/stores/x/good.ts')).toEqual([]);
    const sharedTypes =
      "import type { Api } from '../../../src-shared/ipc/api.ts';\nexport type A = Api;\n";
    expect(await restrictedMessages(sharedTypes, 'src-renderer/components/x/good.ts')).toEqual([]);
  });

  it('allows the layers to import what they may', async () => {
    const ok =
      "import { z } from 'zod';\nimport { Scope } from '../src-shared/scopes.ts';\nexport const a = [z, Scope];\n";
    expect(await restrictedMessages(ok, 'src-renderer/good.ts')).toEqual([]);
    expect(await restrictedMessages(ok, 'src-main/core/good.ts')).toEqual([]);
  });
});
