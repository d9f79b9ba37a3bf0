/**
 * Resource dependencies (Ref, Fn::GetAtt, ${...} in Fn::Sub, DependsOn), to reject circular
 * dependencies the way CloudFormation does ("Circular dependency between resources").
 */
import { TemplateError, child, type CfnNode } from './yaml.js';
import type { Template } from './template.js';

function collect(n: CfnNode, out: Set<string>): void {
  if (n.kind === 'seq') for (const i of n.items) collect(i, out);
  if (n.kind !== 'map') return;
  for (const e of n.entries) {
    const v = e.value;
    if (e.key === 'Ref' && v.kind === 'scalar') out.add(String(v.value));
    else if (e.key === 'Fn::GetAtt') {
      const first = v.kind === 'seq' ? v.items[0] : v;
      if (first?.kind === 'scalar') out.add(String(first.value).split('.')[0]!);
    } else if (e.key === 'Fn::Sub') {
      const s = v.kind === 'seq' ? v.items[0] : v;
      if (s?.kind === 'scalar' && typeof s.value === 'string') {
        for (const m of s.value.matchAll(/\$\{([^}!][^}]*)\}/g)) out.add(m[1]!.trim().split('.')[0]!);
      }
    }
    collect(v, out);
  }
}

export function checkCircularDependencies(t: Template): void {
  const ids = new Set(t.resources.map((r) => r.logicalId));
  const edges = new Map<string, string[]>();
  for (const r of t.resources) {
    const refs = new Set<string>();
    collect(r.node, refs);
    const dep = child(r.node, 'DependsOn');
    if (dep?.kind === 'scalar') refs.add(String(dep.value));
    if (dep?.kind === 'seq') for (const d of dep.items) if (d.kind === 'scalar') refs.add(String(d.value));
    edges.set(r.logicalId, [...refs].filter((x) => ids.has(x)));
  }
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 1) {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const r = t.resources.find((x) => x.logicalId === next)!;
        throw new TemplateError(t.file, r.pos.line, r.pos.column, `circular dependency between resources: ${cycle.join(' -> ')}`);
      }
      if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const r of t.resources) if (!state.has(r.logicalId)) visit(r.logicalId);
}
