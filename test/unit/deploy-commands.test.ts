import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiNodeFlags } from '../../bench/lib/context.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

// The API's heap flags are part of what ships: the image, the manifest and `npm run start:api`
// start it the same way, and the bench measures it so (bench/lib/context.ts reads the Dockerfile).
describe('the API is started with the same Node flags everywhere it ships', () => {
  const flags = apiNodeFlags(read('deploy/Dockerfile'));

  it('the image caps the heap', () => {
    expect(flags).toContain('--max-old-space-size=192');
  });

  it('the Kubernetes manifest runs the Dockerfile’s command', () => {
    const args = /args: (\[.*"dist\/src\/api\/main\.js"\])/.exec(
      read('deploy/kubernetes/base/eks-jobs.yaml'),
    );
    expect(args).not.toBeNull();
    expect((JSON.parse(args![1]!) as string[]).filter((a) => a.startsWith('--'))).toEqual(flags);
  });

  it('npm run start:api runs the Dockerfile’s command', () => {
    const script = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts[
      'start:api'
    ];
    expect(script).toBe(`node ${flags.join(' ')} dist/src/api/main.js`);
  });
});
