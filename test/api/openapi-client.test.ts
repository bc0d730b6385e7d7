/**
 * The OpenAPI document as a client generator sees it (issue 16, acceptance 1): types generated
 * from the live `/openapi.json` with openapi-typescript, a program on openapi-fetch that reads
 * the fields people read, type-checked with the TypeScript compiler; and Redocly's recommended
 * lint rules.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect } from 'vitest';
import { publicPaths } from '../../src/api/auth/public-paths.js';
import { test as base } from '../support/fixtures.js';
import { body, startApiStack } from './support.js';

const test = base.extend('doc', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startApiStack({ redis, worker: false });
  onCleanup(() => stack.close());
  const res = await stack.call('GET', '/openapi.json');
  expect(res.status).toBe(200);
  return body<OpenApiDocument>(res);
});

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<
    string,
    {
      headers?: Record<string, { $ref?: string }>;
      content?: Record<string, { schema?: { $ref?: string } }>;
    }
  >;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { headers: Record<string, unknown> };
}

/** A typed client program: what a user writes first. No casts, no `any`. */
const CLIENT_PROGRAM = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'http://eks-jobs.example' });

export async function submitAndRead(): Promise<string> {
  const created = await client.POST('/v1/namespaces/{ns}/jobs', {
    params: { path: { ns: 'team-a' }, header: { 'idempotency-key': 'k-1' } },
    body: { generateName: 'report-', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'] },
  });
  if (created.error) {
    const code: string = created.error.error.code;
    const requestId: string = created.error.error.requestId;
    return code + requestId;
  }
  // 202/201 answer the operation, a dry run (200) the Job object: 'id' in tells them apart.
  if (!('id' in created.data)) return 'dry run';
  const op = created.data;
  const id: string = op.id;
  const state: 'queued' | 'running' | 'succeeded' | 'failed' = op.state;

  const read = await client.GET('/v1/namespaces/{ns}/jobs/{name}', {
    params: { path: { ns: 'team-a', name: op.target.name } },
  });
  if (read.error) {
    const code: 'JobNotFound' | 'NamespaceNotFound' | (string & {}) = read.error.error.code;
    return code;
  }
  const job = read.data;
  if (!('phase' in job)) return job.metadata?.name ?? 'full view';
  const phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Suspended' = job.phase;
  const succeeded: number = job.counts.succeeded;

  const missing = await client.GET('/v1/operations/{id}', { params: { path: { id: 'op-nope' } } });
  const errorCode: string | undefined = missing.error?.error.code;
  return [id, state, phase, succeeded, errorCode].join(' ');
}
`;

/** The same reads of fields that do not exist: each must be a diagnostic, or the check above proves nothing. */
const NEGATIVE_PROGRAM = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

const client = createClient<paths>({ baseUrl: 'http://eks-jobs.example' });

export async function wrong(): Promise<unknown[]> {
  const created = await client.POST('/v1/namespaces/{ns}/jobs', {
    params: { path: { ns: 'team-a' } },
    body: { image: 'busybox:1.36' },
  });
  const read = await client.GET('/v1/namespaces/{ns}/jobs/{name}', {
    params: { path: { ns: 'team-a', name: 'x' } },
  });
  const code = read.error?.error.kode;
  const job = read.data;
  if (!job || !('phase' in job)) return [];
  const op = created.data;
  if (!op || !('id' in op)) return [];
  return [job.fase, op.operationId, code];
}
`;

/** Type-checks the programs against the generated `api.d.ts`; diagnostics per file name. */
function typeCheck(dir: string, files: Record<string, string>): Record<string, string[]> {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const roots = Object.keys(files).map((name) => join(dir, name));
  const program = ts.createProgram(roots, {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const byFile: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((n) => [n, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? d.file.fileName.slice(dir.length + 1) : '(global)';
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    byFile[name] = [...(byFile[name] ?? []), `${name}:${line} TS${d.code} ${text}`];
  }
  return byFile;
}

describe('a client generated from /openapi.json', () => {
  test('openapi-typescript + openapi-fetch: op.id, job.phase and error.code type-check without casts; wrong fields do not', async ({
    doc,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'eks-jobs-client-'));
    try {
      // The program resolves openapi-fetch as a user's project would: from its node_modules.
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
      const generated = astToString(await openapiTS(doc as never));
      writeFileSync(join(dir, 'api.d.ts'), generated);

      const diagnostics = typeCheck(dir, { 'client.ts': CLIENT_PROGRAM, 'negative.ts': NEGATIVE_PROGRAM });
      console.log(
        `generated api.d.ts: ${generated.length} characters; client.ts: ${diagnostics['client.ts']?.length} diagnostics; negative.ts: ${diagnostics['negative.ts']?.length}`,
      );
      expect(diagnostics['(global)'] ?? []).toEqual([]);
      expect(diagnostics['api.d.ts'] ?? []).toEqual([]);
      expect(diagnostics['client.ts']).toEqual([]);
      // One diagnostic per wrong field, each naming it.
      const negative = diagnostics['negative.ts'] ?? [];
      for (const field of ['fase', 'operationId', 'kode']) {
        expect(
          negative.some((d) => d.includes(`'${field}'`)),
          `${field}: ${negative.join('\n')}`,
        ).toBe(true);
      }
      expect(negative).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the document', () => {
  test('Redocly’s recommended rules report no error', async ({ doc }) => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: '/openapi.json',
      config,
    });
    const lines = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} ${p.location[0]?.pointer ?? ''}`,
    );
    const errors = problems.filter((p) => p.severity === 'error');
    console.log(
      `redocly recommended: ${errors.length} errors, ${problems.length - errors.length} warnings\n${lines.join('\n')}`,
    );
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  test('every response names its headers; open routes take no key; every operation has a 4XX', ({ doc }) => {
    const open = publicPaths();
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        const keyless = op.security?.length === 0 || op.security?.some((s) => Object.keys(s).length === 0);
        if (open.has(path) !== Boolean(keyless))
          problems.push(`${where}: security ${JSON.stringify(op.security)}`);
        if (!Object.keys(op.responses).some((s) => s.startsWith('4'))) problems.push(`${where}: no 4XX`);
        for (const [status, res] of Object.entries(op.responses)) {
          const headers = Object.keys(res.headers ?? {});
          const need = ['X-Request-Id'];
          if (status === '401' && !open.has(path)) need.push('WWW-Authenticate');
          if (status === '429') need.push('Retry-After');
          // An accepted operation or batch says where to poll it.
          const schema = res.content?.['application/json']?.schema?.$ref ?? '';
          if (status === '202' && /\/(Operation|BatchAccepted)$/.test(schema)) need.push('Location');
          for (const h of need) if (!headers.includes(h)) problems.push(`${where} ${status}: no ${h}`);
          for (const h of Object.values(res.headers ?? {})) {
            const name = h.$ref?.replace('#/components/headers/', '');
            if (!name || !(name in doc.components.headers)) problems.push(`${where} ${status}: ${h.$ref}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
