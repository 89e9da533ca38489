/**
 * What the CLI makes of the Actions toolkit's workflow commands: the real @actions/core writes
 * them to process.stdout while it is diverted, and they come out as the CLI's log lines.
 */
import * as core from '@actions/core';
import { describe, expect, it } from 'vitest';
import { CliLog } from '../../src/cli/output.js';
import { divertToolkitOutput } from '../../src/cli/toolkit-output.js';

/** A verbose CliLog writing into a string, and a stream standing for process.stdout. */
function world() {
  let logged = '';
  const log = new CliLog({ write: (t: string) => (logged += t) }, true);
  let passed = '';
  const stream = { write: (chunk: string | Uint8Array) => ((passed += String(chunk)), true) };
  return { log, stream, logged: () => logged, passed: () => passed };
}

describe('the toolkit diverted to the CLI log', () => {
  it("@actions/core's commands become log lines, unescaped; add-mask masks, set-output is dropped", () => {
    let logged = '';
    const log = new CliLog({ write: (t: string) => (logged += t) }, true);
    const original = process.stdout.write;
    const undivert = divertToolkitOutput(process.stdout, log);
    try {
      core.debug('100% done\r\nnext: line');
      core.warning('look, a comma', { file: 'src/a,b.ts', startLine: 3 });
      core.error('broke');
      core.notice('fyi');
      core.setSecret('hunter2-secret');
      core.info('plain hunter2-secret text');
      // What core.setOutput writes where no GITHUB_OUTPUT file is set (a runner running these
      // tests has one, so it is written out here).
      process.stdout.write('\n::set-output name=status::hunter2-secret\n');
      core.startGroup('Upload');
      core.endGroup();
    } finally {
      undivert();
    }
    expect(process.stdout.write).toBe(original);
    expect(logged.split('\n')).toEqual([
      'debug: 100% done next: line',
      'warning: look, a comma (src/a,b.ts:3)',
      'error: broke',
      'fyi',
      'plain *** text',
      "debug: Dropped the Actions toolkit's 'set-output' workflow command (not run by a runner).",
      '── Upload',
      "debug: Dropped the Actions toolkit's 'endgroup' workflow command (not run by a runner).",
      '',
    ]);
  });

  it('takes lines written in pieces and bytes, and hands over an unfinished last line when stopped', () => {
    const w = world();
    const undivert = divertToolkitOutput(w.stream, w.log);
    const euro = Buffer.from('::debug::€ 5\n', 'utf8');
    w.stream.write(euro.subarray(0, 11));
    w.stream.write(euro.subarray(11));
    w.stream.write('::warn');
    w.stream.write('ing::half\nunfinished');
    undivert();
    expect(w.logged()).toBe('debug: € 5\nwarning: half\nunfinished\n');
    expect(w.passed()).toBe('');
    w.stream.write('after\n');
    expect(w.passed()).toBe('after\n');
  });

  it('overlapping diversions each stop without undoing the other', () => {
    const a = world();
    const b = world();
    const stream = a.stream;
    const stopA = divertToolkitOutput(stream, a.log);
    const stopB = divertToolkitOutput(stream, b.log);
    stopA();
    stream.write('::debug::to b\n');
    stopB();
    stream.write('plain\n');
    expect(a.logged()).toBe('');
    expect(b.logged()).toBe('debug: to b\n');
    expect(a.passed()).toBe('plain\n');
  });
});
