/**
 * Job templates (docs/templates.md): the definition schema, the placeholder grammar, definition
 * checks and rendering. Pure: storage and routes are built on top.
 */
export { placeholderIn } from './grammar.js';
export type { TemplateIssue } from './issues.js';
export type { ParameterSpec } from './parameters.js';
export { MAX_PATTERN_LENGTH, MAX_PATTERN_PROGRAM } from './pattern.js';
export { MAX_DEPTH } from './plan.js';
export {
  ParameterName,
  ParameterType,
  ParameterValue,
  parseTemplateRef,
  TemplateDefinition,
  type TemplateDefinitionInput,
  TemplateInvocation,
  TemplateName,
  TemplateParameter,
  TemplateRef,
} from './schemas.js';
export {
  type CompiledTemplate,
  type CompileResult,
  compileTemplate,
  type RenderOptions,
  type RenderResult,
  renderTemplate,
  validateTemplate,
} from './template.js';
