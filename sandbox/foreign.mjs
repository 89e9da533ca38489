/**
 * The foreign host (127.0.0.2): everything that is not the provider's API. It carries the
 * providers' own off-API routes (presigned upload, CDN, deployed sites, log files, dashboard) and
 * `/evil/*`, the target of injected redirects, which answers like an API would so a client that
 * follows the redirect with its credentials gets caught in `sandbox.requests`.
 */
import { Router, json, text } from './core.mjs';

/**
 * @param {import('./core.mjs').ProviderService[]} providers
 * @returns {import('./core.mjs').Service & {resolve: (pathname: string) => {service: import('./core.mjs').Service, provider: string | null, path: string}}}
 */
export function createForeign(providers) {
  const router = new Router();
  for (const provider of providers) provider.mountForeign?.(router);
  router.add('*', '/evil/*', ({ params }) =>
    json(200, { ok: true, evil: true, path: `/${params.wild ?? ''}` }),
  );

  /** @type {import('./core.mjs').Service} */
  const service = {
    name: 'foreign',
    router,
    errorReply: (status, message) =>
      text(status, message ?? (status === 404 ? 'Not Found' : 'Error')),
  };
  return {
    ...service,
    resolve(pathname) {
      const provider = router.flagsFor(pathname)?.provider;
      return { service, provider: typeof provider === 'string' ? provider : null, path: pathname };
    },
  };
}
