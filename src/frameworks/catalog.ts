import { readFileSync } from 'node:fs';
import type { ControlMap } from '../model/result.js';
import { dataPath } from '../util/paths.js';
import { FRAMEWORK_IDS, type Framework } from './types.js';

let cache: Framework[] | undefined;

/** Every shipped framework catalogue, in FRAMEWORK_IDS order. */
export function loadFrameworks(): Framework[] {
  if (cache) return cache;
  cache = FRAMEWORK_IDS.map((id) => {
    const file = dataPath('frameworks', `${id}.json`);
    let parsed: Framework;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as Framework;
    } catch (err) {
      throw new Error(`framework catalogue ${file}: ${(err as Error).message}`);
    }
    if (parsed.id !== id) throw new Error(`framework catalogue ${file}: id is ${parsed.id}, expected ${id}`);
    return parsed;
  });
  return cache;
}

export function findFramework(id: string): Framework {
  const f = loadFrameworks().find((x) => x.id === id);
  if (!f) throw new Error(`unknown framework '${id}' (known: ${FRAMEWORK_IDS.join(', ')})`);
  return f;
}

/** check id -> framework id -> control ids, from every catalogue. */
export function controlIndex(frameworks: Framework[] = loadFrameworks()): Map<string, ControlMap> {
  const index = new Map<string, ControlMap>();
  for (const fw of frameworks) {
    for (const control of fw.controls) {
      for (const checkId of control.checks) {
        let map = index.get(checkId);
        if (!map) index.set(checkId, (map = {}));
        (map[fw.id] ??= []).push(control.id);
      }
    }
  }
  return index;
}
