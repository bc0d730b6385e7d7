import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { openRouteErrors, registerResponseHeaders, responseHeaders, security } from './openapi-helpers.js';

/** Open by default; with PUBLIC_DOCS=false they take an API key (the document cannot tell which). */
const docsSecurity = [{}, ...security];

/**
 * The API reference's script, served by the API itself: `@scalar/api-reference`'s standalone
 * browser bundle (its styles included), from the exact version package.json pins. No CDN: the
 * service runs in VPCs without internet.
 */
export const DOCS_ASSET_PATH = '/docs/assets/api-reference.js';

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
  registerResponseHeaders(app);
  // Described here and served below: doc31 itself registers no OpenAPI path.
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 document',
      tags,
      security: docsSecurity,
      responses: {
        200: {
          description: 'OpenAPI 3.1',
          headers: responseHeaders(),
          content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...openRouteErrors({ anonymousLimit: true }),
      },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: '/docs',
      operationId: 'getApiReference',
      summary: 'Interactive API reference (Scalar)',
      tags,
      security: docsSecurity,
      responses: {
        200: {
          description: 'HTML',
          headers: responseHeaders(),
          content: { 'text/html': { schema: z.string() } },
        },
        ...openRouteErrors({ anonymousLimit: true }),
      },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: DOCS_ASSET_PATH,
      operationId: 'getApiReferenceScript',
      summary: "The API reference's script (served by the API; cached for a year, versioned by ?v=)",
      tags,
      security: docsSecurity,
      responses: {
        200: {
          description: 'JavaScript',
          headers: responseHeaders(),
          content: { 'text/javascript': { schema: z.string() } },
        },
        ...openRouteErrors({ anonymousLimit: true }),
      },
    }),
  );
  app.doc31('/openapi.json', OPENAPI_INFO);
  const bundle = scalarBundle();
  app.get(DOCS_ASSET_PATH, (c) => bundle.serve(c));
  app.get('/docs', async (c, next) =>
    // Scalar's middleware is typed for Hono's default Env; it reads nothing of ours.
    Scalar({
      url: '/openapi.json',
      pageTitle: 'eks-jobs API',
      // The version in the query: the script is cached for a year, a new pin is a new URL.
      cdn: `${DOCS_ASSET_PATH}?v=${await bundle.version()}`,
      // Nothing from scalar's hosts: system fonts, no request proxy, no telemetry, no AI agent.
      ...OFFLINE_OPTIONS,
      // The "try it" panel starts on the bearer scheme every route declares.
      authentication: { preferredSecurityScheme: 'apiKey' },
    })(c as unknown as Context, next),
  );
}

/** Options of the reference that would make the browser call scalar's own services. */
const OFFLINE_OPTIONS = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: true,
} as const;

/**
 * The bundle on disk, gzipped once on first use (about 5 MB, 1.3 MB gzipped) and kept: browsers
 * are answered from memory; a client without gzip gets the file read again.
 */
function scalarBundle() {
  const distIndex = createRequire(import.meta.url).resolve('@scalar/api-reference');
  const root = join(dirname(distIndex), '..');
  const file = join(root, 'dist', 'browser', 'standalone.js');
  let loaded: Promise<{ version: string; gzipped: Buffer }> | undefined;
  const load = () => {
    loaded ??= (async () => {
      const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
      return { version: pkg.version, gzipped: await promisify(gzip)(await readFile(file)) };
    })();
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };
  return {
    version: async () => (await load()).version,
    async serve(c: Context) {
      const { gzipped } = await load();
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('Vary', 'Accept-Encoding');
      if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        c.header('Content-Encoding', 'gzip');
        return c.body(new Uint8Array(gzipped));
      }
      return c.body(new Uint8Array(await readFile(file)));
    },
  };
}
