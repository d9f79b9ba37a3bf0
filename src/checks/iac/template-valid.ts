/**
 * iac_template_valid: the file is a well-formed CloudFormation template. Not run as a check:
 * `kenro iac` reports each bad input (invalid YAML/JSON, not a template, unknown intrinsic
 * function, circular reference...) as an ERROR result of this id, with file, line and column.
 */
import type { CheckResult } from '../../model/result.js';
import type { TemplateError } from '../../sources/cfn/yaml.js';
import type { IacCheck } from './types.js';

export const templateValid: IacCheck = {
  meta: {
    id: 'iac_template_valid',
    title: 'Templates are valid CloudFormation',
    severity: 'high',
    service: 'cloudformation',
    resourceType: 'AWS::CloudFormation::Template',
    description: 'The file must parse (YAML or JSON) and be a CloudFormation template whose intrinsic functions and references are valid; otherwise nothing in it can be checked.',
    risk: 'A template kenro cannot read is a template nobody has checked.',
    remediation: { docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html' },
  },
  runTemplate: () => [],
};

export function templateErrorResult(e: TemplateError, account: string, region: string): CheckResult {
  return {
    checkId: templateValid.meta.id,
    status: 'ERROR',
    severity: templateValid.meta.severity,
    account,
    region,
    resourceType: templateValid.meta.resourceType,
    resourceId: e.file,
    reason: e.message,
    controls: {},
    file: e.file,
    line: e.line,
    column: e.column,
  };
}
