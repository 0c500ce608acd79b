/** `npm run check`: validates every claim, article, kernel and run file; exits 1 listing each problem. */
import { loadDataset } from '../src/io/load.ts';
import { ValidationError, validationReport } from '../src/lib/schema-errors.ts';

try {
  const d = loadDataset(process.cwd());
  for (const n of d.notices) console.warn(`notice: ${n}`);
  console.log(`ok: ${d.articles.length} articles, ${d.claims.length} claims, ${d.kernels.length} kernels, ${d.runs.length} runs`);
} catch (e) {
  if (e instanceof ValidationError) {
    console.error(validationReport(e));
    process.exit(1);
  }
  throw e;
}
