/**
 * The sandbox's provider fakes: the one list the server, its options, its CLI and the tests read.
 * Each module declares all it is (`export const fake`: route prefix, default token, options,
 * state, hooks; see `FakeModule` in core.mjs), so a new fake is its module plus one line here.
 * The order is the order `GET /` and `npm run sandbox` list them in: the five documented
 * providers as the documents number them, then the custom API and GitHub's Actions API.
 */

/** @type {readonly import('../core.mjs').FakeModule[]} */
export const FAKES = Object.freeze([
  (await import('./jamdesk.mjs')).fake,
  (await import('./sitepaste.mjs')).fake,
  (await import('./justdeploy.mjs')).fake,
  (await import('./deskforge.mjs')).fake,
  (await import('./deployhub.mjs')).fake,
  (await import('./custom.mjs')).fake,
  (await import('./github-workflow.mjs')).fake,
]);

/** Every fake's name, which is its route prefix (`/<name>/...`). */
export const PROVIDERS = Object.freeze(FAKES.map((f) => f.name));
