// The helper processes (API, bare server, devcluster) run as plain JavaScript, as production
// runs `node dist/…`: under tsx the API's idle RSS is ~110 MiB larger (source maps of every
// transpiled module) and it starts twice as slowly. esbuild transpiles src/ and the helpers
// file by file (no bundling: the module graph stays the one tsc would emit) in well under a
// second, into a temporary directory that resolves packages through a link to node_modules.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The checkout this file is in. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['src', 'bench/helpers', 'bench/lib'];

/** Transpiles the sources into `outDir`; returns the path of the built `file` (a .ts path). */
export async function buildHelpers(outDir: string): Promise<(file: string) => string> {
  const entryPoints = SOURCES.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(ROOT, dir, f)),
  );
  await build({
    entryPoints,
    outdir: outDir,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    // tsconfig.build.json's target: what `npm run build` emits for production.
    target: 'es2022',
    bundle: false,
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  return (file) => join(outDir, file.replace(/\.ts$/, '.js'));
}
