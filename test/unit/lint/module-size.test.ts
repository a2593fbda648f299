// One concern per module: lint refuses a source file past 400 lines, anywhere it looks.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

async function maxLinesErrors(lines: number, filePath: string): Promise<number> {
  const code = Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`).join('\n');
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines').length;
}

describe('module size', () => {
  it('refuses a file of 401 lines and takes one of 400, in main, shared, renderer and tests', async () => {
    for (const file of [
      'src-main/db/big.ts',
      'src-shared/big.ts',
      'src-renderer/lib/big.ts',
      'test/unit/big.test.ts',
    ]) {
      expect(await maxLinesErrors(401, file), file).toBe(1);
      expect(await maxLinesErrors(400, file), file).toBe(0);
    }
  });
});
