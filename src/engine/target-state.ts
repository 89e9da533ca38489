/**
 * How several targets keep their post-step state apart: each target's keys get its index, and
 * one key says how many there are. Its own file so the post bundle does not load the engine.
 */

/** The state key holding how many targets saved state under `targetStateKey`. */
export const TARGET_COUNT_STATE_KEY = 'targets';

/** The post step's key for target `index`'s copy of `key`. */
export function targetStateKey(key: string, index: number): string {
  return `${key}-t${index}`;
}
