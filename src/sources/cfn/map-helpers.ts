/** Small helpers shared by the mapper modules. */
import type { Builder } from './builder.js';
import type { Res } from './context.js';

export function physicalNameOf(b: Builder, res: Res): string {
  return b.resolver.physicalName(res.logicalId);
}

export function setIf<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}
