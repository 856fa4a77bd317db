/** One problem found in a scenario: where (a JSON path like `store.shelves[3].slots[2].sku`) and what. */
export interface ScenarioIssue {
  readonly path: string;
  readonly message: string;
}

/** Formats a path of keys and indices the way a reader of the JSON would write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per issue: `file: path: message`. */
export function formatIssues(file: string, issues: readonly ScenarioIssue[]): string {
  return issues.map((i) => `${file}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`).join('\n');
}

/** Thrown by the loaders when a scenario or catalog cannot be used; carries every issue found. */
export class ScenarioError extends Error {
  readonly file: string;
  readonly issues: readonly ScenarioIssue[];

  constructor(file: string, issues: readonly ScenarioIssue[]) {
    super(`sim: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${file}\n${formatIssues(file, issues)}`);
    this.name = 'ScenarioError';
    this.file = file;
    this.issues = issues;
  }
}
