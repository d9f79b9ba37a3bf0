/**
 * Reads a `--parameters` file. Accepted shapes (JSON or YAML):
 * - the AWS CLI's `[{ "ParameterKey": "K", "ParameterValue": "V" }]`
 * - a CodePipeline template configuration `{ "Parameters": { "K": "V" } }`
 * - `--cli-input-json` style `{ "Parameters": [{ "ParameterKey": ..., "ParameterValue": ... }] }`
 * - a plain map `{ "K": "V" }`
 * - a list of `K=V` strings (as `aws cloudformation deploy --parameter-overrides` takes)
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function parseParameters(text: string, file = 'parameters'): Record<string, string> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const out: Record<string, string> = {};
  const str = (v: unknown) => (Array.isArray(v) ? v.map(String).join(',') : String(v));
  if (Array.isArray(data)) {
    for (const item of data) {
      if (typeof item === 'string' && item.includes('=')) {
        out[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
      } else if (item && typeof item === 'object' && 'ParameterKey' in item) {
        const o = item as { ParameterKey: unknown; ParameterValue?: unknown; UsePreviousValue?: unknown };
        if (o.ParameterValue !== undefined) out[String(o.ParameterKey)] = str(o.ParameterValue);
      } else {
        throw new Error(`${file}: each item must be {ParameterKey, ParameterValue} or "Key=Value"`);
      }
    }
    return out;
  }
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    // `--cli-input-json` style: {"Parameters": [{ParameterKey, ParameterValue}]}
    if (Array.isArray(o.Parameters)) return parseParameters(JSON.stringify(o.Parameters), file);
    const map = o.Parameters && typeof o.Parameters === 'object' && !Array.isArray(o.Parameters) ? (o.Parameters as Record<string, unknown>) : o;
    for (const [k, v] of Object.entries(map)) out[k] = str(v);
    return out;
  }
  throw new Error(`${file}: expected a list or a mapping of parameter values`);
}

export function readParametersFile(file: string): Record<string, string> {
  return parseParameters(readFileSync(file, 'utf8'), file);
}
