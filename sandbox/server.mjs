/**
 * A local fake of the providers' Builds APIs and of GitHub's commit-status API, for driving the
 * bundled action end to end without network. The provider fakes are the ones providers/index.mjs
 * lists; each brings its routes, options, state and hooks (nothing here names one).
 *
 *   const sandbox = await startSandbox({ buildMs: 600 });
 *   sandbox.apiUrl('deskforge')  // -> http://127.0.0.1:PORT/deskforge (the action's api-url)
 *   sandbox.githubApiUrl         // -> http://127.0.0.1:PORT/github (GITHUB_API_URL)
 *   await sandbox.close();
 */
import { STATUS_CODES } from 'node:http';
import { API_HOST, FOREIGN_HOST } from './constants.mjs';
import { Router, createDispatcher, createLoopbackServer, json } from './core.mjs';
import { createForeign } from './foreign.mjs';
import { createGithub } from './github.mjs';
import { FAKES, PROVIDERS } from './providers/index.mjs';
import { createEnv, resolveOptions } from './state.mjs';

export { PROVIDERS };

/**
 * @typedef {import('./state.mjs').SandboxOptions} SandboxOptions
 * @typedef {import('./state.mjs').ResolvedOptions} ResolvedOptions
 * @typedef {import('./state.mjs').StatusRecord} StatusRecord
 * @typedef {import('./core.mjs').RequestRecord} RequestRecord
 * @typedef {import('./core.mjs').FaultSpec} FaultSpec
 * @typedef {import('./core.mjs').Fault} Fault
 * @typedef {import('./builds.mjs').Build} Build
 */

/**
 * @typedef {{
 *   port: number,
 *   foreignPort: number,
 *   apiBase: string,
 *   foreignUrl: string,
 *   githubApiUrl: string,
 *   sha: string,
 *   headSha: string,
 *   options: ResolvedOptions,
 *   requests: RequestRecord[],
 *   builds: Build[],
 *   statuses: StatusRecord[],
 *   deployments: import('./state.mjs').DeploymentRecord[],
 *   comments: import('./state.mjs').CommentRecord[],
 *   checkRuns: import('./state.mjs').CheckRunRecord[],
 *   faults: Fault[],
 *   apiUrl: (provider: string) => string,
 *   buildsCreated: (provider?: string) => number,
 *   buildEndedAt: (id: string) => number | null,
 *   inject: (fault: FaultSpec) => Fault,
 *   reset: () => void,
 *   close: () => Promise<void>,
 *   [fakeListOrMethod: string]: any,
 * }} Sandbox
 * Each fake adds its `lists` (`uploads`, `pages`) and its `extend` methods (`artifactContent`).
 */

/**
 * Start both servers: the API host on 127.0.0.1 (`options.port`, default random) and the foreign
 * host on 127.0.0.2 (random port).
 * @param {SandboxOptions} [options]
 * @returns {Promise<Sandbox>}
 */
export async function startSandbox(options = {}) {
  const opts = resolveOptions(options, FAKES);
  /** What the fakes' `open` hooks did, undone at close (or when the servers fail to start). */
  /** @type {(() => Promise<void>)[]} */
  const undo = [];
  const undoAll = async () => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    for (const fake of FAKES) {
      const step = await fake.open?.(opts);
      if (step) undo.push(step);
    }
  } catch (err) {
    await undoAll();
    throw err;
  }
  const env = createEnv(opts, FAKES);

  const providers = FAKES.map((fake) => fake.create(env));
  /** Route prefix -> service: each fake at the prefix it declares, GitHub at `/github`. */
  /** @type {Map<string, import('./core.mjs').Service>} */
  const services = new Map(FAKES.map((fake, i) => [fake.name, providers[i]]));
  if (services.has('github')) throw new Error('a fake may not be named "github"');
  services.set('github', createGithub(env));
  const foreign = createForeign(providers);

  /** `GET /` lists the bases; anything else outside a provider is a bare 404. */
  const apiRoot = {
    name: 'api',
    router: new Router().add('GET', '/', () =>
      json(200, {
        providers: Object.fromEntries(PROVIDERS.map((p) => [p, `${env.apiBase}/${p}`])),
        github: `${env.apiBase}/github`,
      }),
    ),
    errorReply: (/** @type {number} */ status) => json(status, { message: STATUS_CODES[status] }),
  };

  const common = {
    requests: env.requests,
    faults: env.faults,
    timers: env.timers,
    foreignBase: () => env.foreignBase,
    onRequest: (/** @type {RequestRecord} */ rec) => env.options.onRequest?.(rec),
  };
  const api = createLoopbackServer(
    createDispatcher({
      ...common,
      host: 'api',
      resolve(pathname) {
        const name = pathname.split('/')[1] ?? '';
        const service = services.get(name);
        if (!service) return { service: apiRoot, provider: null, path: pathname };
        return { service, provider: name, path: pathname.slice(name.length + 1) || '/' };
      },
    }),
  );
  const foreignHost = createLoopbackServer(
    createDispatcher({ ...common, host: 'foreign', resolve: foreign.resolve }),
  );

  let port;
  let foreignPort;
  try {
    port = await api.listen(opts.port, API_HOST);
    foreignPort = await foreignHost.listen(0, FOREIGN_HOST);
  } catch (err) {
    await api.close();
    await undoAll();
    throw err;
  }
  env.apiBase = `http://${API_HOST}:${port}`;
  env.foreignBase = `http://${FOREIGN_HOST}:${foreignPort}`;

  let closed = false;
  const lists = FAKES.flatMap((fake) => fake.lists ?? []);

  /** @type {Sandbox} */
  const sandbox = {
    port,
    foreignPort,
    apiBase: env.apiBase,
    foreignUrl: env.foreignBase,
    githubApiUrl: `${env.apiBase}/github`,
    sha: opts.github.sha,
    headSha: opts.github.headSha,
    options: opts,
    requests: env.requests,
    builds: env.builds,
    statuses: env.statuses,
    deployments: env.deployments,
    comments: env.comments,
    checkRuns: env.checkRuns,
    faults: env.faults.list,

    apiUrl(provider) {
      if (!PROVIDERS.includes(provider)) throw new Error(`unknown provider "${provider}"`);
      return `${env.apiBase}/${provider}`;
    },

    buildsCreated(provider) {
      return env.builds.filter((b) => provider === undefined || b.provider === provider).length;
    },

    buildEndedAt(id) {
      return env.index.get(id)?.endsAt ?? null;
    },

    inject(fault) {
      return env.faults.add(fault);
    },

    reset() {
      env.timers.clearAll();
      env.faults.clear();
      for (const list of [
        env.requests,
        env.builds,
        env.statuses,
        env.deployments,
        env.comments,
        env.checkRuns,
        ...lists.map((list) => env[list]),
      ]) {
        list.length = 0;
      }
      env.index.clear();
      for (const provider of providers) provider.reset?.();
    },

    async close() {
      if (closed) return;
      closed = true;
      env.timers.clearAll();
      await Promise.all([api.close(), foreignHost.close()]);
      await undoAll();
    },
  };
  // What the fakes add: their records (`sandbox.pages`) and their methods (`artifactContent`).
  for (const list of lists) sandbox[list] = env[list];
  for (const fake of FAKES) {
    for (const [name, method] of Object.entries(fake.extend?.(env) ?? {})) {
      if (name in sandbox) throw new Error(`fake ${fake.name}: sandbox.${name} is taken`);
      sandbox[name] = method;
    }
  }
  return sandbox;
}
