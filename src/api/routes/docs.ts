import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { AppEnv } from '../context.js';

/** The OpenAPI document's fixed part. */
export const OPENAPI_INFO: Parameters<OpenAPIHono['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'eks-jobs',
    version: '1.0.0',
    description:
      'Create and delete Kubernetes Jobs and Namespaces on Amazon EKS, asynchronously. Mutations answer 202 with an operation to poll; reads go live to the cluster. Every error is `{"error": {"code", "message", "requestId", "details"?}}`.',
  },
  servers: [{ url: '/' }],
};

/** `/openapi.json` (OpenAPI 3.1, generated from the route schemas) and `/docs` (Scalar UI). */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  const tags = ['Documentation'];
  // Described here and served below: doc31 itself registers no OpenAPI path.
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI 3.1 document',
      tags,
      responses: {
        200: {
          description: 'OpenAPI 3.1',
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'Interactive API reference (Scalar)',
      tags,
      responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
    }),
  );
  app.doc31('/openapi.json', OPENAPI_INFO);
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'eks-jobs API' }));
}
