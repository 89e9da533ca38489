/**
 * What the public may see of a build and of a run's outcome: every text scrubbed of secrets
 * (./scrub.ts) and every link judged by the link rule (./links.ts). The engine hands builds to
 * the reporters, and outcomes to the outputs, only through this.
 */
import type { Outcome } from '../engine/types.js';
import type { Build } from '../providers/types.js';
import { publicBuildLinks, type LinkPlace } from './links.js';
import type { Scrubber } from './scrub.js';

/** A build and an outcome as they may be shown, for one run. */
export interface PublicView {
  /** The build's texts scrubbed, its links by the rule for where a person clicks. */
  build(build: Build): Build;
  /** The outcome's message scrubbed and its build shown as `build` does. */
  outcome(outcome: Outcome): Outcome;
}

/** The build's texts scrubbed; a link that holds a secret anywhere is dropped, not scrubbed. */
export function scrubBuild(build: Build, scrubber: Scrubber): Build {
  if (scrubber.empty) return build;
  const out: Build = { ...build };
  const s = (text: string): string => scrubber.scrub(text);
  out.id = s(build.id);
  out.providerStatus = s(build.providerStatus);
  if (build.failureReason !== undefined) out.failureReason = s(build.failureReason);
  if (build.dockerImage !== undefined) out.dockerImage = s(build.dockerImage);
  if (build.notes !== undefined) out.notes = build.notes.map(s);
  for (const key of ['deployUrl', 'artifactUrl', 'logUrl'] as const) {
    const url = build[key];
    if (url !== undefined && scrubber.holdsSecret(url)) delete out[key];
  }
  return out;
}

/** The outcome with its message scrubbed and its build through `build`. */
export function scrubOutcome(
  outcome: Outcome,
  scrubber: Scrubber,
  build: (b: Build) => Build = (b) => scrubBuild(b, scrubber),
): Outcome {
  const out: Outcome = { ...outcome, build: outcome.build ? build(outcome.build) : undefined };
  if (outcome.message !== undefined) out.message = scrubber.scrub(outcome.message);
  return out;
}

/** The view for one run: `scrubber` from its settings, `place` for where people click. */
export function publicView(scrubber: Scrubber, place: LinkPlace): PublicView {
  const build = (b: Build): Build => publicBuildLinks(scrubBuild(b, scrubber), place);
  return {
    build,
    outcome: (outcome) => scrubOutcome(outcome, scrubber, build),
  };
}
