/**
 * Holds the sandbox's GitHub (and the requests the action sends it) to GitHub's own OpenAPI
 * description, as the `@octokit/openapi` package ships it for api.github.com and GitHub
 * Enterprise Server. A fake that answered in shapes GitHub never sends would make every test
 * that passes against it prove less than it seems.
 *
 *   const problems = await githubConformance(sandbox.requests);   // [] when all is well
 *
 * GitHub sends a few answers its description leaves out; they are allowed, and listed in one
 * place: {@link UNDOCUMENTED_ANSWERS}.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { URLSearchParams } from 'node:url';

/** The descriptions checked: GitHub.com, and the newest GitHub Enterprise Server shipped. */
export const GITHUB_SPECS = /** @type {const} */ (['api.github.com', 'ghes-3.19']);

/**
 * Answers GitHub gives that its description omits, each with the body schema it has then. `op` is
 * an operationId, or `*` for every operation. Nothing else undocumented is accepted.
 * @type {readonly {op: string, method?: string, status: number, schema: string | null, why: string}[]}
 */
export const UNDOCUMENTED_ANSWERS = [
  { op: '*', status: 401, schema: 'basic-error', why: 'a missing or bad token' },
  {
    op: '*',
    status: 403,
    schema: 'basic-error',
    why: 'a token without the permission ("Resource not accessible by integration"), or a rate limit',
  },
  {
    op: '*',
    status: 404,
    schema: 'basic-error',
    why: 'an unknown repository, commit or id, or one the token may not see',
  },
  {
    op: '*',
    method: 'GET',
    status: 304,
    schema: null,
    why: 'a conditional read (If-None-Match) of something unchanged: no body',
  },
  {
    op: 'repos/create-commit-status',
    status: 422,
    schema: 'validation-error',
    why: 'an unknown sha, a bad state, a description over 140 characters',
  },
  {
    op: 'repos/create-deployment-status',
    status: 404,
    schema: 'basic-error',
    why: 'an unknown deployment',
  },
  {
    op: 'issues/update-comment',
    status: 404,
    schema: 'basic-error',
    why: 'a deleted comment',
  },
  {
    op: 'actions/create-workflow-dispatch',
    status: 422,
    schema: 'validation-error',
    why: 'an undeclared input, an unknown ref, a disabled workflow, a key the server does not take (GHES: return_run_details)',
  },
  {
    op: 'checks/create',
    status: 422,
    schema: 'validation-error',
    why: 'a bad status/conclusion pair, more than 50 annotations',
  },
  {
    op: 'checks/update',
    status: 422,
    schema: 'validation-error',
    why: 'a bad status/conclusion pair, more than 50 annotations',
  },
];

const require = createRequire(import.meta.url);

/** @type {Map<string, Conformance>} */
const loaded = new Map();

/**
 * @typedef {{
 *   method: string,
 *   path: string,
 *   query?: string,
 *   body?: unknown,
 *   text?: string,
 *   reply?: {status: number, headers?: Record<string, string | number>, body?: unknown, injected?: boolean},
 * }} Exchange
 */

/** The checker for one description, loaded once per process (the file is 11-13 MB). */
export function conformance(/** @type {string} */ name = 'api.github.com') {
  let found = loaded.get(name);
  if (!found) {
    found = new Conformance(name);
    loaded.set(name, found);
  }
  return found;
}

/**
 * Every problem with the GitHub exchanges among `requests` (the sandbox's request records), under
 * each of {@link GITHUB_SPECS}. GraphQL is left out (it has no OpenAPI description), and so are
 * answers a test injected as a fault: those simulate GitHub failing, not GitHub's shapes.
 * @param {readonly (import('./core.mjs').RequestRecord)[]} requests
 * @returns {string[]}
 */
export function githubConformance(requests, specs = GITHUB_SPECS) {
  /** @type {string[]} */
  const problems = [];
  for (const rec of requests) {
    if (rec.provider !== 'github' || rec.path === '/graphql') continue;
    for (const spec of specs) {
      for (const problem of conformance(spec).check(rec)) problems.push(`${spec}: ${problem}`);
    }
  }
  return problems;
}

class Conformance {
  constructor(/** @type {string} */ name) {
    const file = join(dirname(require.resolve('@octokit/openapi')), 'generated', `${name}.json`);
    /** @type {any} */
    this.spec = JSON.parse(readFileSync(file, 'utf8'));
    this.name = name;
    /** @type {{method: string, re: RegExp, keys: string[], template: string, op: any}[]} */
    this.ops = [];
    for (const [template, item] of Object.entries(this.spec.paths)) {
      /** @type {string[]} */
      const keys = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          if (part.startsWith('{')) {
            keys.push(part.slice(1, -1));
            return '([^/]+)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      for (const [method, op] of Object.entries(/** @type {Record<string, any>} */ (item))) {
        if (!op || typeof op !== 'object' || !op.responses) continue;
        this.ops.push({
          method: method.toUpperCase(),
          re: new RegExp(`^${source}/?$`),
          keys,
          template,
          op,
        });
      }
    }
    // Literal segments win over parameters (`/commits/{ref}/statuses` before `/commits/{ref}`).
    this.ops.sort((a, b) => a.keys.length - b.keys.length);
  }

  /** Follows a `$ref` to something under `#/components` (a response, a parameter). */
  deref(/** @type {any} */ node) {
    let current = node;
    while (current && typeof current.$ref === 'string') {
      const parts = current.$ref.replace(/^#\//, '').split('/');
      current = parts.reduce(
        (at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        this.spec,
      );
    }
    return current;
  }

  /** Where `value` breaks `schema` (a schema of the description), as `where: what` lines. */
  validate(/** @type {any} */ schema, /** @type {unknown} */ value, where = 'body') {
    /** @type {string[]} */
    const out = [];
    validateValue(this.spec, schema, value, where, out);
    return out;
  }

  /** Problems with one exchange; [] when both sides are what GitHub describes. */
  check(/** @type {Exchange} */ rec) {
    const path = rec.path;
    const match = this.ops
      .filter((o) => o.method === (rec.method === 'HEAD' ? 'GET' : rec.method))
      .map((o) => ({ o, m: o.re.exec(path) }))
      .find((x) => x.m !== null);
    const label = `${rec.method} ${path}`;
    if (!match || !match.m) return [`${label}: no such operation in GitHub's description`];
    const { o, m } = match;
    const opId = o.op.operationId;
    /** @type {string[]} */
    const problems = [];
    const say = (/** @type {string} */ text) => problems.push(`${label} (${opId}): ${text}`);

    // The request: path and query parameters, then the body.
    const params = [...(o.op.parameters ?? [])].map((p) => this.deref(p));
    o.keys.forEach((key, i) => {
      const param = params.find((p) => p.in === 'path' && p.name === key);
      const raw = decodeURIComponent(m[i + 1] ?? '');
      if (param) this.checkValue(`path parameter ${key}`, raw, param.schema, say);
    });
    for (const [name, value] of new URLSearchParams(rec.query ?? '')) {
      const param = params.find((p) => p.in === 'query' && p.name === name);
      if (!param) say(`query parameter ${name} is not in the description`);
      else this.checkValue(`query parameter ${name}`, value, param.schema, say);
    }
    const requestBody = this.deref(o.op.requestBody);
    const bodySchema = requestBody?.content?.['application/json']?.schema;
    if (rec.text !== undefined) say('the request body is not JSON');
    else if (rec.body !== undefined) {
      if (!bodySchema) say('sends a body the operation does not take');
      else {
        const wrong = this.validate(bodySchema, rec.body, 'request body');
        if (wrong.length > 0) say(wrong.join('; '));
      }
    } else if (requestBody?.required) say('the request has no body; the operation requires one');

    // The answer (faults injected by a test stand for GitHub failing and are not checked).
    const reply = rec.reply;
    if (!reply || reply.injected) return problems;
    const documented = this.deref(o.op.responses[String(reply.status)]);
    /** @type {any} */
    let schema;
    if (documented) {
      const content = documented.content ?? {};
      const type = Object.keys(content).find((t) => /json/.test(t));
      schema = type ? content[type].schema : null;
    } else {
      const allowed = UNDOCUMENTED_ANSWERS.find(
        (a) =>
          (a.op === '*' || a.op === opId) &&
          (a.method === undefined || a.method === o.method) &&
          a.status === reply.status,
      );
      if (!allowed) {
        say(
          `answered ${reply.status}, which neither the description nor UNDOCUMENTED_ANSWERS lists`,
        );
        return problems;
      }
      schema = allowed.schema ? { $ref: `#/components/schemas/${allowed.schema}` } : null;
    }
    const empty = reply.body === undefined || reply.body === null || reply.body === '';
    if (schema === null || schema === undefined) {
      if (!empty) say(`answered ${reply.status} with a body; GitHub sends none`);
      return problems;
    }
    if (typeof reply.body !== 'object' || reply.body === null) {
      say(`answered ${reply.status} without a JSON body`);
      return problems;
    }
    const wrong = this.validate(schema, reply.body, `answer ${reply.status}`);
    if (wrong.length > 0) say(wrong.slice(0, 12).join('; '));
    return problems;
  }

  /** A path or query value (always text on the wire) against its schema. */
  checkValue(
    /** @type {string} */ what,
    /** @type {string} */ raw,
    /** @type {any} */ schema,
    /** @type {(text: string) => void} */ say,
  ) {
    const s = this.deref(schema) ?? {};
    /** @type {unknown} */
    let value = raw;
    if (s.type === 'integer' || s.type === 'number') {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) return say(`${what} "${raw}" is not a number`);
      value = Number(raw);
    } else if (s.type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') return say(`${what} "${raw}" is not a boolean`);
      value = raw === 'true';
    }
    const wrong = this.validate(s, value, what);
    if (wrong.length > 0) say(wrong.join('; '));
    return undefined;
  }
}

/** Formats checked; the description's others (int64, uri-template...) constrain nothing here. */
const FORMATS = /** @type {Record<string, (text: string) => boolean>} */ ({
  uri: (text) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(text),
  'date-time': (text) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text)),
  email: (text) => /^[^\s@]+@[^\s@]+$/.test(text),
});

/** The JSON type name of a value, as schemas name them (`integer` counts as `number` too). */
function typeOf(/** @type {unknown} */ value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * A small validator for the JSON Schema dialect of OpenAPI 3.0 that GitHub's description uses:
 * `$ref` to components, `nullable`, type, enum, required, properties, additionalProperties,
 * items, allOf/anyOf/oneOf, formats, lengths and bounds. Interpreted, not compiled: checking one
 * answer costs microseconds, where compiling each operation's schemas costs a second or more.
 */
function validateValue(
  /** @type {any} */ spec,
  /** @type {any} */ schemaIn,
  /** @type {unknown} */ value,
  /** @type {string} */ where,
  /** @type {string[]} */ out,
) {
  let schema = schemaIn;
  while (schema && typeof schema.$ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    if (name === undefined) {
      out.push(`${where}: unsupported reference ${schema.$ref}`);
      return;
    }
    schema = spec.components.schemas[name];
  }
  if (!schema || typeof schema !== 'object') return;
  if (value === null && schema.nullable === true) return;
  const type = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some(
      (/** @type {string} */ t) => t === type || (t === 'number' && type === 'integer'),
    );
    if (!ok) {
      out.push(`${where} is ${type}, must be ${types.join(' or ')}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    out.push(`${where} is ${JSON.stringify(value)}, must be one of ${JSON.stringify(schema.enum)}`);
  }
  if (type === 'string') {
    const text = /** @type {string} */ (value);
    const check = FORMATS[schema.format];
    // The description's own default is a value GitHub sends: deployment statuses carry
    // `environment_url: ""` (format uri, default "") when none was given.
    if (check && text !== schema.default && !check(text))
      out.push(`${where} ${JSON.stringify(text)} is not a ${schema.format}`);
    if (typeof schema.maxLength === 'number' && text.length > schema.maxLength)
      out.push(`${where} is longer than ${schema.maxLength}`);
    if (typeof schema.minLength === 'number' && text.length < schema.minLength)
      out.push(`${where} is shorter than ${schema.minLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(text))
      out.push(`${where} does not match ${schema.pattern}`);
  }
  if (type === 'integer' || type === 'number') {
    const n = /** @type {number} */ (value);
    if (typeof schema.minimum === 'number' && n < schema.minimum)
      out.push(`${where} is below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && n > schema.maximum)
      out.push(`${where} is above ${schema.maximum}`);
  }
  if (type === 'array') {
    const list = /** @type {unknown[]} */ (value);
    if (typeof schema.maxItems === 'number' && list.length > schema.maxItems)
      out.push(`${where} has more than ${schema.maxItems} items`);
    if (typeof schema.minItems === 'number' && list.length < schema.minItems)
      out.push(`${where} has fewer than ${schema.minItems} items`);
    if (schema.items)
      list.forEach((item, i) => validateValue(spec, schema.items, item, `${where}/${i}`, out));
  }
  if (type === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    for (const name of schema.required ?? []) {
      if (!(name in object)) out.push(`${where} lacks required property ${name}`);
    }
    const properties = schema.properties ?? {};
    for (const [name, item] of Object.entries(object)) {
      if (name in properties) validateValue(spec, properties[name], item, `${where}/${name}`, out);
      else if (schema.additionalProperties === false)
        out.push(`${where} has property ${name}, which the schema does not allow`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        validateValue(spec, schema.additionalProperties, item, `${where}/${name}`, out);
    }
  }
  for (const part of schema.allOf ?? []) validateValue(spec, part, value, where, out);
  for (const [keyword, need] of /** @type {const} */ ([
    ['anyOf', 'at least one'],
    ['oneOf', 'exactly one'],
  ])) {
    const options = schema[keyword];
    if (!Array.isArray(options)) continue;
    const results = options.map((/** @type {any} */ option) => {
      /** @type {string[]} */
      const wrong = [];
      validateValue(spec, option, value, where, wrong);
      return wrong;
    });
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0 || (keyword === 'oneOf' && passing > 1)) {
      const closest = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      out.push(
        `${where} matches ${passing} of the ${keyword} alternatives, must match ${need}` +
          (passing === 0 && closest.length > 0
            ? ` (closest: ${closest.slice(0, 3).join('; ')})`
            : ''),
      );
    }
  }
}
