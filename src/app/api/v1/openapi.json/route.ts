import { OPENAPI_DOCUMENT } from '@/domain/api-tokens/openapi';

/** The OpenAPI 3.1 document of the JSON API: public, built from the same constants as the route. */
export function GET(): Response {
  return Response.json(OPENAPI_DOCUMENT, { headers: { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
