import type { APIRoute } from 'astro';
import { getSite } from '../../data/site.ts';
import { runsCsv } from '../../lib/site/export.ts';

/** One row per machine × kernel × implementation of the current runs. */
export const GET: APIRoute = () =>
  new Response(runsCsv(getSite().runs), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
