/**
 * The SDK's committed types are those of the API's current OpenAPI document: regenerated in
 * memory and compared, so a route change without `npm run sdk:types` fails here. The document
 * the script builds without I/O is the one the composed API serves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { buildOpenApiDocument, generateSdkTypes, SDK_TYPES_PATH } from '../../scripts/sdk-types.js';
import { body, startApiStack } from '../api/support.js';
import { test } from '../support/fixtures.js';

describe('src/sdk/generated/api.ts', () => {
  test('is what `npm run sdk:types` generates from the current routes', async () => {
    const committed = readFileSync(SDK_TYPES_PATH, 'utf8');
    const fresh = await generateSdkTypes();
    console.log(`generated ${fresh.length} characters; committed ${committed.length}`);
    expect(fresh === committed, 'stale: run `npm run sdk:types` and commit the result').toBe(true);
  });

  test('the document it is generated from is the one the composed API serves', async ({ redis }) => {
    const stack = await startApiStack({ redis, worker: false });
    try {
      const res = await stack.call('GET', '/openapi.json');
      expect(res.status).toBe(200);
      expect(JSON.parse(JSON.stringify(buildOpenApiDocument()))).toEqual(await body(res));
    } finally {
      await stack.close();
    }
  });
});
