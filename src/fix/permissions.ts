import type { ApiCall } from './types.js';

/** IAM service prefixes where they differ from kenro's service keys. */
const PREFIX: Record<string, string> = { accessanalyzer: 'access-analyzer', s3control: 's3', logs: 'logs', config: 'config' };

/**
 * API operations whose IAM action has another name (AWS: "Actions, resources, and condition
 * keys for Amazon S3"). Keys are `<service>:<operation>`.
 */
const RENAMED_ACTIONS: Record<string, string> = {
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:PutPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:DeletePublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:PutBucketEncryption': 's3:PutEncryptionConfiguration',
  's3:DeleteBucketEncryption': 's3:PutEncryptionConfiguration',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  's3control:PutPublicAccessBlock': 's3:PutAccountPublicAccessBlock',
  's3control:DeletePublicAccessBlock': 's3:PutAccountPublicAccessBlock',
  // AWS Budgets authorizes every change with ModifyBudget and every read with ViewBudget.
  'budgets:CreateBudget': 'budgets:ModifyBudget',
  'budgets:UpdateBudget': 'budgets:ModifyBudget',
  'budgets:DeleteBudget': 'budgets:ModifyBudget',
  'budgets:CreateNotification': 'budgets:ModifyBudget',
  'budgets:CreateSubscriber': 'budgets:ModifyBudget',
  'budgets:DescribeBudget': 'budgets:ViewBudget',
  'budgets:DescribeBudgets': 'budgets:ViewBudget',
};

/** The IAM action that authorizes an API call. */
export function iamActionFor(call: Pick<ApiCall, 'service' | 'operation'>): string {
  return RENAMED_ACTIONS[`${call.service}:${call.operation}`] ?? `${PREFIX[call.service] ?? call.service}:${call.operation}`;
}
