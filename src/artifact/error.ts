/**
 * The artifact module's errors name no setting: it does not know what its caller calls the path
 * it ships (JustDeploy's `artifact` input, a CLI flag). The caller words them with its own names.
 */

/** What the caller calls the settings this module reads, for the words of its errors. */
export interface ArtifactSettingNames {
  /** The setting that holds the path to ship (JustDeploy: `artifact`). */
  readonly path: string;
  /** The boolean setting that zips hidden files too (JustDeploy: `include-hidden-files`). */
  readonly includeHidden: string;
}

/** Words that name settings, filled in with the caller's names. */
export type ArtifactWords = (names: ArtifactSettingNames) => string;

/** The module's own names (its options), for the message of an error nobody reworded. */
const OWN_NAMES: ArtifactSettingNames = {
  path: 'the artifact path',
  includeHidden: 'includeHidden',
};

/**
 * A path that cannot be shipped, found before any request: what is wrong with it and the fix.
 * `problem` reads after the path setting's name ("is empty"); both take the caller's names, so the
 * caller can turn this into an error about its own input (JustDeploy: an InputError naming
 * `artifact`).
 */
export class ArtifactError extends Error {
  private readonly problemWords: ArtifactWords;
  private readonly fixWords: ArtifactWords;

  constructor(problem: string | ArtifactWords, fix: ArtifactWords) {
    const problemWords = typeof problem === 'string' ? () => problem : problem;
    super(`${OWN_NAMES.path} ${problemWords(OWN_NAMES)}`);
    this.name = 'ArtifactError';
    this.problemWords = problemWords;
    this.fixWords = fix;
  }

  /** What is wrong, worded to follow the path setting's name: "is empty". */
  problem(names: ArtifactSettingNames): string {
    return this.problemWords(names);
  }

  /** What the user can do about it. */
  fix(names: ArtifactSettingNames): string {
    return this.fixWords(names);
  }
}
