/**
 * Kubernetes resource quantities (`500m`, `2`, `1.5Gi`, `1e3`), as `k8s.io/apimachinery`
 * `resource.Quantity` reads them: a signed decimal number, then a binary-SI suffix (Ki … Ei),
 * a decimal-SI suffix (n u m k M G T P E) or a decimal exponent (e3, E-2).
 */
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The value of quantity `text` in base units (cores, bytes), or `undefined` when it is not one. Pure. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const factor =
    BINARY[suffix] ?? DECIMAL[suffix] ?? (/^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : undefined);
  if (factor === undefined) return undefined;
  const value = n * factor;
  return Number.isFinite(value) ? value : undefined;
}

/** Whether `text` is a Kubernetes quantity. */
export function isQuantity(text: unknown): boolean {
  return parseQuantity(text) !== undefined;
}
