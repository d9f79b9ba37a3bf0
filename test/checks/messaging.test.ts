import { describe, expect, it } from 'vitest';
import { checks as sns } from '../../src/checks/sns.js';
import { checks as sqs } from '../../src/checks/sqs.js';
import { checks as ecr } from '../../src/checks/ecr.js';
import { checks as secrets } from '../../src/checks/secretsmanager.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const all = runner([...sns, ...sqs, ...ecr, ...secrets]);
const { statuses } = all;

describe('sns_topic_encrypted', () => {
  const t = (kmsMasterKeyId?: string) => ({ arn: 'arn:t', name: 't', policy: ok(null), kmsMasterKeyId, subscriptions: ok([]) });
  it('PASS, FAIL, ERROR', () => {
    expect(statuses('sns_topic_encrypted', { sns: { topics: ok([t('alias/aws/sns')]) } })).toEqual(['PASS']);
    expect(statuses('sns_topic_encrypted', { sns: { topics: ok([t()]) } })).toEqual(['FAIL']);
    expect(statuses('sns_topic_encrypted', { sns: { topics: denied() } })).toEqual(['ERROR']);
  });
});

describe('sqs_queue_encrypted', () => {
  const q = (x: object) => ({ url: 'u', arn: 'arn:q', name: 'q', policy: ok(null), ...x });
  it('SSE-SQS and SSE-KMS pass, none fails, unreadable errors', () => {
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: ok([q({ sqsManagedSseEnabled: true })]) } })).toEqual(['PASS']);
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: ok([q({ kmsMasterKeyId: 'k' })]) } })).toEqual(['PASS']);
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: ok([q({ sqsManagedSseEnabled: false })]) } })).toEqual(['FAIL']);
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: denied() } })).toEqual(['ERROR']);
  });
});

describe('ecr', () => {
  const repo = (x: object) => ({ name: 'r', arn: 'arn:r', policy: ok(null), imageScanOnPush: true, imageTagMutability: 'IMMUTABLE', ...x });
  it('scan on push: PASS, FAIL, ERROR (unreadable or not collected)', () => {
    expect(statuses('ecr_scan_on_push', { ecr: { repositories: ok([repo({})]) } })).toEqual(['PASS']);
    expect(statuses('ecr_scan_on_push', { ecr: { repositories: ok([repo({ imageScanOnPush: false })]) } })).toEqual(['FAIL']);
    expect(statuses('ecr_scan_on_push', { ecr: { repositories: ok([repo({ imageScanOnPush: undefined })]) } })).toEqual(['ERROR']);
    expect(statuses('ecr_scan_on_push', { ecr: { repositories: denied() } })).toEqual(['ERROR']);
  });
  it('tag immutability: IMMUTABLE and IMMUTABLE_WITH_EXCLUSION pass, MUTABLE fails', () => {
    expect(statuses('ecr_tag_immutability', { ecr: { repositories: ok([repo({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })]) } })).toEqual(['PASS']);
    expect(statuses('ecr_tag_immutability', { ecr: { repositories: ok([repo({ imageTagMutability: 'MUTABLE' })]) } })).toEqual(['FAIL']);
    expect(statuses('ecr_tag_immutability', { ecr: { repositories: ok([repo({ imageTagMutability: undefined })]) } })).toEqual(['ERROR']);
  });
});

describe('secretsmanager_rotation_enabled', () => {
  const s = (rotationEnabled: boolean) => ({ name: 's', arn: 'arn:s', rotationEnabled, policy: ok(null) });
  it('PASS, FAIL, ERROR', () => {
    expect(statuses('secretsmanager_rotation_enabled', { secretsmanager: { secrets: ok([s(true)]) } })).toEqual(['PASS']);
    expect(statuses('secretsmanager_rotation_enabled', { secretsmanager: { secrets: ok([s(false)]) } })).toEqual(['FAIL']);
    expect(statuses('secretsmanager_rotation_enabled', { secretsmanager: { secrets: denied() } })).toEqual(['ERROR']);
  });
});

describe('ecr_scan_on_push with registry-level scanning', () => {
  const repo = (x: object) => ({ name: 'team/web', arn: 'arn:r', policy: ok(null), imageScanOnPush: false, imageTagMutability: 'IMMUTABLE', ...x });
  const region = (registryScanning: unknown, r: object = {}) => ({ ecr: { repositories: ok([repo(r)]), registryScanning } as never });
  const enhanced = (filter: string, scanFrequency = 'CONTINUOUS_SCAN') => ok({ scanType: 'ENHANCED', rules: [{ scanFrequency, repositoryFilters: [{ filter, filterType: 'WILDCARD' }] }] });
  it('an enhanced rule whose wildcard matches passes even with the repository flag off', () => {
    expect(statuses('ecr_scan_on_push', region(enhanced('team/*')))).toEqual(['PASS']);
  });
  it('enhanced scanning that does not cover the repository fails even with the repository flag on', () => {
    expect(statuses('ecr_scan_on_push', region(enhanced('other/*'), { imageScanOnPush: true }))).toEqual(['FAIL']);
  });
  it('basic scanning with a matching scan-on-push filter passes; MANUAL frequency does not count', () => {
    expect(statuses('ecr_scan_on_push', region(ok({ scanType: 'BASIC', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] })))).toEqual(['PASS']);
    expect(statuses('ecr_scan_on_push', region(ok({ scanType: 'BASIC', rules: [{ scanFrequency: 'MANUAL', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] })))).toEqual(['FAIL']);
  });
  it('an unreadable registry configuration gives ERROR unless the repository scans on push itself', () => {
    expect(statuses('ecr_scan_on_push', region(denied('ecr:GetRegistryScanningConfiguration')))).toEqual(['ERROR']);
    expect(statuses('ecr_scan_on_push', region(denied(), { imageScanOnPush: true }))).toEqual(['PASS']);
  });
});

describe('SNS/SQS encryption when the attribute read failed', () => {
  it('is ERROR, not FAIL', () => {
    const t = { arn: 'arn:t', name: 't', policy: ok(null), subscriptions: ok([]), encryption: denied<{ kmsMasterKeyId?: string }>('sns:GetTopicAttributes') };
    expect(statuses('sns_topic_encrypted', { sns: { topics: ok([t]) } })).toEqual(['ERROR']);
    const q = { url: 'u', arn: 'arn:q', name: 'q', policy: ok(null), encryption: denied<{ kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean }>('sqs:GetQueueAttributes') };
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: ok([q]) } })).toEqual(['ERROR']);
  });
  it('reads the key from the encryption record when present', () => {
    const t = { arn: 'arn:t', name: 't', policy: ok(null), subscriptions: ok([]), encryption: ok({ kmsMasterKeyId: 'alias/k' }) };
    expect(statuses('sns_topic_encrypted', { sns: { topics: ok([t]) } })).toEqual(['PASS']);
    const q = { url: 'u', arn: 'arn:q', name: 'q', policy: ok(null), encryption: ok({ sqsManagedSseEnabled: true }) };
    expect(statuses('sqs_queue_encrypted', { sqs: { queues: ok([q]) } })).toEqual(['PASS']);
  });
});
