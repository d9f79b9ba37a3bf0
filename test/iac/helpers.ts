import { ALL_CHECKS } from '../../src/checks/index.js';
import { scanTemplate, type TemplateScan } from '../../src/checks/iac/scan.js';
import { readTemplate, type Template } from '../../src/sources/cfn/template.js';
import { templateToInventory, type TemplateInventory } from '../../src/sources/cfn/to-inventory.js';
import { parseTemplateText } from '../../src/sources/cfn/yaml.js';

export function tpl(text: string, file = 'test.yaml'): Template {
  return readTemplate(file, parseTemplateText(file, text)[0]!);
}

export function inv(text: string, parameters?: Record<string, string>): TemplateInventory {
  return templateToInventory(tpl(text), parameters ? { parameters } : {});
}

export function scan(text: string, parameters?: Record<string, string>): TemplateScan {
  return scanTemplate(tpl(text), { checks: ALL_CHECKS, ...(parameters ? { parameters } : {}), now: new Date('2026-01-01T00:00:00Z') });
}

export function account(ti: TemplateInventory, world = 0) {
  return ti.worlds[world]!.inventory.accounts[0]!;
}
