/**
 * Lambda managed runtimes and the date AWS deprecates each (the "Deprecation date" column of
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html and its deprecated-runtimes
 * table). After that date AWS stops applying security patches to the runtime.
 *
 * Compiled by hand on 2026-11-22. AWS moves these dates occasionally and adds runtimes: a runtime
 * missing here is reported MANUAL (never PASS), and this table should be refreshed with each release.
 */
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  // Node.js
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2019-04-30',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  // Python
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  'python3.11': '2026-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  // Java
  java8: '2024-01-08',
  'java8.al2': '2026-06-30',
  java11: '2026-06-30',
  java17: '2026-06-30',
  java21: '2029-06-30',
  java25: '2029-06-30',
  // .NET
  'dotnetcore1.0': '2019-07-30',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  dotnet5: '2022-05-10',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
  dotnet10: '2028-11-14',
  // Ruby
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.4': '2028-03-31',
  // Go and OS-only
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-06-30',
  'provided.al2023': '2029-06-30',
};

export type RuntimeStatus = { kind: 'supported'; deprecates: string } | { kind: 'deprecated'; since: string } | { kind: 'unknown' };

/** Whether `runtime` is still supported at `now`, per the table above. */
export function runtimeStatus(runtime: string, now: Date): RuntimeStatus {
  const date = LAMBDA_RUNTIME_DEPRECATION[runtime];
  if (!date) return { kind: 'unknown' };
  return now.getTime() >= Date.parse(`${date}T00:00:00Z`) ? { kind: 'deprecated', since: date } : { kind: 'supported', deprecates: date };
}
