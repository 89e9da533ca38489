import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/artifact/progress.js';

const MB = 1024 * 1024;

describe('ProgressLine', () => {
  it('prints at most every 5 s, only past 4 MB, with files, bytes, share and rate', () => {
    let now = 1_000_000;
    const lines: string[] = [];
    const progress = new ProgressLine(
      'Uploading',
      (line) => lines.push(line),
      () => now,
    );

    now += 6_000;
    progress.update(3 * MB, undefined, 100 * MB); // below 4 MB: nothing yet
    now += 1_000;
    progress.update(20 * MB, undefined, 100 * MB);
    now += 1_000;
    progress.update(30 * MB, undefined, 100 * MB); // 1 s later: throttled
    now += 5_000;
    progress.update(65 * MB, undefined, 100 * MB);

    expect(lines).toEqual([
      'Uploading: 20 MB of 100 MB (20%) at 2.9 MB/s',
      'Uploading: 65 MB of 100 MB (65%) at 5.0 MB/s',
    ]);
  });

  it('counts files when given them, for zipping', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = new ProgressLine(
      'Zipping',
      (line) => lines.push(line),
      () => now,
    );
    for (let files = 1; files <= 20_000; files++) {
      now += 1;
      progress.update(files * 4096, files);
    }
    expect(lines).toEqual([
      'Zipping: 5,000 files, 20 MB at 3.9 MB/s',
      'Zipping: 10,000 files, 39 MB at 3.9 MB/s',
      'Zipping: 15,000 files, 59 MB at 3.9 MB/s',
      'Zipping: 20,000 files, 78 MB at 3.9 MB/s',
    ]);
  });
});
