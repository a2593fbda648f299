import { ESLint } from 'eslint';
import { resolve } from 'node:path';

// One linter with the project's own config serves every lint-rule test.
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../../..') });

/** The messages `ruleId` gives for `code` linted as if it stood at `filePath`. */
export async function ruleMessages(
  ruleId: string,
  code: string,
  filePath: string,
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
