export { type AuditCollector, createAuditCollector, type ReportedMutation } from './audit-hook.js';
export { registerAuditRoutes } from './audit-routes.js';
export { authenticate, INSECURE_PRINCIPAL_ID } from './authenticate.js';
export {
  authorizeRequest,
  forbidden,
  requireAdmin,
} from './authorize.js';
export { type ActionRequest, authorizeAction, decideAction } from './authorize-action.js';
export {
  type AuditInfo,
  getPrincipal,
  type SecurityEnv,
  type SecurityVariables,
  setAuditInfo,
  unauthorized,
  WWW_AUTHENTICATE,
} from './context.js';
export { type PublicPathOptions, publicPaths } from './public-paths.js';
export {
  createSecurity,
  createSecurityFromConfig,
  loadApiKeysFromConfig,
  type Security,
  type SecurityDeps,
  warnInsecureNoAuth,
} from './security.js';
