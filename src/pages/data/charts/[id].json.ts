import type { APIRoute } from 'astro';
import { getSite } from '../../../data/site.ts';

export function getStaticPaths() {
  return getSite().charts.map((c) => ({ params: { id: c.id } }));
}

/** Each chart's Vega-Lite spec with its data inline: open it in the Vega editor or read the rows. */
export const GET: APIRoute = ({ params }) => {
  const chart = getSite().charts.find((c) => c.id === params.id)!;
  return new Response(JSON.stringify(chart.spec, null, 1), { headers: { 'content-type': 'application/json' } });
};
