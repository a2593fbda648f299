// One concern per module: lint refuses a source file past 400 lines, anywhere it looks.
import { describe, expect, it } from 'vitest';
import { ruleMessages } from './rule-messages.ts';

async function maxLinesErrors(lines: number, filePath: string): Promise<number> {
  const code = Array.from({ length: lines }, (_, i) => `export const v${i} = ${i};`).join('\n');
  return (await ruleMessages('max-lines', `${code}\n`, filePath)).length;
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
