/**
 * The one line a reader runs to reproduce a kernel's measurement on their machine (a variant's:
 * with --variant, in the full profile, the only one that measures variants).
 */
export function reproduceCommand(kernelId: string, implIds?: readonly string[], variant?: string): string {
  const impls = implIds && implIds.length > 0 ? ` --impl ${[...new Set(implIds)].join(',')}` : '';
  const only = variant ? ` --variant ${variant} --profile full` : '';
  return `npm run harness -- --kernel ${kernelId}${only}${impls} --fresh`;
}
