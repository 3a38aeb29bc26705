/** A Wholesale reason as a person reads it: Webex's description, and its code in brackets to quote to support. */
export function problemText(problem: { readonly errorCode?: number; readonly description?: string }): string {
  const code = problem.errorCode !== undefined ? `(${problem.errorCode})` : '';
  return [problem.description ?? '', code].filter(Boolean).join(' ') || '?';
}

/** Several reasons on one line, each once. */
export function problemsText(
  problems: readonly { readonly errorCode?: number; readonly description?: string }[],
): string {
  return [...new Set(problems.map(problemText))].join('; ');
}
