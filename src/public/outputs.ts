/**
 * What a provider's values may hold before they become step outputs. Workflows expand outputs
 * into `run:` scripts (`echo ${{ steps.build.outputs.build-id }}`), where the runner pastes the
 * text into the script before the shell reads it: a build id like `b1"; touch x; echo "` would run
 * as code in the user's next step. So each output carries only the characters such a value has,
 * and a value with anything else is refused: the run fails with one line saying which output and
 * which characters, and the output is left empty. (Passing outputs through `env:` is the safe way
 * to use them whatever they hold; see docs/security.md.)
 */
import type { Build } from '../providers/types.js';
import { checkLink } from './links.js';

/** One output a provider's value was refused for. */
export interface OutputRefusal {
  /** The output's name: `build-id`. */
  output: string;
  /** What the value has that such a value never has, in words. */
  problem: string;
}

interface Rule {
  output: string;
  field: 'id' | 'providerStatus' | 'dockerImage' | 'deployUrl' | 'artifactUrl' | 'logUrl';
  /** Every character the value may have. */
  chars: RegExp;
  /** What the value is, for the message: "a build id". */
  what: string;
  maxLength: number;
}

/** Letters and digits of any script, and the punctuation ids and image names use. */
const ID_CHARS = /^[\p{L}\p{N}._:@/+=-]$/u;
/** A status word: as ids, plus spaces ("Build Succeeded"). */
const WORD_CHARS = /^[\p{L}\p{N} ._:/+-]$/u;
/**
 * A URL as the link rule keeps it, without the characters a shell reads: `$ ' ( ) ; & ! *` (the
 * rule has already refused spaces, quotes, `<>`, `` ` ``, `\`, `|`, `{}` and `^`).
 */
const URL_CHARS = /^[A-Za-z0-9._~:/@%+=,\-[\]]$/;

const RULES: readonly Rule[] = [
  { output: 'build-id', field: 'id', chars: ID_CHARS, what: 'a build id', maxLength: 256 },
  {
    output: 'provider-status',
    field: 'providerStatus',
    chars: WORD_CHARS,
    what: 'a status word',
    maxLength: 200,
  },
  {
    output: 'docker-image',
    field: 'dockerImage',
    chars: ID_CHARS,
    what: 'an image name',
    maxLength: 512,
  },
  { output: 'deploy-url', field: 'deployUrl', chars: URL_CHARS, what: 'a URL', maxLength: 2048 },
  {
    output: 'artifact-url',
    field: 'artifactUrl',
    chars: URL_CHARS,
    what: 'a URL',
    maxLength: 2048,
  },
  { output: 'log-url', field: 'logUrl', chars: URL_CHARS, what: 'a URL', maxLength: 2048 },
];

/**
 * The characters of `value` that `chars` does not allow, shown escaped (`"`, `;`, `\u001b`), at
 * most five; never the value itself, which may be long or hostile.
 */
function strangers(value: string, chars: RegExp): string[] {
  const found: string[] = [];
  for (const c of value) {
    if (chars.test(c)) continue;
    const shown =
      c === ' '
        ? 'space'
        : /^[!-~]$/.test(c)
          ? `'${c}'`
          : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    if (!found.includes(shown)) found.push(shown);
    if (found.length === 5) break;
  }
  return found;
}

/**
 * Checks the build's values that become outputs. A URL the link rule drops is no refusal (it is
 * left out, as everywhere public); a URL the rule keeps but that has characters a shell reads is.
 * Returns the build without the refused values, and what was refused.
 */
export function checkOutputs(build: Build): { build: Build; refused: OutputRefusal[] } {
  const out: Build = { ...build };
  const refused: OutputRefusal[] = [];
  for (const rule of RULES) {
    const value = build[rule.field];
    if (value === undefined || value === '') continue;
    if (rule.chars === URL_CHARS && !checkLink(value).ok) continue;
    // Non-ASCII in a URL is sent percent-encoded; the output gets it that way too.
    const shown = rule.chars === URL_CHARS ? asciiUrl(value) : value;
    const bad = strangers(shown, rule.chars);
    const tooLong = [...shown].length > rule.maxLength;
    if (bad.length === 0 && !tooLong) {
      if (shown !== value) (out as unknown as Record<string, string>)[rule.field] = shown;
      continue;
    }
    refused.push({
      output: rule.output,
      problem: tooLong
        ? `is longer than ${rule.maxLength} characters`
        : `has characters ${rule.what} never has (${bad.join(', ')})`,
    });
    if (rule.field === 'id') out.id = '';
    else if (rule.field === 'providerStatus') out.providerStatus = '';
    else delete out[rule.field];
  }
  return { build: out, refused };
}

/** The URL with anything outside ASCII percent-encoded, as the URL parser writes it. */
function asciiUrl(url: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(url) ? url : new URL(url).href;
}

/** The one line a refusal fails the run with. */
export function refusalMessage(providerTitle: string, refused: readonly OutputRefusal[]): string {
  const parts = refused.map((r) => `${r.output} ${r.problem}`);
  return `${providerTitle} sent values that cannot be step outputs: ${parts.join('; ')}. They were refused (left empty) so that no later step runs them as shell. Fix: check what the provider answers for these fields (for provider: custom, the *-field inputs)`;
}
