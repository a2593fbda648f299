import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** The repo's prose a newcomer follows: top-level and docs/ Markdown, and each folder's README. */
function markdownFiles(): string[] {
  const top = readdirSync(root).filter((f) => f.endsWith('.md'));
  const docs = readdirSync(join(root, 'docs')).map((f) => `docs/${f}`);
  const folders = readdirSync(join(root, 'src-main'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, 'src-main', e.name, 'README.md')))
    .map((e) => `src-main/${e.name}/README.md`);
  return [...top, ...docs.filter((f) => f.endsWith('.md')), ...folders];
}

/** Relative link targets of a Markdown text, anchors dropped; web addresses left out. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!.split('#')[0]!);
  return targets.filter((t) => t !== '' && !/^[a-z]+:/i.test(t));
}

describe('documentation links', () => {
  it('reads relative links and leaves web addresses alone', () => {
    expect(
      relativeLinks('[a](docs/x.md#top) [b](https://example.com) [c](#here) [d](../src-main)'),
    ).toEqual(['docs/x.md', '../src-main']);
  });

  it('every relative link in the docs and READMEs reaches a file inside the repo', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const target of relativeLinks(readFileSync(join(root, file), 'utf8'))) {
        const path = resolve(root, dirname(file), target);
        const inside = !relative(root, path).startsWith('..');
        if (!inside || !existsSync(path)) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('gives every src-main folder a README', () => {
    const folders = readdirSync(join(root, 'src-main'), { withFileTypes: true }).filter((e) =>
      e.isDirectory(),
    );
    const missing = folders.filter((e) => !existsSync(join(root, 'src-main', e.name, 'README.md')));
    expect(missing.map((e) => e.name)).toEqual([]);
  });
});
