import type { Builder } from './builder.js';
import type { Res } from './context.js';

/** Maps one CloudFormation resource type into the inventory. Phase 2 runs after every phase 1
 *  mapper, for resources that attach to others (bucket policies, standalone ingress rules...). */
export interface Mapper {
  phase: 1 | 2;
  map(b: Builder, res: Res): void;
}

export type MapperTable = Record<string, Mapper>;
