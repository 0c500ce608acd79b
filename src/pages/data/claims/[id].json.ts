import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site.ts';
import { claimRecord } from '../../../lib/site/export.ts';

export function getStaticPaths() {
  return getSite().claims.map((c) => ({ params: { id: c.claim.id } }));
}

/** One claim: its record, our verdict with the explanation, the figures per machine and its history. */
export const GET: APIRoute = ({ params, site }) => {
  const view = getSite().claims.find((c) => c.claim.id === params.id)!;
  return new Response(JSON.stringify(claimRecord(view, site!.href), null, 1), { headers: { 'content-type': 'application/json' } });
};
