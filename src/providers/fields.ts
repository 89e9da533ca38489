/**
 * The inputs more than one provider reads but not all of them (project, JustDeploy's keys and
 * artifact, Deskforge's platform, Sitepaste's pages): read here, beside the providers that
 * declare them, so the generic input reader names none of them. Each provider still declares
 * which of these it reads (its spec's `inputs`).
 */
import { InputError } from '../errors.js';
import { bool } from '../inputs/boolean.js';
import { apiUrl, oneOf } from '../inputs/parse.js';

/** The provider inputs read into the flat settings, defaulted and validated. */
export interface ProviderFields {
  /** Empty for Sitepaste, which builds the whole account. */
  readonly project: string;
  readonly secretKey: string;
  readonly organization: string;
  readonly artifact: string;
  /** Zip dotfiles and dot-directories too (`.git` never). */
  readonly includeHiddenFiles: boolean;
  readonly stage: string;
  readonly platform: '' | 'mac' | 'windows' | 'linux';
  readonly arch: 'x64' | 'arm64';
  readonly version: string;
  readonly downloadTo: string;
  readonly pages: string;
  /** Sitepaste: the live site, snapshotted before the trigger (else the deployUrl it returns). */
  readonly siteUrl: string;
  readonly onConflict: 'wait' | 'fail';
}

/** Reads the provider fields; `get` returns inputs trimmed. */
export function readProviderFields(get: (name: string) => string): ProviderFields {
  const platform = oneOf(get('platform'), 'platform', ['', 'mac', 'windows', 'linux'] as const);
  return {
    project: pathSegment(get('project'), 'project'),
    secretKey: get('secret-key'),
    organization: pathSegment(get('organization'), 'organization'),
    artifact: get('artifact'),
    includeHiddenFiles: includeHiddenFiles(get),
    stage: get('stage') || 'production',
    platform,
    arch: oneOf(get('arch') || 'x64', 'arch', ['x64', 'arm64'] as const),
    version: semver(get('version')),
    downloadTo: get('download-to'),
    pages: get('pages'),
    siteUrl: get('site-url'),
    onConflict: oneOf(get('on-conflict') || 'wait', 'on-conflict', ['wait', 'fail'] as const),
  };
}

/** The checks made once the provider's required inputs are known to be set. */
export function checkProviderFields(fields: ProviderFields): void {
  if (fields.siteUrl) apiUrl(fields.siteUrl, 'site-url');
}

/** `include-hidden-files`: whether a zipped `artifact` directory keeps its dotfiles. */
export function includeHiddenFiles(get: (name: string) => string): boolean {
  return bool(get('include-hidden-files'), 'include-hidden-files', false);
}

/**
 * Ids that become one URL path segment. `.` and `..` survive URL encoding and are then resolved
 * away (`/projects/../builds` is `/builds`), so they are refused here, before any request.
 */
function pathSegment(value: string, input: string): string {
  if (value === '.' || value === '..') {
    throw new InputError(
      input,
      `cannot be '${value}': it would be read as a relative path segment, not an id`,
      `set ${input} to the id shown in the provider's dashboard`,
    );
  }
  return value;
}

function semver(value: string): string {
  if (value && !/^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(value)) {
    throw new InputError('version', `must be a semantic version like 1.2.3, got '${value}'`);
  }
  return value;
}
