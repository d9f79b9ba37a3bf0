import type { Template } from '../../sources/cfn/template.js';
import type { World } from '../../sources/cfn/to-inventory.js';
import type { CheckMeta, Finding } from '../types.js';

/** What a static (template-only) check sees: the template and one world's resolved resources. */
export interface IacContext {
  template: Template;
  world: World;
}

/** A check that only makes sense on templates (it reads template properties, not the inventory). */
export interface IacCheck {
  meta: CheckMeta;
  runTemplate(ctx: IacContext): Finding[];
}
