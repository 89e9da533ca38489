import { describe, expect, it } from 'vitest';
import { findAnnotations, repoPath } from '../../src/engine/reporters/annotations.js';

/** The repository's files, as a checkout would have them. */
const REPO = new Set([
  'src/app.ts',
  'src/main.rs',
  'src/lib/util.js',
  'native/window.c',
  'cmd/server/main.go',
  'app/views.py',
  'app/models.py',
]);
const inRepo = (p: string) => REPO.has(p);

/** Compiler and linter output as each tool prints it (copied from real runs). */
const OUTPUT = {
  tscPretty: [
    "src/app.ts:12:5 - error TS2322: Type 'string' is not assignable to type 'number'.",
    '',
    '12     count = "three";',
    '       ~~~~~',
    '',
    'Found 1 error in src/app.ts:12',
  ],
  tscPlain: ["src/app.ts(40,1): error TS2304: Cannot find name 'foo'."],
  rustc: [
    '   Compiling app v0.1.0 (/build/workspace)',
    'error[E0308]: mismatched types',
    ' --> src/main.rs:3:9',
    '  |',
    '3 |     let x: u32 = "a";',
    '  |            ---   ^^^ expected `u32`, found `&str`',
    '',
    'warning: unused variable: `y`',
    ' --> src/main.rs:7:9',
    'error: could not compile `app` (bin "app") due to 1 previous error',
  ],
  gcc: [
    '/build/workspace/native/window.c: In function \u2018open_window\u2019:',
    "/build/workspace/native/window.c:14:10: error: 'handle' undeclared (first use in this function)",
    '/build/workspace/native/window.c:20:3: warning: implicit declaration of function \u2018draw\u2019 [-Wimplicit-function-declaration]',
    '/build/workspace/native/window.c:14:10: note: each undeclared identifier is reported only once',
  ],
  go: ['# example.com/server', './cmd/server/main.go:3:9: undefined: handler'],
  eslint: [
    '/home/runner/work/repo/repo/src/lib/util.js',
    "   3:7   error    'unused' is assigned a value but never used  no-unused-vars",
    '  10:1   warning  Unexpected console statement                 no-console',
    '',
    '\u2716 2 problems (1 error, 1 warning)',
  ],
  python: [
    'Traceback (most recent call last):',
    '  File "/srv/build/manage.py", line 22, in <module>',
    '  File "/srv/build/app/views.py", line 8, in index',
    '    return render(request, missing)',
    "NameError: name 'missing' is not defined",
  ],
};

describe('findAnnotations over real compiler output', () => {
  it('tsc --pretty: the file, line and column, failure level, the TS code in the message', () => {
    expect(findAnnotations(OUTPUT.tscPretty, inRepo).annotations).toEqual([
      {
        path: 'src/app.ts',
        line: 12,
        column: 5,
        level: 'failure',
        message: "TS2322: Type 'string' is not assignable to type 'number'.",
      },
    ]);
  });

  it('tsc without --pretty', () => {
    expect(findAnnotations(OUTPUT.tscPlain, inRepo).annotations).toMatchObject([
      { path: 'src/app.ts', line: 40, column: 1, level: 'failure' },
    ]);
  });

  it("rustc: the place under each error and warning, with the head line's message", () => {
    const found = findAnnotations(OUTPUT.rustc, inRepo);
    expect(found.annotations).toEqual([
      {
        path: 'src/main.rs',
        line: 3,
        column: 9,
        level: 'failure',
        message: 'error[E0308]: mismatched types',
      },
      {
        path: 'src/main.rs',
        line: 7,
        column: 9,
        level: 'warning',
        message: 'warning: unused variable: `y`',
      },
    ]);
    // The summary error names no file.
    expect(found.unplaced).toEqual([
      'error: could not compile `app` (bin "app") due to 1 previous error',
    ]);
  });

  it("gcc/clang: the build machine's directory stripped, notes left out", () => {
    expect(findAnnotations(OUTPUT.gcc, inRepo).annotations).toEqual([
      {
        path: 'native/window.c',
        line: 14,
        column: 10,
        level: 'failure',
        message: "'handle' undeclared (first use in this function)",
      },
      {
        path: 'native/window.c',
        line: 20,
        column: 3,
        level: 'warning',
        message:
          'implicit declaration of function \u2018draw\u2019 [-Wimplicit-function-declaration]',
      },
    ]);
  });

  it('go', () => {
    expect(findAnnotations(OUTPUT.go, inRepo).annotations).toEqual([
      {
        path: 'cmd/server/main.go',
        line: 3,
        column: 9,
        level: 'failure',
        message: 'undefined: handler',
      },
    ]);
  });

  it("eslint's stylish format: rows under their file", () => {
    expect(findAnnotations(OUTPUT.eslint, inRepo).annotations).toEqual([
      {
        path: 'src/lib/util.js',
        line: 3,
        column: 7,
        level: 'failure',
        message: "'unused' is assigned a value but never used",
      },
      {
        path: 'src/lib/util.js',
        line: 10,
        column: 1,
        level: 'warning',
        message: 'Unexpected console statement',
      },
    ]);
  });

  it('a Python traceback: the innermost frame in the repository, with the exception', () => {
    expect(findAnnotations(OUTPUT.python, inRepo).annotations).toEqual([
      {
        path: 'app/views.py',
        line: 8,
        level: 'failure',
        message: "NameError: name 'missing' is not defined",
      },
    ]);
  });

  it('ignores paths outside the repository and errors that name none go to unplaced', () => {
    const found = findAnnotations(
      [
        '/usr/include/stdio.h:12:1: error: something in the system',
        '../outside/x.ts:1:1 - error TS1: no',
        'Error: the deploy key was rejected',
      ],
      inRepo,
    );
    expect(found.annotations).toEqual([]);
    expect(found.unplaced).toContain('Error: the deploy key was rejected');
  });

  it('reads lines behind a log prefix and colour codes', () => {
    const found = findAnnotations(
      [
        "[2026-12-03T07:00:00Z] error: \u001b[31msrc/app.ts:2:3 - error TS1005: ';' expected.\u001b[0m",
      ],
      inRepo,
    );
    expect(found.annotations).toMatchObject([{ path: 'src/app.ts', line: 2, column: 3 }]);
    // A provider's log prints its own time and level before each line (Deskforge).
    const rust = findAnnotations(
      ['10:00:01 error error[E0308]: mismatched types', '10:00:01 error --> src/main.rs:3:9'],
      inRepo,
    );
    expect(rust.annotations).toMatchObject([
      { path: 'src/main.rs', line: 3, column: 9, message: 'error[E0308]: mismatched types' },
    ]);
    expect(rust.unplaced).toEqual([]);
  });
});

describe('repoPath', () => {
  it('keeps a repository path, strips a build directory, refuses .. and unknown files', () => {
    expect(repoPath('./src/app.ts', inRepo)).toBe('src/app.ts');
    expect(repoPath('/home/builder/ws/src/app.ts', inRepo)).toBe('src/app.ts');
    expect(repoPath('C:\\build\\src\\app.ts', inRepo)).toBe('src/app.ts');
    expect(repoPath('../src/app.ts', inRepo)).toBeUndefined();
    expect(repoPath('src/other.ts', inRepo)).toBeUndefined();
  });
});
