import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/errors.js';
import {
  GITHUB_ATTEMPTS,
  gitHubCall,
  gitHubCreate,
  withGitHubBounds,
  type Attempt,
} from '../../src/engine/github-policy.js';
import { instantClock } from './fake-clock.js';

/** An error as Octokit throws it for an answer. */
function answered(status: number, message: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), {
    status,
    response: { status, headers, data: { message } },
  });
}

/** An error as Octokit throws it when fetch fails (no answer): a 500 without a response. */
function noAnswer(code: string) {
  return Object.assign(new Error('fetch failed'), {
    status: 500,
    cause: Object.assign(new Error(code), { code }),
  });
}

/** Runs `fn` under bounds on an instant clock: waits advance it, nothing really waits. */
function bounded<T>(fn: () => Promise<T>, options: { boundMs?: number; attempts?: number } = {}) {
  const clock = instantClock();
  const until = clock.now() + (options.boundMs ?? 60_000);
  const result = withGitHubBounds(
    { clock, until, attempts: options.attempts ?? GITHUB_ATTEMPTS },
    fn,
  );
  return { clock, result };
}

/** An attempt that throws the scripted errors in turn, then answers `value`. */
function scripted<T>(value: T, ...failures: unknown[]): Attempt<T> & { calls: number } {
  const attempt = Object.assign(
    async () => {
      attempt.calls++;
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return value;
    },
    { calls: 0 },
  );
  return attempt;
}

describe('reads and repeatable writes', () => {
  it('retry a 500 twice, after 1 s and 2 s, then fail naming GitHub, its status and message', async () => {
    const attempt = scripted(
      'ok',
      ...Array.from({ length: 3 }, () => answered(500, 'Server Error')),
    );
    const { clock, result } = bounded(() => gitHubCall('post the commit status', attempt));
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toMatch(
      /^GitHub: post the commit status failed: HTTP 500 "Server Error"\. Fix: .*githubstatus/,
    );
    expect(attempt.calls).toBe(3);
    expect(clock.slept).toEqual([1000, 2000]);
  });

  it('succeed on a later attempt after a 502 or a lost connection', async () => {
    const attempt = scripted('ok', answered(502, 'Bad Gateway'), noAnswer('ECONNRESET'));
    const { result } = bounded(() => gitHubCall('list the statuses of abc1234', attempt));
    await expect(result).resolves.toBe('ok');
    expect(attempt.calls).toBe(3);
  });

  it.each([401, 403, 404, 422])('never repeat a %i', async (status) => {
    const attempt = scripted('ok', answered(status, 'No'));
    const { clock, result } = bounded(() => gitHubCall('post the commit status', attempt));
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(status);
    expect(attempt.calls).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('wait out a rate limit for as long as GitHub asks, when that fits before the bound', async () => {
    const limited = answered(403, 'API rate limit exceeded', { 'retry-after': '5' });
    const attempt = scripted('ok', limited);
    const { clock, result } = bounded(() => gitHubCall('list', attempt));
    await expect(result).resolves.toBe('ok');
    expect(clock.slept).toEqual([5000]);
  });

  it('give up at once when the wait GitHub asks for does not fit before the bound', async () => {
    const limited = answered(429, 'Too many', { 'retry-after': '30' });
    const attempt = scripted('ok', limited);
    const { clock, result } = bounded(() => gitHubCall('list', attempt), { boundMs: 10_000 });
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(429);
    expect(attempt.calls).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('make no retry that would end past the bound', async () => {
    const attempt = scripted('ok', answered(500, 'a'), answered(500, 'b'), answered(500, 'c'));
    const { clock, result } = bounded(() => gitHubCall('list', attempt), { boundMs: 2500 });
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.providerMessage).toBe('b');
    expect(attempt.calls).toBe(2);
    expect(clock.slept).toEqual([1000]);
  });

  it('send nothing once the bound has passed, and say it was the timeout', async () => {
    const attempt = scripted('ok');
    const { result } = bounded(() => gitHubCall('post the commit status', attempt), {
      boundMs: 0,
    });
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('deadline');
    expect(error.message).toMatch(/^GitHub: post the commit status failed: timeout reached/);
    expect(attempt.calls).toBe(0);
  });

  it('abort a request still open at the bound, and name GitHub', async () => {
    let aborted = false;
    const hanging: Attempt<string> = (signal) =>
      new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      });
    // 30 ms of real time: the abort is a real timer, since a request in flight is real time.
    const { result } = bounded(() => gitHubCall('list the statuses of abc1234', hanging), {
      boundMs: 30,
    });
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('deadline');
    expect(error.message).toMatch(/^GitHub: list the statuses of abc1234 failed: no answer/);
    expect(aborted).toBe(true);
  });

  it('attempt as often as the bounds say (the post step tries twice)', async () => {
    const attempt = scripted('ok', answered(500, 'a'), answered(500, 'b'));
    const { result } = bounded(() => gitHubCall('post', attempt), { attempts: 2 });
    await expect(result).rejects.toThrow(/HTTP 500 "b"/);
    expect(attempt.calls).toBe(2);
  });
});

describe('creates', () => {
  it('after a 5xx GitHub may have processed, find what was made and send nothing again', async () => {
    const create = scripted(7, answered(500, 'Server Error'));
    const find = scripted<number | undefined>(41);
    const { result } = bounded(() => gitHubCreate('create the deployment', create, find));
    await expect(result).resolves.toBe(41);
    expect(create.calls).toBe(1);
    expect(find.calls).toBe(1);
  });

  it.each([
    ['a 502', answered(502, 'Bad Gateway')],
    ['a connection lost after sending', noAnswer('ECONNRESET')],
  ])('after %s that made nothing, send it once more', async (_, failure) => {
    const create = scripted(7, failure);
    const find = scripted<number | undefined>(undefined);
    const { result } = bounded(() => gitHubCreate('create the deployment', create, find));
    await expect(result).resolves.toBe(7);
    expect(create.calls).toBe(2);
    expect(find.calls).toBe(1);
  });

  it('after a connection refused (never sent), send again without looking', async () => {
    const create = scripted(7, noAnswer('ECONNREFUSED'));
    const find = scripted<number | undefined>(undefined);
    const { result } = bounded(() => gitHubCreate('create the deployment', create, find));
    await expect(result).resolves.toBe(7);
    expect(create.calls).toBe(2);
    expect(find.calls).toBe(0);
  });

  it('when the look fails too, send nothing again and say it may have been made', async () => {
    const create = scripted(7, answered(503, 'Unavailable'));
    const failing: Attempt<number | undefined> = async () => {
      throw answered(500, 'list failed');
    };
    const { result } = bounded(() => gitHubCreate('comment on #7', create, failing));
    const error = (await result.catch((e: unknown) => e)) as HttpError;
    expect(error.message).toMatch(
      /^GitHub: comment on #7 failed: HTTP 503 "Unavailable; GitHub may have made it, and looking for it failed too \(HTTP 500\), so it was not sent again"/,
    );
    expect(create.calls).toBe(1);
  });

  it('never look for or repeat a create GitHub refused (422)', async () => {
    const create = scripted(7, answered(422, 'Validation Failed'));
    const find = scripted<number | undefined>(undefined);
    const { result } = bounded(() => gitHubCreate('create the deployment', create, find));
    await expect(result).rejects.toThrow(/HTTP 422/);
    expect(create.calls).toBe(1);
    expect(find.calls).toBe(0);
  });

  it('over seeded schedules of lost answers, make exactly one', async () => {
    for (let seed = 1; seed <= 200; seed++) {
      let r = seed;
      const next = () => ((r = (r * 1103515245 + 12345) % 2 ** 31), r / 2 ** 31);
      const made: number[] = [];
      const create: Attempt<number> = async () => {
        const roll = next();
        if (roll < 0.3) throw answered(502, 'lost before');
        made.push(made.length + 1);
        if (roll < 0.7) throw answered(500, 'lost after');
        return made.length;
      };
      const find: Attempt<number | undefined> = async () => made.at(-1);
      const { result } = bounded(() => gitHubCreate('create', create, find));
      const outcome = await result.then(
        (id) => ({ id }),
        (e: unknown) => ({ error: e }),
      );
      expect(made.length, `seed ${seed}`).toBeLessThanOrEqual(1);
      if ('id' in outcome) expect(outcome.id, `seed ${seed}`).toBe(1);
      else expect(made, `seed ${seed}`).toEqual([]);
    }
  });
});
