import { afterEach } from 'vitest';
import { tempDir } from '../helpers/temp-dir.ts';

/** Returns a maker of fresh directories that are all removed after each test. */
export function tempDirsPerTest(prefix?: string): () => ReturnType<typeof tempDir> {
  const made: ReturnType<typeof tempDir>[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) dir.cleanup();
  });
  return () => {
    const dir = tempDir(prefix);
    made.push(dir);
    return dir;
  };
}
