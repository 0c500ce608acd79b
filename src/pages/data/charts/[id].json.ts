import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site.ts';

export function getStaticPaths() {
  return getSite().claims.filter((c) => c.chartSpec).map((c) => ({ params: { id: c.claim.id } }));
}

/** Each chart's Vega-Lite spec with its data inline: open it in the Vega editor or read the rows. */
export const GET: APIRoute = ({ params }) => {
  const view = getSite().claims.find((c) => c.claim.id === params.id)!;
  return new Response(JSON.stringify(view.chartSpec, null, 1), { headers: { 'content-type': 'application/json' } });
};
