import { openApiDocument } from '@/domain/api-tokens/openapi';

/** The OpenAPI 3.1 document of the JSON API: public, built from the same constants as the routes and the lookup budgets in force. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
