import type { CheckResult, Status } from '../model/result.js';
import type { FrameworkSummary } from '../report/types.js';
import type { Framework } from './types.js';

type ControlStatus = Status | 'NOT_COVERED';

/** Worst first: one failing resource fails the control; an unreadable one makes it ERROR. */
const PRECEDENCE: ControlStatus[] = ['FAIL', 'ERROR', 'MANUAL', 'PASS', 'MUTED', 'NOT_COVERED'];

/**
 * Per control of a framework: the worst status among the results of its checks. A control whose
 * checks produced no result (e.g. not selected) or that maps to no check is NOT_COVERED. MUTED
 * results count as accepted risk: a control whose only non-pass results are muted shows MUTED.
 */
export function summarizeFramework(framework: Framework, results: readonly CheckResult[]): FrameworkSummary {
  const byCheck = new Map<string, CheckResult[]>();
  for (const r of results) {
    let list = byCheck.get(r.checkId);
    if (!list) byCheck.set(r.checkId, (list = []));
    list.push(r);
  }
  const counts: Record<ControlStatus, number> = { FAIL: 0, ERROR: 0, MANUAL: 0, PASS: 0, MUTED: 0, NOT_COVERED: 0 };
  let evaluated = 0;
  let passed = 0;
  const controls = framework.controls.map((control) => {
    const tally = { pass: 0, fail: 0, error: 0, manual: 0, muted: 0 };
    for (const checkId of control.checks) {
      for (const r of byCheck.get(checkId) ?? []) {
        if (r.status === 'PASS') tally.pass++;
        else if (r.status === 'FAIL') tally.fail++;
        else if (r.status === 'ERROR') tally.error++;
        else if (r.status === 'MANUAL') tally.manual++;
        else tally.muted++;
      }
    }
    const present: ControlStatus[] = [];
    if (tally.fail) present.push('FAIL');
    if (tally.error) present.push('ERROR');
    if (tally.manual) present.push('MANUAL');
    if (tally.pass) present.push('PASS');
    if (tally.muted) present.push('MUTED');
    const status = PRECEDENCE.find((s) => present.includes(s)) ?? 'NOT_COVERED';
    counts[status]++;
    if (status === 'PASS' || status === 'FAIL' || status === 'ERROR' || status === 'MUTED') {
      evaluated++;
      if (status === 'PASS' || status === 'MUTED') passed++;
    }
    return {
      id: control.id,
      title: control.title,
      status,
      pass: tally.pass,
      fail: tally.fail,
      error: tally.error,
      manual: tally.manual,
    };
  });
  return {
    id: framework.id,
    name: framework.name,
    controls,
    counts,
    score: evaluated === 0 ? 0 : Math.round((passed / evaluated) * 1000) / 10,
  };
}
