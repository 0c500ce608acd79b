/**
 * Safety rules for this project's GitHub Actions workflows, beyond what actionlint checks. Pure:
 * takes a parsed workflow and its text (the version comments of pinned actions are not in the
 * parsed form). Used by test/unit/workflows.test.ts.
 */

export interface WorkflowJob {
  'runs-on'?: string | string[] | { labels?: string | string[]; group?: string };
  permissions?: string | Record<string, string>;
  steps?: Array<{ uses?: string }>;
  uses?: string;
}
export interface Workflow {
  on: string | string[] | Record<string, unknown>;
  permissions?: string | Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

/** Events whose workflow may run code from outside the project's maintainers (forks, anyone). */
const UNTRUSTED_EVENTS = ['pull_request', 'pull_request_target', 'push', 'issue_comment', 'pull_request_review', 'pull_request_review_comment', 'workflow_run', 'fork', 'issues', 'discussion'];

const events = (on: Workflow['on']): string[] => (typeof on === 'string' ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {}));

/** A job's runner labels as written (an expression stays an expression). */
function labels(job: WorkflowJob): string[] {
  const r = job['runs-on'];
  if (r === undefined) return [];
  if (typeof r === 'string') return [r];
  if (Array.isArray(r)) return r;
  return r.labels === undefined ? [`group:${r.group ?? '?'}`] : typeof r.labels === 'string' ? [r.labels] : r.labels;
}

/** GitHub-hosted runner labels (ubuntu-24.04, ubuntu-latest, windows-2025, macos-15, ...). */
const HOSTED = /^(ubuntu|windows|macos)-[\w.-]+$/;

/** Every breach of the rules, as "where: what was expected"; empty when there is none. */
export function workflowProblems(workflow: Workflow, text: string): string[] {
  const problems: string[] = [];
  const on = events(workflow.on);
  const untrusted = on.filter((e) => UNTRUSTED_EVENTS.includes(e));
  if (on.includes('pull_request_target')) problems.push('on.pull_request_target: expected none (it runs with the base repository\'s token and secrets on a fork\'s request)');

  const top = workflow.permissions;
  if (top === undefined) problems.push('permissions: expected a top-level block (e.g. contents: read); the default token may write');
  else if (typeof top === 'string') {
    if (top !== 'read-all') problems.push(`permissions: expected read-only ({} or contents: read), got ${top}`);
  } else {
    for (const [scope, level] of Object.entries(top)) if (level === 'write') problems.push(`permissions.${scope}: expected read or none at the top; give write to the one job that needs it`);
  }

  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === 'write-all') problems.push(`jobs.${name}.permissions: expected named scopes, got write-all`);
    if (untrusted.length > 0) {
      for (const label of labels(job)) {
        if (!HOSTED.test(label)) problems.push(`jobs.${name}.runs-on: expected a GitHub-hosted runner label in a workflow started by ${untrusted.join(', ')} (a self-hosted runner must not run strangers' code), got "${label}"`);
      }
    }
  }

  // Pinned actions: owner/repo[/path]@<40 hex> followed by "# vX..." on the same line.
  for (const [n, line] of text.split('\n').entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const ref = m[1]!;
    if (ref.startsWith('./') || ref.startsWith('docker://')) continue;
    const at = ref.split('@')[1] ?? '';
    if (!/^[0-9a-f]{40}$/.test(at)) problems.push(`line ${n + 1}: expected ${ref.split('@')[0]} pinned to a full 40-hex commit SHA, got "@${at}"`);
    else if (!/^#\s*v\d+(\.\d+)*\s*$/.test(m[2] ?? '')) problems.push(`line ${n + 1}: expected a version comment after the pinned SHA of ${ref.split('@')[0]} (# v1.2.3)`);
  }
  return problems;
}
