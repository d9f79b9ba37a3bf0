/** Shared types of the IAM engine. */

export type PolicyKind = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session';

export interface PolicyIssue {
  /** Statement index (0-based) or Sid. */
  statement?: number | string;
  /** The element at fault: Effect, Action, Resource, Principal, Condition, Version, ... */
  field?: string;
  /** Stable code; Access Analyzer names where one exists (INVALID_ACTION, ...). */
  code: string;
  message: string;
}

export type Effect = 'Allow' | 'Deny';

/** A compiled matcher over strings. */
export type Matcher = (s: string) => boolean;

export interface ValueTemplate {
  raw: string;
  /** Without variables: the literal text with wildcards encoded (see wildcard.ts). */
  encoded?: string;
  /** With variables: parts to resolve at evaluation time. */
  parts?: TemplatePart[];
}

export type TemplatePart = { lit: string } | { v: string; d?: string };

export interface ActionSet {
  all: boolean;
  exact: Set<string>;
  wild: Matcher[];
  raw: string[];
}

export interface ResourceSet {
  all: boolean;
  matchers: Matcher[];
  dynamic: ValueTemplate[];
  raw: string[];
}

export type PrincipalEntryKind =
  | 'any'
  | 'account'
  | 'user'
  | 'role'
  | 'session'
  | 'federated-user'
  | 'service'
  | 'federated'
  | 'canonical'
  | 'invalid';

export interface PrincipalEntry {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
  kind: PrincipalEntryKind;
  account?: string;
  /** user/role: the name (last path element); session: role name. */
  name?: string;
  /** Lower-cased comparable form. */
  norm: string;
}

export interface PrincipalSet {
  any: boolean;
  entries: PrincipalEntry[];
}

export interface ConditionCheck {
  /** Operator as written, e.g. ForAnyValue:StringEqualsIfExists. */
  operator: string;
  /** Base operator without qualifier and IfExists, e.g. StringEquals. */
  base: string;
  key: string;
  keyLower: string;
  qualifier: 'none' | 'any' | 'all';
  ifExists: boolean;
  negated: boolean;
  values: string[];
  test: ConditionTest;
}

export type ConditionTest = (vals: string[] | undefined, ctx: RequestContext) => boolean;

export interface CompiledStatement {
  index: number;
  sid?: string;
  /** Sid when present, else the index. */
  id: number | string;
  effect: Effect;
  actions?: ActionSet;
  notActions?: ActionSet;
  resources?: ResourceSet;
  notResources?: ResourceSet;
  principals?: PrincipalSet;
  notPrincipals?: PrincipalSet;
  conditions: ConditionCheck[];
  /** The statement as written (normalised to an object). */
  raw: Record<string, unknown>;
}

export interface CompiledPolicy {
  kind: PolicyKind;
  name: string;
  version?: string;
  statements: CompiledStatement[];
}

export interface ParsedPolicy {
  kind: PolicyKind;
  name: string;
  /** The document as an object (undefined when it could not be read). */
  document?: Record<string, unknown>;
  errors: PolicyIssue[];
  warnings: PolicyIssue[];
  compiled: CompiledPolicy;
  /** True when errors is empty. */
  valid: boolean;
}

/** Request context: lower-cased key -> values (single-valued keys hold one value). */
export type RequestContext = Map<string, string[]>;

export type PrincipalKind =
  | 'root'
  | 'user'
  | 'role-session'
  | 'federated-user'
  | 'service'
  | 'anonymous'
  | 'web-identity'
  | 'saml'
  | 'canonical';

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** The principal's ARN (session ARN for a role session). */
  arn?: string;
  account?: string;
  partition: string;
  /** user name, role name, federated user name. */
  name?: string;
  /** For role sessions: the role's ARN (with path when known). */
  roleArn?: string;
  sessionName?: string;
  /** For federated users: the IAM user that called GetFederationToken. */
  userArn?: string;
  /** service principal (ec2.amazonaws.com) or identity provider (web identity, SAML). */
  service?: string;
  provider?: string;
  canonicalId?: string;
  isServiceLinkedRole: boolean;
  /** Unique id (AIDA..., AROA...) when known. */
  userId?: string;
  tags?: Record<string, string>;
}
