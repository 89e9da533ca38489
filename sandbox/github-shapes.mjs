/**
 * The objects GitHub nests in its answers (a user, a repository, an app), in full: every field
 * GitHub's OpenAPI description requires, so the sandbox's answers have GitHub's shapes (checked
 * by sandbox/openapi.mjs).
 */

/**
 * A `simple-user`: a bot (GITHUB_TOKEN acts as `github-actions[bot]`), or a person.
 * @param {string} api  the fake API's base (`http://127.0.0.1:PORT/github`)
 * @param {{login: string, id: number, type: string}} who
 */
export function simpleUser(api, { login, id, type }) {
  const user = `${api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: type === 'Bot' ? `BOT_sandbox${id}` : `U_sandbox${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: user,
    html_url: `https://github.com/${type === 'Bot' ? 'apps/' : ''}${encodeURIComponent(login.replace(/\[bot\]$/, ''))}`,
    followers_url: `${user}/followers`,
    following_url: `${user}/following{/other_user}`,
    gists_url: `${user}/gists{/gist_id}`,
    starred_url: `${user}/starred{/owner}{/repo}`,
    subscriptions_url: `${user}/subscriptions`,
    organizations_url: `${user}/orgs`,
    repos_url: `${user}/repos`,
    events_url: `${user}/events{/privacy}`,
    received_events_url: `${user}/received_events`,
    type,
    site_admin: false,
    user_view_type: 'public',
  };
}

/**
 * A `minimal-repository` for `owner/repo`.
 * @param {string} api
 * @param {string} owner
 * @param {string} repo
 */
export function minimalRepository(api, owner, repo) {
  const url = `${api}/repos/${owner}/${repo}`;
  /** @type {Record<string, string>} */
  const links = {};
  for (const [name, tail] of Object.entries({
    archive_url: '/{archive_format}{/ref}',
    assignees_url: '/assignees{/user}',
    blobs_url: '/git/blobs{/sha}',
    branches_url: '/branches{/branch}',
    collaborators_url: '/collaborators{/collaborator}',
    comments_url: '/comments{/number}',
    commits_url: '/commits{/sha}',
    compare_url: '/compare/{base}...{head}',
    contents_url: '/contents/{+path}',
    contributors_url: '/contributors',
    deployments_url: '/deployments',
    downloads_url: '/downloads',
    events_url: '/events',
    forks_url: '/forks',
    git_commits_url: '/git/commits{/sha}',
    git_refs_url: '/git/refs{/sha}',
    git_tags_url: '/git/tags{/sha}',
    hooks_url: '/hooks',
    issue_comment_url: '/issues/comments{/number}',
    issue_events_url: '/issues/events{/number}',
    issues_url: '/issues{/number}',
    keys_url: '/keys{/key_id}',
    labels_url: '/labels{/name}',
    languages_url: '/languages',
    merges_url: '/merges',
    milestones_url: '/milestones{/number}',
    notifications_url: '/notifications{?since,all,participating}',
    pulls_url: '/pulls{/number}',
    releases_url: '/releases{/id}',
    stargazers_url: '/stargazers',
    statuses_url: '/statuses/{sha}',
    subscribers_url: '/subscribers',
    subscription_url: '/subscription',
    tags_url: '/tags',
    teams_url: '/teams',
    trees_url: '/git/trees{/sha}',
  })) {
    links[name] = `${url}${tail}`;
  }
  return {
    id: 1296269,
    node_id: 'R_sandbox1296269',
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: simpleUser(api, { login: owner, id: 9919, type: 'Organization' }),
    private: false,
    html_url: `https://github.com/${owner}/${repo}`,
    description: null,
    fork: false,
    url,
    ...links,
  };
}

/**
 * The GitHub App a token acts for: GITHUB_TOKEN's checks and statuses come from the
 * `github-actions` app.
 * @param {string} api
 */
export function githubActionsApp(api) {
  const owner = simpleUser(api, { login: 'github', id: 9919, type: 'Organization' });
  const stamp = '2018-07-30T09:30:17Z';
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    client_id: 'Iv1.sandbox',
    owner,
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: 'https://github.com/apps/github-actions',
    created_at: stamp,
    updated_at: stamp,
    permissions: { checks: 'write', statuses: 'write', deployments: 'write', metadata: 'read' },
    events: ['check_run', 'check_suite'],
  };
}
