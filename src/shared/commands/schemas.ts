import { z } from 'zod';
import { dns1123LabelError, jobNameError } from '../kube/names.js';

/** A DNS-1123 label: namespaces, and the names Kubernetes also uses as label values. */
export const dnsLabel = z.string().superRefine((v, ctx) => {
  const problem = dns1123LabelError(v);
  if (problem) ctx.addIssue({ code: 'custom', message: `expected a DNS-1123 label: ${problem}` });
});

/** A Job name: a DNS-1123 subdomain that the job controller can copy into a label value (≤ 63). */
export const jobName = z.string().superRefine((v, ctx) => {
  const problem = jobNameError(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Labels or annotations. */
export const stringMap = z.record(z.string(), z.string());
