import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { test as base } from '../support/fixtures.js';
import { EVERYTHING, startProcessStack } from '../support/stack.js';
import { waitFor } from '../support/wait-for.js';

// What an operator sees in a real browser (issue 15): headless Chromium from Debian's package,
// driven by playwright-core, against the API and worker as real processes. No network: every
// request off the service's origin is failed and recorded, and the test asserts there was none.

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (git-ignored); CI keeps the folder as the run's artifacts. */
const ARTIFACTS = join(process.cwd(), 'test-results', 'browser');

const test = base.extend('service', { scope: 'file' }, async ({ redis }, { onCleanup }) => {
  const stack = await startProcessStack(redis, {
    keys: {
      operator: { ...EVERYTHING, admin: true },
      'team-bot': { clusters: ['*'], namespaces: ['team-*'] },
    },
  });
  onCleanup(() => stack.stop());
  return stack;
});

let browser: Browser;

beforeAll(async () => {
  // Never a skip: a machine without the browser fails here, saying how to get it.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium; .ci/run does)`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser profile whose every request off `origin` fails and is recorded in `offsite`. */
async function isolatedContext(origin: string): Promise<{ context: BrowserContext; offsite: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort('internetdisconnected');
  });
  return { context, offsite };
}

async function signIn(page: Page, origin: string, key: string): Promise<void> {
  await page.goto(`${origin}/admin/login`);
  await page.getByLabel('Admin API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('in a browser, with no network', () => {
  test('/docs renders the API reference from the service alone', async ({ service }) => {
    const { context, offsite } = await isolatedContext(service.url);
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const script = page.waitForResponse((r) => r.url().startsWith(`${service.url}/docs/assets/`));
    const response = await page.goto(`${service.url}/docs`);
    expect(response?.status()).toBe(200);
    // The reference's script comes from the service, pinned and cached for good.
    const asset = await script;
    expect(asset.status()).toBe(200);
    expect(asset.url()).toMatch(/\/docs\/assets\/api-reference\.js\?v=\d+\.\d+\.\d+$/);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // The operations list, rendered from /openapi.json: the first tag's operations are open.
    await expect.poll(() => page.getByText('Liveness').first().isVisible(), { timeout: 30_000 }).toBe(true);
    // The "try it" client starts on the bearer scheme the routes declare.
    await expect.poll(() => page.getByText('Bearer Token').first().isVisible()).toBe(true);
    // A click on "Jobs" opens that tag's operations.
    await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
    await expect
      .poll(() => page.getByText('Create a Job (asynchronously)').first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'docs.png') });
    await context.close();
    expect(offsite).toEqual([]);
    expect(failed).toEqual([]);
  }, 90_000);

  test('an admin signs in, sees the queues and a completed job, signs out and is refused after', async ({
    service,
  }) => {
    // A Job through the pipeline first, so the dashboard has a completed command to show.
    const created = await fetch(`${service.url}/v1/namespaces/default/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.keys.operator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ generateName: 'browser-', image: 'busybox:1.36', command: ['true'] }),
    });
    expect(created.status).toBe(202);
    const operation = (await created.json()) as { id: string };
    await waitFor(
      async () => {
        const res = await fetch(`${service.url}/v1/operations/${operation.id}`, {
          headers: { authorization: `Bearer ${service.keys.operator}` },
        });
        return ((await res.json()) as { state?: string }).state === 'succeeded';
      },
      { timeoutMs: 20_000, message: 'the create operation to succeed' },
    );

    const { context, offsite } = await isolatedContext(service.url);
    const page = await context.newPage();
    // Without a session the dashboard sends the browser to the form.
    await page.goto(`${service.url}/admin/queues`);
    await expect.poll(() => page.url()).toBe(`${service.url}/admin/login`);

    await signIn(page, service.url, service.keys.operator as string);
    await page.waitForURL(`${service.url}/admin/queues`);
    const cookies = await context.cookies(`${service.url}/admin/queues`);
    const session = cookies.find((c) => c.name === '__Secure-eks-jobs-admin');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/admin' });
    await expect.poll(() => page.getByText('ops-dev').first().isVisible(), { timeout: 15_000 }).toBe(true);

    await page.goto(`${service.url}/admin/queues/queue/ops-dev?status=completed`);
    await expect.poll(() => page.getByText(operation.id).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'admin-queues.png') });

    // The cookie opens the dashboard only: /v1 still wants the bearer header.
    const v1 = await page.request.get(`${service.url}/v1/operations/${operation.id}`);
    expect(v1.status()).toBe(401);

    await page.goto(`${service.url}/admin/login`);
    await expect.poll(() => page.getByText('Signed in with key').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${service.url}/admin/login`);
    await expect.poll(() => page.getByLabel('Admin API key').isVisible()).toBe(true);
    const board = await page.request.get(`${service.url}/admin/queues/api/queues`);
    expect(board.status()).toBe(401);
    // A copy of the cookie taken before the logout is dead too (revoked, not only cleared).
    const replayed = await fetch(`${service.url}/admin/queues/api/queues`, {
      headers: { cookie: `${session?.name}=${session?.value}` },
    });
    expect(replayed.status).toBe(401);
    await context.close();
    expect(offsite).toEqual([]);
  });

  test('a key without the admin scope is refused at the form', async ({ service }) => {
    const { context, offsite } = await isolatedContext(service.url);
    const page = await context.newPage();
    await signIn(page, service.url, service.keys['team-bot'] as string);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no admin scope');
    const cookies = await context.cookies(`${service.url}/admin/queues`);
    expect(cookies.map((c) => c.name)).not.toContain('__Secure-eks-jobs-admin');
    const board = await page.request.get(`${service.url}/admin/queues/api/queues`);
    expect(board.status()).toBe(401);
    await context.close();
    expect(offsite).toEqual([]);
  });
});
