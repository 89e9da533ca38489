/**
 * Sitepaste's pages: the `pages` glob expanded, each Markdown file read from inside the workspace,
 * its slug from its path and its title from front matter or its first heading.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../errors.js';
import { hiddenKind, relativeInside, Root } from '../../files/inside.js';
import { bound, trimEndOf, trimStartOf } from '../../text.js';
import type { ProviderContext } from '../types.js';

/** A Markdown file ready to be sent as a page. */
export interface Page {
  file: string;
  /** The file relative to the workspace, for messages. */
  relative: string;
  title: string;
  slug: string;
  content: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * Expands the `pages` glob and reads every Markdown file into a page. Everything that can be
 * wrong with the files (nothing matched, an empty or clashing slug) fails here, before the first
 * page is sent.
 */
export async function collectPages(pattern: string, ctx: ProviderContext): Promise<Page[]> {
  // Loaded here so runs without `pages` never load the glob library.
  const { create } = await import('@actions/glob');
  const globber = await create(pattern, { matchDirectories: false });
  const matched = (await globber.glob()).sort();
  const files = matched.filter((file) => MARKDOWN.test(file));
  if (files.length === 0) {
    throw new InputError(
      'pages',
      matched.length === 0
        ? `matched no files ('${pattern}')`
        : `matched no Markdown files ('${pattern}' matched ${matched.length} other files)`,
      'use a glob of .md files relative to the workspace, such as docs/**/*.md',
    );
  }
  const ignored = matched.length - files.length;
  if (ignored > 0) ctx.log.warning(`pages: ignored ${ignored} matched files that are not Markdown`);

  const { workspace } = ctx;
  const root = Root.open(workspace);
  try {
    return readPages(files, workspace, root);
  } finally {
    root.close();
  }
}

/**
 * Reads the matched files, each only if it really lies inside the workspace (a committed
 * `docs/x.md -> /proc/self/environ` or `-> ../.git/config` would otherwise be published), judged
 * after opening it (see ../../files/inside.ts).
 */
function readPages(files: string[], workspace: string, root: Root): Page[] {
  const bySlug = new Map<string, string>();
  const pages: Page[] = [];
  for (const file of files) {
    const relative =
      relativeInside(workspace, file) ?? path.relative(workspace, file).split(path.sep).join('/');
    const slug = slugFor(relative);
    if (!slug) {
      throw new InputError(
        'pages',
        `matched '${relative}', whose name gives an empty slug`,
        'rename the file with letters or digits (a-z, 0-9)',
      );
    }
    const clash = bySlug.get(slug);
    if (clash !== undefined) {
      throw new InputError(
        'pages',
        `matched '${clash}' and '${relative}', which both become the page '${slug}'`,
        'rename one of them; slugs keep only a-z and 0-9 of the path',
      );
    }
    bySlug.set(slug, relative);
    const opened = root.openFile(file, true);
    const refused = typeof opened === 'string' ? opened : refusedPage(relative, opened.rel);
    if (refused !== undefined || typeof opened === 'string') {
      if (typeof opened !== 'string') fs.closeSync(opened.fd);
      throw new InputError(
        'pages',
        refused === 'kind'
          ? `matched '${relative}', which is not a regular file`
          : refused === 'missing'
            ? `matched '${relative}', which cannot be read (a broken link, or gone)`
            : `matched '${relative}', which leads ${refused === 'outside' ? 'outside the workspace' : `into ${refused}`}; pages are only read from the workspace's own files`,
        'remove the link or copy the page into the workspace; pages never publish files outside it, in .git or hidden ones reached through a link',
      );
    }
    let text: string;
    try {
      text = fs.readFileSync(opened.fd, 'utf8');
    } finally {
      fs.closeSync(opened.fd);
    }
    pages.push({ file, relative, slug, ...parseMarkdown(text, path.basename(file)) });
  }
  return pages;
}

/**
 * Why a page is not read although it lies in the workspace: it is (or leads into) `.git`, or a
 * link leads into a hidden place the matched name is not in (`docs/env.md -> ../.env`).
 */
function refusedPage(matched: string, real: string): string | undefined {
  const kind = hiddenKind(real);
  if (kind === 'git') return '.git';
  if (kind === 'hidden' && hiddenKind(matched) !== 'hidden') return 'a hidden file';
  return undefined;
}

/** `docs/Getting Started.md` -> `docs-getting-started`. */
export function slugFor(relativePath: string): string {
  const withoutExt = relativePath.slice(0, relativePath.length - path.extname(relativePath).length);
  return trimStartOf(trimEndOf(withoutExt.toLowerCase().replace(/[^a-z0-9]+/g, '-'), '-'), '-');
}

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * The page's title and content: the title from front matter `title:`, else the first `# `
 * heading (outside code fences), else the file name; the content without the front matter.
 */
export function parseMarkdown(text: string, fileName: string): { title: string; content: string } {
  const source = text.replace(/^\uFEFF/, '');
  const match = FRONT_MATTER.exec(source);
  const content = match ? source.slice(match[0].length).replace(/^(?:[ \t]*\r?\n)+/, '') : source;
  const title =
    (match ? frontMatterTitle(match[1] ?? '') : undefined) ??
    firstHeading(content) ??
    path.basename(fileName, path.extname(fileName));
  return { title, content };
}

function frontMatterTitle(yaml: string): string | undefined {
  const line = /^title[ \t]*:[ \t]*(.*)$/m.exec(yaml);
  if (!line) return undefined;
  // A committed file is the pull request author's text: bounded before anything reads it.
  let value = bound(line[1] ?? '').trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      value = value.slice(1, -1);
    }
  } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
    value = value.slice(1, -1).replace(/''/g, "'");
  } else {
    value = withoutYamlComment(value);
  }
  value = value.trim();
  return value === '' ? undefined : value;
}

/** A plain YAML value without its ` # comment` (the first `#` after a space or tab). */
function withoutYamlComment(value: string): string {
  for (let i = 1; i < value.length; i += 1) {
    if (value[i] === '#' && (value[i - 1] === ' ' || value[i - 1] === '\t')) {
      return trimEndOf(value.slice(0, i), ' \t');
    }
  }
  return value;
}

function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  for (const full of markdown.split(/\r?\n/)) {
    // A committed file is the pull request author's text: each line is bounded before it is read.
    const line = bound(full);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = atxHeading(line);
    if (heading) return heading;
  }
  return undefined;
}

/**
 * The text of a level-1 ATX heading (`# Title`, `   # Title ##`), or undefined. A scanner: the
 * pattern it replaces backtracked over runs of spaces, in time quadratic in the line's length.
 */
export function atxHeading(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i += 1;
  if (line[i] !== '#') return undefined;
  i += 1;
  if (line[i] !== ' ' && line[i] !== '\t') return undefined;
  let text = trimEndOf(trimStartOf(line.slice(i), ' \t'), ' \t');
  // An optional closing sequence: spaces, then only `#`s, to the end.
  const hashes = trimEndOf(text, '#');
  if (hashes.length < text.length && (hashes.endsWith(' ') || hashes.endsWith('\t'))) {
    text = trimEndOf(hashes, ' \t');
  }
  return text === '' ? undefined : text;
}
