/**
 * Baseline for figure (b): what a hand-written workflow step does. Trigger the build, then every
 * `interval` ms (5 s) read its status with fetch, and exit as soon as it is final.
 *
 *   node bench/fixed-poll.mjs <deskforge|deployhub|justdeploy> <api-url> <project> [interval-ms]
 *
 * Prints one JSON line: {"id": "...", "polls": N}.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const [provider, api, project, intervalArg] = process.argv.slice(2);
const interval = Number(intervalArg ?? 5000);
const bearer = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' };
const keys = {
  'x-access-key': 'sandbox-access',
  'x-secret-key': 'sandbox-secret',
  'content-type': 'application/json',
};

/** @param {string} url @param {RequestInit} [init] */
async function call(url, init) {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status}`);
  return body;
}

/** @type {{trigger: () => Promise<string>, done: (id: string) => Promise<boolean>}} */
let steps;
if (provider === 'deskforge') {
  steps = {
    trigger: async () =>
      (
        await call(`${api}/projects/${project}/builds`, {
          method: 'POST',
          headers: bearer,
          body: JSON.stringify({ platform: 'mac', arch: 'x64' }),
        })
      ).id,
    done: async (id) =>
      ['success', 'failed'].includes(
        (await call(`${api}/builds/${id}`, { headers: bearer })).status,
      ),
  };
} else if (provider === 'deployhub') {
  // The redeploy answer has no build id: find the new build in the project's list, as people do.
  const since = Date.now() - 5000;
  steps = {
    trigger: async () => {
      await call(`${api}/api/redeploy/${project}`, { method: 'POST', headers: bearer });
      return '';
    },
    done: async () => {
      const { builds } = await call(`${api}/api/projects/${project}/builds`, { headers: bearer });
      const mine = builds.find((/** @type {any} */ b) => Date.parse(b.createdAt) >= since);
      return mine !== undefined && ['success', 'failed'].includes(mine.status);
    },
  };
} else if (provider === 'justdeploy') {
  const base = `${api}/organizations/bench/projects/${project}`;
  steps = {
    trigger: async () => {
      const { build, url } = await call(`${base}/builds`, {
        method: 'POST',
        headers: keys,
        body: JSON.stringify({ stage: 'production' }),
      });
      // An empty zip (just the end-of-central-directory record): the build starts on upload.
      const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
      const put = await fetch(url, { method: 'PUT', body: zip });
      if (!put.ok) throw new Error(`upload: ${put.status}`);
      return build.id;
    },
    done: async (id) =>
      ['ready', 'error'].includes(
        (await call(`${base}/builds/${id}`, { headers: keys })).build.status,
      ),
  };
} else {
  throw new Error(`fixed-poll: unknown provider ${provider}`);
}

const id = await steps.trigger();
let polls = 0;
for (;;) {
  await sleep(interval);
  polls++;
  if (await steps.done(id)) break;
}
console.log(JSON.stringify({ id, polls }));
