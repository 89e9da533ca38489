/** Checks the providers share for the ids they read from their inputs. */
import { InputError } from '../errors.js';

/**
 * Ids that become one URL path segment (`project`, `organization`). `.` and `..` survive URL
 * encoding and are then resolved away (`/projects/../builds` is `/builds`), so they are refused
 * here, before any request.
 */
export function pathSegment(value: string, input: string): string {
  if (value === '.' || value === '..') {
    throw new InputError(
      input,
      `cannot be '${value}': it would be read as a relative path segment, not an id`,
      `set ${input} to the id shown in the provider's dashboard`,
    );
  }
  return value;
}
