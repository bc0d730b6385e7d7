/**
 * Reading what `-f` names — files, directories of .yaml/.yml/.json, or `-` for stdin — into Job
 * submissions: each YAML document a `batch/v1` Job manifest or the API's short form.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JobSpec } from '../sdk/index.js';
import { CliUsageError } from './exit-codes.js';

/** One Job to submit and where it came from. */
export interface Submission {
  namespace: string;
  job: JobSpec;
  /** `file#document`, for messages. */
  source: string;
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The files `path` stands for: itself, or a directory's manifests sorted by name (not recursive). */
function filesOf(path: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new CliUsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  if (!stat.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((name) => MANIFEST_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
  if (files.length === 0) throw new CliUsageError(`${path}: no .yaml, .yml or .json files`);
  return files;
}

/** The non-empty documents of one YAML (or JSON) text; invalid YAML is a usage error. */
export function parseDocuments(text: string, source: string): { doc: unknown; source: string }[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: { doc: unknown; source: string }[] = [];
  list.forEach((doc, i) => {
    const error = doc.errors[0];
    if (error) throw new CliUsageError(`${source}: invalid YAML: ${error.message}`);
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) out.push({ doc: value, source: `${source}#${i + 1}` });
  });
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A document as a submission. Its namespace: a manifest's `metadata.namespace` (a short form's
 * `namespace`, which the API's body does not take and is removed), else `-n`, else `default`.
 */
export function toSubmission(doc: unknown, source: string, namespaceFlag?: string): Submission {
  if (!isRecord(doc)) throw new CliUsageError(`${source}: a Job must be a mapping`);
  if ('apiVersion' in doc || 'kind' in doc) {
    if (doc.apiVersion !== 'batch/v1' || doc.kind !== 'Job') {
      throw new CliUsageError(
        `${source}: only batch/v1 Job manifests can be submitted, not ${String(doc.apiVersion)} ${String(doc.kind)}`,
      );
    }
    const metadata = isRecord(doc.metadata) ? doc.metadata : {};
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    return { namespace: namespace ?? namespaceFlag ?? 'default', job: doc as JobSpec, source };
  }
  const { namespace, ...job } = doc;
  if (namespace !== undefined && typeof namespace !== 'string') {
    throw new CliUsageError(`${source}: namespace must be a string`);
  }
  return { namespace: namespace ?? namespaceFlag ?? 'default', job: job as JobSpec, source };
}

/** Reads every `-f` path (`-` is stdin) into submissions, in order; none at all is a usage error. */
export async function readSubmissions(
  paths: readonly string[],
  options: { namespace?: string | undefined; readStdin: () => Promise<string> },
): Promise<Submission[]> {
  if (paths.length === 0) throw new CliUsageError('-f FILE|DIR|- is required');
  const submissions: Submission[] = [];
  for (const path of paths) {
    const sources =
      path === '-'
        ? [{ text: await options.readStdin(), source: 'stdin' }]
        : filesOf(path).map((file) => ({ text: readText(file), source: file }));
    for (const { text, source } of sources) {
      for (const { doc, source: where } of parseDocuments(text, source)) {
        submissions.push(toSubmission(doc, where, options.namespace));
      }
    }
  }
  if (submissions.length === 0) throw new CliUsageError(`no Job documents in ${paths.join(', ')}`);
  return submissions;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliUsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}
