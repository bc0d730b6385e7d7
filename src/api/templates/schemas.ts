import { z } from '@hono/zod-openapi';
import { MAX_PATTERN_LENGTH } from './pattern.js';

/**
 * The zod schemas of a job template (docs/templates.md): the shape only. What needs more than one
 * field — defaults of the declared type, placeholders naming declared parameters, the Job the
 * template renders — is checked by `compileTemplate`, which every definition also goes through.
 */

/** A template's name: a DNS-1123 label (lower case alphanumerics or '-', alphanumeric at both ends, ≤ 63). */
export const TemplateName = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "must be a DNS-1123 label: lower case alphanumerics or '-', alphanumeric at both ends",
  )
  .openapi({ example: 'nightly-report' });

/** A parameter's name, as placeholders spell it. */
export const ParameterName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits or _, not starting with a digit')
  .openapi({ example: 'date' });

/** The types a parameter can have; `array` is an array of strings. */
export const ParameterType = z.enum(['string', 'integer', 'number', 'boolean', 'array']);
export type ParameterType = z.infer<typeof ParameterType>;

/** A parameter value: a JSON value of one of the {@link ParameterType}s. */
// The array first: a mistyped item is then reported at its index.
export const ParameterValue = z.union([z.array(z.string()), z.string(), z.number(), z.boolean()]);
export type ParameterValue = z.infer<typeof ParameterValue>;

/** One declared parameter of a template. */
export const TemplateParameter = z
  .strictObject({
    name: ParameterName,
    type: ParameterType,
    description: z.string().max(1000).optional(),
    required: z
      .boolean()
      .optional()
      .describe(
        'A parameter with no `default` is required and one with a default is not; say so or leave it out',
      ),
    default: ParameterValue.optional().describe(
      'Of the declared type; used when a submission gives no value',
    ),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .max(1000)
      .optional()
      .describe('The only values allowed (for an array: for each item); not for booleans'),
    pattern: z
      .string()
      .min(1)
      .max(MAX_PATTERN_LENGTH)
      .optional()
      .describe(
        'RE2 regular expression a string (or each item of an array) must match somewhere; anchor it with ^…$. No backreferences or lookaround',
      ),
    minimum: z.number().optional().describe('For integer and number parameters, inclusive'),
    maximum: z.number().optional().describe('For integer and number parameters, inclusive'),
  })
  .openapi('TemplateParameter', {
    example: { name: 'date', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true },
  });
export type TemplateParameter = z.infer<typeof TemplateParameter>;

/** A template: a Job (manifest or short form) whose string values may hold `{{ placeholders }}`. */
export const TemplateDefinition = z
  .strictObject({
    name: TemplateName,
    description: z.string().max(2000).optional(),
    parameters: z.array(TemplateParameter).max(100).default([]),
    job: z
      .record(z.string(), z.unknown())
      .describe(
        'What `POST …/jobs` accepts (`JobCreateBody`: a batch/v1 Job manifest or the short form), in which string values may hold `{{ name }}` placeholders; a string that is exactly one placeholder takes the typed value. Rendered with the defaults it must be a valid Job.',
      ),
  })
  .openapi('TemplateDefinition', {
    example: {
      name: 'nightly-report',
      description: 'The report of one day',
      parameters: [
        { name: 'date', type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', required: true },
        { name: 'retries', type: 'integer', minimum: 0, maximum: 5, default: 2 },
      ],
      job: {
        generateName: 'report-',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'echo report of "$DAY"'],
        env: { DAY: '{{ date }}' },
        backoffLimit: '{{ retries }}',
      },
    },
  });
export type TemplateDefinition = z.infer<typeof TemplateDefinition>;
/** A definition as a client writes it (`parameters` may be left out). */
export type TemplateDefinitionInput = z.input<typeof TemplateDefinition>;

const REF = /^([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)(?::([1-9][0-9]{0,8}))?$/;

/** `name` (the newest revision) or `name:3` (revision 3). */
export const TemplateRef = z
  .string()
  .max(73)
  .regex(REF, 'must be a template name, or name:revision (a positive integer)')
  .openapi({ example: 'nightly-report:3' });

/** A {@link TemplateRef} taken apart; `revision` is undefined for the newest. */
export function parseTemplateRef(ref: string): { name: string; revision?: number } | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  return m[2] === undefined ? { name: m[1]! } : { name: m[1]!, revision: Number(m[2]) };
}

/** A Job create that names a template instead of carrying a Job: `{"template", "parameters"}`. */
export const TemplateInvocation = z
  .strictObject({
    template: TemplateRef,
    parameters: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Values by parameter name; checked against the template (422 naming the parameter)'),
  })
  .openapi('TemplateInvocation', {
    example: { template: 'nightly-report:3', parameters: { date: '2025-01-31' } },
  });
export type TemplateInvocation = z.infer<typeof TemplateInvocation>;
