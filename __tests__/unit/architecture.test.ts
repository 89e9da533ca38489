/**
 * The shape of src/: no import cycles (type-only and lazy imports count, as madge counts them).
 * `npx madge --circular --extensions ts src` says the same; this check needs no extra package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/providers/index.js';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');

/** Every .ts file under `dir`, as absolute paths. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The relative modules a file imports: `from '...'`, `import '...'` and `import('...')`. */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*(?:\/\/|\*).*$/gm, '');
  const specifiers = [
    ...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s+['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')))
    .map((s) => (fs.existsSync(s) ? s : path.join(s.replace(/\.ts$/, ''), 'index.ts')));
}

/** Every cycle in the import graph, each as the list of files around it (relative to src/). */
export function cycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        found.push(stack.slice(stack.indexOf(next)).map((f) => path.relative(SRC, f)));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}

describe('src/ has no import cycles', () => {
  it('finds none', () => {
    expect(cycles(sources(SRC))).toEqual([]);
  });

  it('the checker finds a cycle when there is one (type-only imports count)', () => {
    const dir = fs.mkdtempSync(path.join(SRC, '..', 'node_modules', '.cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b.js';\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c/index.js';\n");
      fs.mkdirSync(path.join(dir, 'c'));
      fs.writeFileSync(path.join(dir, 'c', 'index.ts'), "export const x = import('../a.js');\n");
      const found = cycles(sources(dir));
      expect(found).toHaveLength(1);
      expect(found[0]).toHaveLength(3);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A source file's text without its comment lines (as `importsOf` reads it). */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\s*(?:\/\/|\*).*$/gm, '');
}

/** The packages a file loads with a dynamic `import('package')`. */
function lazyPackages(file: string): string[] {
  return [...code(file).matchAll(/\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)].map((m) => m[1]!);
}

/** The package folder a bare specifier names (`@scope/name/sub` -> `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

describe('lazy imports survive the bundle', () => {
  // The bundler splits lazy modules into chunks; a chunk made from a CommonJS package exports only
  // `default`, so `const { x } = await import('cjs-package')` works under Node and tsx but gets
  // undefined from dist/. Such packages are loaded through a local module that re-exports them
  // statically (see src/yaml.ts).
  it('no dynamic import names a CommonJS package, except for its default export', () => {
    const offenders = sources(SRC).flatMap((file) =>
      lazyPackages(file)
        .filter((specifier) => {
          const manifest = path.join(
            SRC,
            '..',
            'node_modules',
            packageOf(specifier),
            'package.json',
          );
          const type = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: string }).type;
          return type !== 'module';
        })
        .filter((specifier) => {
          const text = code(file);
          const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
          // `const { default: X } = await import('pkg')` is the one safe form.
          const uses = new RegExp(
            `const\\s*\\{([^}]*)\\}\\s*=\\s*await\\s+import\\(\\s*['"]${escaped}['"]`,
            'g',
          );
          const named = [...text.matchAll(uses)].some((m) =>
            m[1]!.split(',').some((name) => !/^\s*default\s*:/.test(name) && name.trim() !== ''),
          );
          return named || !uses.test(text);
        })
        .map((specifier) => `${path.relative(SRC, file)}: import('${specifier}')`),
    );
    expect(offenders).toEqual([]);
  });
});

/**
 * Provider-only names: every provider's name, and every input some provider declares but not all
 * of them (`token` is everyone's). The registry is the one list.
 */
function providerOnlyNames(): string[] {
  const specs = Object.values(PROVIDERS);
  const declaredBy = new Map<string, number>();
  for (const spec of specs) {
    for (const name of new Set(spec.inputs.map((input) => input.name))) {
      declaredBy.set(name, (declaredBy.get(name) ?? 0) + 1);
    }
  }
  const inputs = [...declaredBy].filter(([, n]) => n < specs.length).map(([name]) => name);
  return [...Object.keys(PROVIDERS), ...inputs];
}

/**
 * Code outside src/providers/ that quotes a provider-only name without meaning the input, and why:
 * `file` is relative to src/, `code` the exact text (or the form of text) that holds the name. Only
 * that is forgiven; the same name quoted any other way, in that file too, is still found. A new
 * entry needs a reason as good as these.
 */
export const ALLOWED_OUTSIDE: readonly { file: string; code: string | RegExp; why: string }[] = [
  {
    file: 'github-event.ts',
    // A property read of an object: `event['repository']`, `head?.['ref']`. Not an array literal
    // (`['ref']`), a comparison or a call's argument (`read('ref')`).
    code: /(?<=[\w)\]]|\?\.)\[\s*'[\w-]+'\s*\]/g,
    why: "fields of GitHub's event payload (repository, ref), read where the one event resolver reads every field",
  },
  {
    file: 'engine/reporters/summary.ts',
    code: "('artifact', build?.artifactUrl)",
    why: "the English label of the build's artifact link (Build.artifactUrl: Deskforge's download), beside 'deploy' and 'log'",
  },
];

/** `line` with every piece of `code` blanked out. */
function forgive(line: string, code: string | RegExp): string {
  return typeof code === 'string' ? line.split(code).join(' ') : line.replace(code, ' ');
}

/**
 * Where a file outside src/providers/ quotes a provider-only name, as `file:line: 'name'` (file
 * relative to `root`), leaving out the `allowed` code in its file.
 */
export function providerNamesOutside(
  files: readonly string[],
  names: readonly string[],
  allowed: readonly { file: string; code: string | RegExp }[] = [],
  root: string = SRC,
): string[] {
  const providers = path.join(root, 'providers') + path.sep;
  return files
    .filter((file) => !file.startsWith(providers))
    .flatMap((file) => {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const forgiven = allowed.filter((entry) => entry.file === rel).map((entry) => entry.code);
      return code(file)
        .replace(/^\s*\/\*.*$/gm, '')
        .split('\n')
        .map((line) => forgiven.reduce(forgive, line))
        .flatMap((line, i) =>
          names
            .filter((name) => new RegExp(`['"\`]${name.replace(/-/g, '\\-')}['"\`]`).test(line))
            .map((name) => `${rel}:${i + 1}: '${name}'`),
        );
    });
}

describe('providers own their names and inputs', () => {
  const generated = path.join(SRC, 'cli', 'action-inputs.generated.ts'); // from action.yml
  const checked = (): string[] => sources(SRC).filter((file) => file !== generated);

  it('no provider name or provider-only input is quoted in src/ outside src/providers/', () => {
    expect(providerNamesOutside(checked(), providerOnlyNames(), ALLOWED_OUTSIDE)).toEqual([]);
  });

  it('every exception is still there, and still quotes a provider-only name', () => {
    for (const entry of ALLOWED_OUTSIDE) {
      const file = path.join(SRC, ...entry.file.split('/'));
      expect(forgive(code(file), entry.code), entry.file).not.toBe(code(file));
      expect(providerNamesOutside([file], providerOnlyNames()), String(entry.code)).not.toEqual([]);
    }
  });

  it("outside src/providers/, a provider's own settings are read only where every provider has them", () => {
    // `own` is the provider's (ProviderSpec.readInputs); only OwnSettings' fields are everyone's.
    const everyones = ['project'];
    const providers = path.join(SRC, 'providers') + path.sep;
    const reads = sources(SRC)
      .filter((file) => !file.startsWith(providers))
      .flatMap((file) =>
        [...code(file).matchAll(/\.own\.([A-Za-z_$][\w$]*)/g)]
          .map((m) => m[1]!)
          .filter((field) => !everyones.includes(field))
          .map((field) => `${path.relative(SRC, file)}: own.${field}`),
      );
    expect(reads).toEqual([]);
  });

  it('the check finds a provider name and a provider-only input, not comments', () => {
    const dir = fs.mkdtempSync(path.join(SRC, '..', 'node_modules', '.names-'));
    try {
      const file = path.join(dir, 'reader.ts');
      fs.writeFileSync(
        file,
        [
          "// 'pages' in a comment is fine",
          "if (provider === 'custom') read(get('trigger-endpoint'));",
        ].join('\n'),
      );
      expect(
        providerNamesOutside([file], providerOnlyNames()).map((hit) => hit.split(': ')[1]),
      ).toEqual(["'custom'", "'trigger-endpoint'"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an exception forgives its own code only: the input read in the same file is found', () => {
    const dir = fs.mkdtempSync(path.join(SRC, '..', 'node_modules', '.names-'));
    try {
      const write = (rel: string, lines: string[]): string => {
        const file = path.join(dir, ...rel.split('/'));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, lines.join('\n'));
        return file;
      };
      const files = [
        write('github-event.ts', [
          "const number = ownPullRequest(run?.['pull_requests'], event['repository']);",
          "const name = branchName(head?.['ref']) || event['ref'];",
          "const target = read('repository') || event['repository'];",
          "const inputs = ['ref'];",
          "if (input === 'ref') return;",
        ]),
        write('engine/reporters/summary.ts', [
          "htmlLink('artifact', build?.artifactUrl),",
          "['Artifact', link('artifact', build?.artifactUrl)],",
          "['Artifact', link('artifact', settings.artifact)],",
        ]),
        // The same code in another file is not forgiven.
        write('engine/other.ts', ["const repo = event['repository'];"]),
      ];
      expect(providerNamesOutside(files, providerOnlyNames(), ALLOWED_OUTSIDE, dir)).toEqual([
        "github-event.ts:3: 'repository'",
        "github-event.ts:4: 'ref'",
        "github-event.ts:5: 'ref'",
        "engine/reporters/summary.ts:3: 'artifact'",
        "engine/other.ts:1: 'repository'",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Where a provider reads the runner's environment: `file:line: text`. The run's facts (this
 * repository, its API, the event's branch, the workspace) come from the host, through RunFacts
 * and ProviderContext, so that every host gives them alike.
 */
export function environmentReads(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    code(file)
      .split('\n')
      .flatMap((line, i) =>
        /\bGITHUB_[A-Z_]+['"`]?\s*\]|\benv\.GITHUB_|process\.env\b/.test(line)
          ? [`${path.relative(SRC, file)}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
}

/** The provider files that may read the environment, and why: none of it is GITHUB_*. */
const ENVIRONMENT_READERS: Readonly<Record<string, string>> = {
  // OIDC: ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN, and the variable `oidc-token-env` names.
  'providers/custom/settings.ts': 'the default of its env parameter',
  'providers/custom/index.ts': 'hands process.env to readCustomSettings',
};

describe('providers take the run from the host', () => {
  it('no provider reads a GITHUB_* variable (or the environment, but for OIDC)', () => {
    const found = environmentReads(sources(path.join(SRC, 'providers')));
    const unexplained = found.filter((hit) => !(hit.split(':')[0]! in ENVIRONMENT_READERS));
    expect(unexplained).toEqual([]);
    expect(found.filter((hit) => /GITHUB_/.test(hit))).toEqual([]);
  });

  it('the check finds a GITHUB_* read, not a comment', () => {
    const dir = fs.mkdtempSync(path.join(SRC, '..', 'node_modules', '.env-'));
    try {
      const file = path.join(dir, 'reader.ts');
      fs.writeFileSync(
        file,
        [
          "// process.env['GITHUB_REF'] in a comment is fine",
          "const ref = env['GITHUB_HEAD_REF'];",
          'const api = process.env.GITHUB_API_URL;',
        ].join('\n'),
      );
      expect(environmentReads([file]).map((hit) => hit.replace(/^.*:\d+: /, ''))).toEqual([
        "const ref = env['GITHUB_HEAD_REF'];",
        'const api = process.env.GITHUB_API_URL;',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
