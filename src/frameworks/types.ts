/**
 * A framework catalogue (data/frameworks/<id>.json): controls with kenro's own descriptions and
 * the checks that evidence each control. Adding a framework adds a file, not code.
 */
export interface FrameworkControl {
  id: string;
  title: string;
  section?: string;
  /** e.g. `Level 1`, `Level 2` (CIS). */
  level?: string;
  assessment: 'automated' | 'manual';
  /** kenro's own description of what the control asks for. */
  description: string;
  /** Check ids that evidence this control; empty = not covered by kenro. */
  checks: string[];
}

export interface Framework {
  /** e.g. `cis-aws-5.0`, `fsbp`, `pci-dss-4.0`, `aws-security-checklist`. */
  id: string;
  name: string;
  version: string;
  description: string;
  controls: FrameworkControl[];
}

export const FRAMEWORK_IDS = [
  'cis-aws-3.0',
  'cis-aws-4.0',
  'cis-aws-5.0',
  'cis-aws-6.0',
  'cis-aws-7.0',
  'fsbp',
  'pci-dss-4.0',
  'aws-security-checklist',
] as const;
