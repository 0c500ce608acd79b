/** The one line a reader runs to reproduce a kernel's measurement on their machine. */
export function reproduceCommand(kernelId: string, implIds?: readonly string[]): string {
  const impls = implIds && implIds.length > 0 ? ` --impl ${[...new Set(implIds)].join(',')}` : '';
  return `npm run harness -- --kernel ${kernelId}${impls} --fresh`;
}
