/**
 * Deployments, the pull-request comment and the commit status for every provider, through dist/.
 */
import { describe, expect, it, vi } from 'vitest';
import { actionStatuses, expectHygiene, runIn, type ProviderName } from './helpers.js';
import { useReportingWorld, PR, REPORTING } from './reporting-world.js';

const world = useReportingWorld();
const { prEvent, ourComments, warnings } = world;

// Each test runs the bundled action two or three times against builds of about a second.
vi.setConfig({ testTimeout: 60_000 });

describe.each(['jamdesk', 'sitepaste', 'justdeploy', 'deskforge', 'deployhub'] as ProviderName[])(
  '%s with environment and pr-comment',
  (provider) => {
    it('success: one deployment ending success at deploy-url, one comment edited, the status as before; a re-run edits it again', async () => {
      const result = await runIn(world.sandbox, provider, REPORTING, prEvent());
      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(world.sandbox.deployments).toHaveLength(1);
      const dep = world.sandbox.deployments[0]!;
      expect(dep).toMatchObject({
        sha: world.sandbox.headSha,
        environment: `preview-pr-${PR}`,
        transient_environment: true,
        production_environment: false,
        auto_merge: false,
        required_contexts: [],
      });
      expect(result.outputs['deployment-id']).toBe(String(dep.id));
      expect(dep.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
      // The early link: the log (or the run) from the first status on.
      expect(dep.statuses[0]!.log_url).toMatch(/^https?:\/\//);
      const deployUrl = result.outputs['deploy-url'] || null;
      expect(dep.statuses[1]!.environment_url).toBe(deployUrl);

      expect(ourComments()).toHaveLength(1);
      const comment = ourComments()[0]!;
      const updates = comment.updates;
      expect(updates).toBeGreaterThanOrEqual(1);
      expect(comment.body).toContain('✅');
      expect(comment.body).toContain(world.sandbox.headSha.slice(0, 7));
      expect(comment.body).toContain('actions/runs/4242');
      if (deployUrl) expect(comment.body).toContain(`(<${deployUrl}>)`);
      expect(result.outputs['comment-url']).toContain(`#issuecomment-${comment.id}`);

      expect(actionStatuses(world.sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expect(actionStatuses(world.sandbox)[0]!.target_url).toMatch(/^https?:\/\//);
      expect(warnings(result)).toEqual([]);
      expectHygiene(world.sandbox, result);

      const again = await runIn(world.sandbox, provider, REPORTING, prEvent());
      expect(again.code).toBe(0);
      expect(ourComments()).toHaveLength(1);
      expect(ourComments()[0]!.id).toBe(comment.id);
      expect(ourComments()[0]!.updates).toBeGreaterThan(updates);
      expect(world.sandbox.deployments).toHaveLength(2);
      // auto-inactive: the earlier deployment of the same environment went inactive.
      expect(world.sandbox.deployments[0]!.statuses.at(-1)!.state).toBe('inactive');
    });
  },
);
