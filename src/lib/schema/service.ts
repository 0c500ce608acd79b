import { z } from 'zod';

/**
 * A kernel's `service:` block: a fixed helper server the implementations talk to (a client kernel:
 * what is measured is the client, not the server). The harness starts it once before the kernel's
 * implementations are measured, as `<program> PORT <params in kernel.yaml order>` with the kernel's
 * Python (a .py file in the kernel folder), waits until GET `path` answers 2xx, gives every
 * implementation its address in CLAIMBENCH_SERVICE_URL (http://127.0.0.1:PORT), and stops it (its
 * whole process group) after the last round, on every path out, then checks the port is free.
 * It must listen on 127.0.0.1 only.
 */
export const ServiceSpec = z.strictObject({
  /** The program, relative to the kernel folder: a Python file run with the kernel's python runtime. */
  source: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*\.py$/, 'a .py file in the kernel folder (letters, digits, "_", "-", ".", "/")'),
  /** What it serves, in a sentence (shown with the kernel). */
  description: z.string().min(1),
  /** Path requested until it answers 2xx (GET); the harness then starts measuring. */
  path: z.string().regex(/^\/[\x21-\x7e]*$/, 'an absolute URL path such as "/ready" (printable ASCII, no spaces)'),
  /** Most seconds to wait after start for that answer; the kernel's implementations then fail as "service never ready". Default 20. */
  readySeconds: z.number().positive().max(120).default(20),
});
export type ServiceSpec = z.infer<typeof ServiceSpec>;

/** The environment variable that carries the service's address to every implementation. */
export const SERVICE_ENV = 'CLAIMBENCH_SERVICE_URL';
