/** Types for sandbox/worlds.mjs, the seeded random world generator of the property suite. */
export interface WorldFault {
  /** How the fault is described when a world fails. */
  label: string;
  /** The fault answers with a Retry-After, which may stretch a polling gap. */
  ra?: boolean;
  /** The fault answers slowly, which may stretch a polling gap. */
  slow?: boolean;
  [key: string]: unknown;
}
export interface World {
  seed: number;
  provider: string;
  history: string;
  outcome: string;
  sandbox: Record<string, unknown>;
  inputs: Record<string, string>;
  pollMs: number;
  failOnError: boolean;
  faults: WorldFault[];
}
export function rng(seed: number): () => number;
export const HISTORY_PROVIDERS: string[];
export function generateWorld(
  provider: string,
  seed: number,
  opts?: Record<string, unknown>,
): World;
export function describeWorld(world: World): string;
