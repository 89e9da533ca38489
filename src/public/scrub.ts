/**
 * The scrubber: no secret leaves the action. The runner's masking covers its own log only; a
 * provider that echoes the token (or a key from an endpoint's query) in an error would otherwise
 * put it in the commit status, the deployment, the pull-request comment, the job summary and the
 * outputs. Everything that goes there, and everything the CLI prints, passes through `scrub`,
 * which removes each secret in the forms an echo takes: as sent, URL-encoded, JSON-escaped and
 * base64-encoded (whole, or inside a longer base64 text such as a Basic auth header).
 */
/** What a removed secret reads as, as in the runner's log. */
export const MASK = '***';

/**
 * Values shorter than this are not scrubbed from text (nor masked in the log): a two-letter
 * "secret" would take every occurrence of those letters with it. No real credential is this short.
 */
export const MIN_SECRET_LENGTH = 3;

/** What bounded text ends with where it was cut (src/text.ts). */
const CUT = '…';

/** The shortest start of a secret, left before a cut, that is removed as if it were the secret. */
const MIN_CUT_PART = 8;

/**
 * Where the part of `form` that `text` holds just before `cut` begins (the longest such part of
 * at least MIN_CUT_PART characters), or `cut` when there is none. Linear in the form's length.
 */
function cutFormStart(text: string, cut: number, form: string): number {
  const head = form.slice(0, MIN_CUT_PART);
  if (head.length < MIN_CUT_PART) return cut;
  let at = text.indexOf(head, Math.max(0, cut - form.length));
  while (at >= 0 && at <= cut - MIN_CUT_PART) {
    if (form.startsWith(text.slice(at, cut))) return at;
    at = text.indexOf(head, at + 1);
  }
  return cut;
}

/** Base64 fragments shorter than this match too much ordinary text to be worth removing. */
const MIN_BASE64_FRAGMENT = 8;

/**
 * Headers whose values are not credentials: the rest of a custom API's `headers` (an API key, a
 * signature, a cookie) are treated as secrets.
 */
const PUBLIC_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-type',
  'user-agent',
]);

/** Query parameters whose value is a credential whatever its length. */
const SECRET_PARAM = /key|token|secret|sig|auth|pass|credential|session|code/i;
/** Any other query value this long is treated as a secret too: ids and words are shorter. */
const LONG_QUERY_VALUE = 8;

/** The parts of a run's settings that hold secrets (src/inputs.ts `Settings`). */
export interface SecretSettings {
  readonly token: string;
  readonly githubToken: string;
  /**
   * Every other secret found while reading the inputs: the provider's `secret` inputs
   * (`secret-key`) and what its inputs hold.
   */
  readonly secrets?: readonly string[] | undefined;
}

/**
 * The secrets found in an input's text as written, ready to mask: placeholders (`{token}`) are
 * not secrets (their values are masked on their own), nor are values too short to scrub.
 */
export function secretValues(found: readonly string[]): string[] {
  return unique(found.map((v) => v.trim()).filter((v) => !/\{[a-z-]+\}/.test(v)));
}

/**
 * Every value of `settings` that must never be shown: the credentials (`token`, `github-token`,
 * every input a provider declares `secret`) and what the provider's inputs hold (a custom API's header values and
 * credential-looking query values, `?api_key=`), as readSettings found them.
 */
export function secretsOf(settings: SecretSettings): string[] {
  return unique([settings.token, settings.githubToken, ...(settings.secrets ?? [])]);
}

/**
 * The secret parts of one header value: the value, and its credential after a scheme word
 * (`Bearer abc…`, `Basic dXNl…`), which is what an API echoes.
 */
export function headerValueSecrets(value: string): string[] {
  const trimmed = value.trim();
  const space = trimmed.lastIndexOf(' ');
  return unique([trimmed, space > 0 ? trimmed.slice(space + 1) : '']);
}

/**
 * The secret values of `text`'s header lines (`Name: value`, one a line), as written in the
 * `auth-header` and `headers` inputs, for masking before they are parsed.
 */
export function headerLinesSecrets(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // Not a header line (it will fail validation); its whole text may still be a credential.
      found.push(line.trim());
      continue;
    }
    if (PUBLIC_HEADERS.has(line.slice(0, colon).trim().toLowerCase())) continue;
    found.push(...headerValueSecrets(line.slice(colon + 1)));
  }
  return unique(found);
}

/** The credential-looking values of a path's query string (`/builds?api_key=...`). */
export function querySecrets(path: string): string[] {
  const mark = path.indexOf('?');
  if (mark < 0) return [];
  const query = path.slice(mark + 1);
  const found: string[] = [];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value = raw;
    try {
      value = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      value = raw;
    }
    if (SECRET_PARAM.test(name) || value.length >= LONG_QUERY_VALUE) found.push(raw, value);
  }
  return unique(found);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v.length >= MIN_SECRET_LENGTH))];
}

/**
 * Removes secrets from text. Built once per run from its settings; `add` takes more (the CLI
 * masks values as it reads them). Scrubbing is plain substring search, linear in the text for
 * each form, with no regular expression built from a secret.
 */
export class Scrubber {
  /** Every form of every secret, longest first (so a longer form is never cut by a shorter). */
  private forms: string[] = [];
  private readonly secrets = new Set<string>();
  /** Where secrets minted during the run come from (OIDC tokens renewed while it waits). */
  private readonly sources: (() => Iterable<string>)[] = [];

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Scrub `secret` too, from now on. */
  add(secret: string): void {
    if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const forms = new Set(this.forms);
    for (const form of formsOf(secret)) forms.add(form);
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }

  /**
   * Scrub whatever `source` lists too, read again before each use: a credential minted after the
   * run's settings were read (a renewed OIDC token) is a secret from the moment it exists.
   */
  follow(source: () => Iterable<string>): void {
    this.sources.push(source);
  }

  private refresh(): void {
    for (const source of this.sources) for (const secret of source()) this.add(secret);
  }

  /** True when there is nothing to scrub. */
  get empty(): boolean {
    this.refresh();
    return this.forms.length === 0;
  }

  /**
   * `text` with every form of every secret replaced by `***`, and a secret's beginning cut off
   * by a `…` (text is bounded before it gets here: a 300-character reason can end inside a token)
   * replaced too.
   */
  scrub(text: string): string {
    this.refresh();
    let out = text;
    for (const form of this.forms) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out.includes(CUT) ? this.scrubCutForms(out) : out;
  }

  /** Each `…` in `text` that ends the first part of a secret's form: that part goes as well. */
  private scrubCutForms(text: string): string {
    let out = '';
    let from = 0;
    for (let cut = text.indexOf(CUT); cut >= 0; cut = text.indexOf(CUT, cut + 1)) {
      let start = cut;
      for (const form of this.forms) start = Math.min(start, cutFormStart(text, cut, form));
      out += start < cut ? `${text.slice(from, start)}${MASK}` : text.slice(from, cut);
      from = cut;
    }
    return out + text.slice(from);
  }

  /** True when `text` holds any form of any secret. */
  holdsSecret(text: string): boolean {
    this.refresh();
    return this.forms.some((form) => text.includes(form));
  }
}

/** The forms in which `secret` may come back: as sent, encoded, escaped, base64. */
export function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const uri = encodeURIComponent(secret);
  forms.add(uri);
  forms.add(uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const fragment of base64Forms(secret)) forms.add(fragment);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Base64 of `secret` as it reads inside any longer base64 text: for each of the three alignments
 * the secret can start at, the characters that depend on the secret's bytes alone (a Basic auth
 * header encodes `user:token`, so the token starts wherever `user:` ends), in the standard and
 * the URL-safe alphabets. The whole secret's own encoding (with padding) is one of them.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [Buffer.from(bytes).toString('base64')];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    // Characters fully inside whole 3-byte groups, skipping those that mix in the pad bytes.
    const whole = Math.floor(padded.length / 3) * 4;
    const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const fragment = encoded.slice(skip, whole);
    if (fragment.length >= MIN_BASE64_FRAGMENT) out.push(fragment);
  }
  return out.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')]);
}
