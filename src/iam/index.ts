/** The IAM engine: public API. */
export type {
  PolicyKind,
  PolicyIssue,
  ParsedPolicy,
  CompiledPolicy,
  CompiledStatement,
  RequestPrincipal,
} from './types.js';
export { parsePolicy, POLICY_KINDS } from './parse.js';
export { evaluate } from './evaluate.js';
export type { Decision, EvaluationInput, EvaluationResult, RequestInput, PolicyReport, DecidingStatement, PolicyRef } from './evaluate.js';
export { parseRequestPrincipal } from './match/principal.js';
export type { PrincipalSpec } from './match/principal.js';
export type { OrganizationInfo, ContextValue } from './context.js';
export { resourcePolicyExposure } from './analyze/exposure.js';
export type { ResourceExposure, ExposureOptions, StatementExposure } from './analyze/exposure.js';
export { policyGrantsFullAdmin, isAdministrator, administratorAnalysis, ADMIN_PROBES } from './analyze/admin.js';
export type { AdminResult } from './analyze/admin.js';
export { lintPolicy, SENSITIVE_SERVICES } from './analyze/lint.js';
export type { LintFinding, LintSeverity } from './analyze/lint.js';
export { findEscalationPaths } from './analyze/escalation.js';
export type { EscalationPath, EscalationStep, PrincipalUnderTest, EscalationContext, RoleCandidate } from './analyze/escalation.js';
export { accountModel, accountModels, trustedServices } from './analyze/account.js';
export type { AccountModel, PrincipalModel, NamedPolicy, ResourcePolicyModel } from './analyze/account.js';
export { analyzeAccount, simulateInAccount, whoCan } from './analyze/report.js';
export type { IamAnalysis, ExposureFinding, AdminFinding, EscalationFinding, LintReport, AccountRequest, WhoCanEntry } from './analyze/report.js';
