/**
 * The one reader of what the Kubernetes client threw: a client-node `ApiException` (whose
 * `body` is the `Status` object, as a JSON string) or a network failure (undici wraps the
 * socket error in `cause`, sometimes twice). The worker classifies with it and the API maps
 * live-read errors with it (docs/architecture.md §5).
 */

/** One cause of a Kubernetes `Invalid` answer (`Status.details.causes[]`). */
export interface KubeCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** What a Kubernetes error says. */
export interface KubeErrorInfo {
  /** HTTP status, when the server answered. */
  status?: number;
  /** `Status.reason`, e.g. AlreadyExists, NotFound, Invalid. */
  reason?: string;
  /** `Status.message`, else the error's own message. */
  message: string;
  causes?: KubeCause[];
  /** `Status.details.kind`, e.g. `namespaces` when a namespace is what was not found. */
  detailsKind?: string;
  /** Raw Retry-After header value. */
  retryAfter?: string;
  /** Node/undici error code of a network failure (ECONNRESET, UND_ERR_SOCKET…). */
  networkCode?: string;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      return asRecord(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return asRecord(body);
}

function header(headers: unknown, name: string): string | undefined {
  const h = asRecord(headers);
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') {
    const v = (h as unknown as Headers).get(name);
    return v ?? undefined;
  }
  for (const [k, v] of Object.entries(h)) {
    if (k.toLowerCase() === name) return Array.isArray(v) ? String(v[0]) : String(v);
  }
  return undefined;
}

function causesOf(details: Record<string, unknown> | undefined): KubeCause[] | undefined {
  if (!Array.isArray(details?.causes)) return undefined;
  return details.causes.map((c) => {
    const r = asRecord(c) ?? {};
    const cause: KubeCause = {};
    if (typeof r.reason === 'string') cause.reason = r.reason;
    if (typeof r.message === 'string') cause.message = r.message;
    if (typeof r.field === 'string') cause.field = r.field;
    return cause;
  });
}

/** Reads status, reason, causes and network code out of whatever the client threw. Pure. */
export function kubeErrorInfo(err: unknown): KubeErrorInfo {
  const e = asRecord(err) ?? {};
  const message = err instanceof Error ? err.message : String(err);
  const status =
    typeof e.code === 'number' ? e.code : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 100) {
    const body = parseBody(e.body);
    const details = asRecord(body?.details);
    const causes = causesOf(details);
    const info: KubeErrorInfo = {
      status,
      message: typeof body?.message === 'string' ? body.message : message,
    };
    if (typeof body?.reason === 'string') info.reason = body.reason;
    if (causes?.length) info.causes = causes;
    if (typeof details?.kind === 'string') info.detailsKind = details.kind;
    const retryAfter = header(e.headers, 'retry-after');
    if (retryAfter !== undefined) info.retryAfter = retryAfter;
    return info;
  }
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const r = asRecord(cur);
    if (typeof r?.code === 'string') return { message, networkCode: r.code };
    if (r?.name === 'AbortError' || r?.name === 'TimeoutError') return { message, networkCode: 'ETIMEDOUT' };
    cur = r?.cause;
  }
  return { message };
}

/** Whether `info` is the answer of a server (as opposed to a network failure or a bug). */
export function isServerAnswer(info: KubeErrorInfo): info is KubeErrorInfo & { status: number } {
  return info.status !== undefined;
}
