/**
 * The harness's watchdog, a separate process in its own process group: it reads "+<pgid>" and
 * "-<pgid>" lines on stdin as the harness starts and reaps programs, and when its stdin closes
 * (the harness exited, however it died, SIGKILL included) it kills every process group still
 * registered, so no implementation outlives the harness. Started by realProcessRunner (effects.ts).
 */
const groups = new Set<number>();
let buffered = '';

function killAll(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  buffered += chunk;
  let nl: number;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    const pgid = Number(line.slice(1));
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (line[0] === '+') groups.add(pgid);
    else if (line[0] === '-') groups.delete(pgid);
  }
});
process.stdin.on('end', killAll);
process.stdin.on('close', killAll);
// Signals meant for the harness's terminal or job do not stop the watchdog before it has done its job.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => {});
