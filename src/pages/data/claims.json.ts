import type { APIRoute } from 'astro';
import { getSite } from '../../data/site.ts';
import { claimsDocument } from '../../lib/site/export.ts';

/** Every claim with its verdict, explanation, figures and links. */
export const GET: APIRoute = ({ site }) =>
  new Response(JSON.stringify(claimsDocument(getSite(), site!.href), null, 1), { headers: { 'content-type': 'application/json' } });
