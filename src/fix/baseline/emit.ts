import { stringify } from 'yaml';
import type { CfnTemplate } from './template.js';

/** The template as YAML (intrinsic functions in their long `Fn::` form, valid CloudFormation YAML) or JSON. */
export function renderTemplate(t: CfnTemplate, format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(t, null, 2) + '\n';
  return stringify(t, { lineWidth: 0, aliasDuplicateObjects: false });
}
