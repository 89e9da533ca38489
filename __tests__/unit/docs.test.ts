/**
 * The user's guide and its reference pages (README.md, docs/**): every relative link between them
 * resolves to a file and, with `#anchor`, to a heading there; and the inputs and outputs tables
 * are the ones action.yml gives (`npm run bundle` writes them, `npm run check-dist` checks them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionInputs } from '../../scripts/action-inputs.mjs';
import { PROVIDERS } from '../../src/providers/index.js';
import {
  markdownFiles,
  readActionOutputs,
  renderTables,
  updateTables,
} from '../../scripts/readme-tables.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Markdown without its fenced code blocks and inline code (links there are not links). */
function prose(text: string): string {
  return text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as `-`, repeats `-N`. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const line of text.replace(/^```[\s\S]*?^```$/gm, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n === 0 ? base : `${base}-${n}`);
  }
  return found;
}

/** Every relative link target of a markdown text: `[text](target)`. */
export function links(text: string): string[] {
  return [...prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/** The links of `file` (relative to ROOT) that lead nowhere, with why. */
function broken(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return links(text).flatMap((target) => {
    const [where = '', anchor] = target.split('#');
    const resolved = where === '' ? file : path.join(path.dirname(file), decodeURI(where));
    const full = path.join(ROOT, resolved);
    if (!fs.existsSync(full)) return [`${file}: ${target}: no file ${resolved}`];
    if (anchor === undefined) return [];
    if (!resolved.endsWith('.md'))
      return [`${file}: ${target}: an anchor into a non-markdown file`];
    return anchors(fs.readFileSync(full, 'utf8')).has(anchor)
      ? []
      : [`${file}: ${target}: no heading '#${anchor}' in ${resolved}`];
  });
}

describe('links between README.md and docs/', () => {
  it('finds links and anchors as GitHub does', () => {
    const text = [
      '# The CLI (GitLab CI, Jenkins, a terminal)',
      "## GitHub workflow: another repository's workflow",
      '## Outputs',
      '## Outputs',
      '```md',
      '# not a heading [x](nowhere.md)',
      '```',
      'See [a](docs/cli.md#flags), `[b](code.md)`, [c](https://example.com/x) and [d](#outputs).',
    ].join('\n');
    expect([...anchors(text)]).toEqual([
      'the-cli-gitlab-ci-jenkins-a-terminal',
      'github-workflow-another-repositorys-workflow',
      'outputs',
      'outputs-1',
    ]);
    expect(links(text)).toEqual(['docs/cli.md#flags', '#outputs']);
  });

  it('every relative link of README.md and docs/**/*.md resolves, anchors included', () => {
    const files = markdownFiles(ROOT);
    expect(files).toContain('README.md');
    expect(files.flatMap(broken)).toEqual([]);
  });
});

describe('provider pages', () => {
  it('every provider of the registry has docs/providers/<name>.md, linked from the README', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const names = Object.keys(PROVIDERS).sort();
    const pages = fs
      .readdirSync(path.join(ROOT, 'docs', 'providers'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''))
      .sort();
    expect(pages).toEqual(names);
    expect(names.filter((name) => !links(readme).includes(`docs/providers/${name}.md`))).toEqual(
      [],
    );
  });
});

describe('inputs and outputs tables', () => {
  it('README.md lists every input and output of action.yml, and nothing else', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = (kind: string): string[] => {
      const block = new RegExp(`<!-- ${kind}:start -->([\\s\\S]*?)<!-- ${kind}:end -->`).exec(
        readme,
      );
      expect(block, `README.md has a ${kind} table`).not.toBeNull();
      return [...block![1]!.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!);
    };
    const action = path.join(ROOT, 'action.yml');
    expect(table('inputs')).toEqual(readActionInputs(action).map((i) => i.name));
    expect(table('outputs')).toEqual(readActionOutputs(action).map((o) => o.name));
  });

  it('are what action.yml gives today (npm run bundle writes them)', async () => {
    expect(await updateTables(ROOT, true)).toEqual([]);
  });

  it('a changed description makes the table stale', async () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.tables-'));
    try {
      const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
      fs.writeFileSync(
        path.join(dir, 'action.yml'),
        action.replace("'JustDeploy stage.'", "'JustDeploy stage | the *target*.'"),
      );
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const next = await renderTables(
        readme,
        path.join(ROOT, 'README.md'),
        path.join(dir, 'action.yml'),
      );
      expect(next).not.toBe(readme);
      expect(next).toContain('JustDeploy stage \\| the \\*target\\*.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
