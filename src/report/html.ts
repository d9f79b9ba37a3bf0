/**
 * One self-contained HTML file that opens offline: summary by severity, service, account, region
 * and framework (inline SVG charts), framework scores, every result with filters, free-text
 * search and expandable evidence and remediation, then what could not be read and expired
 * suppressions.
 *
 * Safety: every string from a scan is either HTML-escaped into the static part or carried in a
 * `<script type="application/json">` block (with `<`, `>`, `&`, U+2028/2029 escaped, so no text
 * can close the script) and put on the page with textContent, never innerHTML. A Content Security
 * Policy allows only this file's own inline script and style (by hash) and no network at all.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES } from '../model/result.js';
import type { Severity, Status } from '../model/result.js';
import { countByStatus, failsBySeverity, redactSecrets, serviceOf, sortWorstFirst, titleOf } from './common.js';
import type { FrameworkSummary, ReportFormat, ScanReport } from './types.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside a <script> element: nothing in it can end the element or open a comment. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const SEV_COLOR: Record<Severity, string> = {
  critical: '#9f1239',
  high: '#dc2626',
  medium: '#d97706',
  low: '#2563eb',
  informational: '#64748b',
};
const STATUS_COLOR: Record<Status | 'NOT_COVERED', string> = {
  FAIL: '#dc2626',
  ERROR: '#7c3aed',
  MANUAL: '#d97706',
  PASS: '#16a34a',
  MUTED: '#94a3b8',
  NOT_COVERED: '#cbd5e1',
};
const STATUS_ORDER: Status[] = ['FAIL', 'ERROR', 'MANUAL', 'MUTED', 'PASS'];

interface Bar {
  label: string;
  value: number;
  color: string;
  filter?: { key: string; value: string };
}

/** `scale`: the value of a full bar (default: the largest value shown); `unit` follows each value. */
function barChart(title: string, bars: Bar[], note: string, scale?: number, unit = ''): string {
  const shown = bars.slice(0, 12);
  const max = scale ?? Math.max(1, ...shown.map((b) => b.value));
  const rowH = 24;
  const labelW = 160;
  const barW = 190;
  const h = Math.max(1, shown.length) * rowH + 4;
  const rows = shown
    .map((b, i) => {
      const y = i * rowH + 2;
      const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * barW));
      const label = b.label.length > 24 ? b.label.slice(0, 23) + '…' : b.label;
      const filterAttrs = b.filter ? ` class="bar-link" data-filter-key="${escapeHtml(b.filter.key)}" data-filter-value="${escapeHtml(b.filter.value)}" role="button" tabindex="0"` : '';
      return (
        `<g${filterAttrs}><title>${escapeHtml(`${b.label}: ${b.value}`)}</title>` +
        `<text x="${labelW - 6}" y="${y + 16}" text-anchor="end" class="chart-label">${escapeHtml(label)}</text>` +
        `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="${rowH - 8}" rx="3" class="chart-track"/>` +
        `<rect x="${labelW}" y="${y + 4}" width="${w}" height="${rowH - 8}" rx="3" fill="${b.color}"/>` +
        `<text x="${labelW + barW + 6}" y="${y + 16}" class="chart-value">${b.value}${unit}</text></g>`
      );
    })
    .join('');
  const body = shown.length
    ? `<svg viewBox="0 0 ${labelW + barW + 56} ${h}" width="100%" role="img" aria-label="${escapeHtml(title)}">${rows}</svg>`
    : `<p class="muted">Nothing to show.</p>`;
  const more = bars.length > shown.length ? `<p class="muted small">${bars.length - shown.length} more not shown</p>` : '';
  return `<section class="card chart"><h3>${escapeHtml(title)}</h3><p class="muted small">${escapeHtml(note)}</p>${body}${more}</section>`;
}

function donut(counts: Record<Status, number>): string {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  const r = 52;
  const c = 2 * Math.PI * r;
  let offset = 0;
  const arcs = STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => {
      const len = (counts[s] / total) * c;
      const arc = `<circle cx="70" cy="70" r="${r}" fill="none" stroke="${STATUS_COLOR[s]}" stroke-width="22" stroke-dasharray="${len.toFixed(2)} ${(c - len).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}" transform="rotate(-90 70 70)"><title>${s}: ${counts[s]}</title></circle>`;
      offset += len;
      return arc;
    })
    .join('');
  const legend = STATUS_ORDER.map(
    (s) =>
      `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${STATUS_COLOR[s]}"/></svg> ${s} <b>${counts[s]}</b></li>`,
  ).join('');
  return (
    `<section class="card chart"><h3>Results by status</h3><p class="muted small">${total} results</p><div class="donut">` +
    `<svg viewBox="0 0 140 140" width="140" height="140" role="img" aria-label="Results by status"><circle cx="70" cy="70" r="${r}" fill="none" class="chart-track-stroke" stroke-width="22"/>${arcs}` +
    `<text x="70" y="68" text-anchor="middle" class="donut-num">${counts.FAIL}</text><text x="70" y="86" text-anchor="middle" class="chart-label">failing</text></svg>` +
    `<ul class="legend">${legend}</ul></div></section>`
  );
}

function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function sortedBars(m: Map<string, number>, color: string, key: string): Bar[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, value]) => ({ label, value, color, filter: { key, value: label } }));
}

function scoreBar(score: number): string {
  const w = Math.round(Math.max(0, Math.min(100, score)) * 2);
  const color = score >= 80 ? '#16a34a' : score >= 50 ? '#d97706' : '#dc2626';
  return `<svg width="200" height="10" viewBox="0 0 200 10" role="img" aria-label="score ${score}%"><rect width="200" height="10" rx="5" class="chart-track"/><rect width="${w}" height="10" rx="5" fill="${color}"/></svg>`;
}

function frameworkSection(fws: FrameworkSummary[]): string {
  if (!fws.length) return '';
  const items = fws
    .map((fw) => {
      const counts = (['FAIL', 'ERROR', 'MANUAL', 'PASS', 'MUTED', 'NOT_COVERED'] as const)
        .filter((s) => fw.counts[s])
        .map((s) => `<span class="badge st-${s}">${fw.counts[s]} ${s === 'NOT_COVERED' ? 'not covered' : s}</span>`)
        .join(' ');
      const rows = fw.controls
        .map(
          (c) =>
            `<tr><td class="mono">${escapeHtml(c.id)}</td><td>${escapeHtml(c.title)}</td><td><span class="badge st-${c.status}">${c.status === 'NOT_COVERED' ? 'not covered' : c.status}</span></td><td class="num">${c.pass}</td><td class="num">${c.fail}</td><td class="num">${c.error}</td><td class="num">${c.manual}</td></tr>`,
        )
        .join('');
      return (
        `<details class="framework card" data-framework="${escapeHtml(fw.id)}"><summary><span class="fw-name">${escapeHtml(fw.name)}</span> <span class="muted mono small">${escapeHtml(fw.id)}</span>` +
        `<span class="fw-score">${scoreBar(fw.score)} <b>${fw.score}%</b></span><span class="fw-counts">${counts}</span></summary>` +
        `<table class="controls"><thead><tr><th>Control</th><th>Title</th><th>Status</th><th class="num">Pass</th><th class="num">Fail</th><th class="num">Error</th><th class="num">Manual</th></tr></thead><tbody>${rows}</tbody></table></details>`
      );
    })
    .join('');
  return `<section id="frameworks"><h2>Frameworks</h2><p class="muted small">Score: share of evaluated automated controls that pass (ERROR counts as not passing). Expand a framework for its controls.</p>${items}</section>`;
}

function issuesSection(report: ScanReport): string {
  const parts: string[] = [];
  if (report.collectionIssues.length) {
    const rows = report.collectionIssues
      .map(
        (i) =>
          `<tr><td class="mono">${escapeHtml(i.account)}</td><td>${escapeHtml(i.region)}</td><td>${escapeHtml(i.what)}</td><td class="mono">${escapeHtml(i.code)}</td><td>${escapeHtml(i.message)}</td><td class="mono">${escapeHtml(i.permission ?? '')}</td></tr>`,
      )
      .join('');
    parts.push(
      `<section id="collection-issues" class="card"><h2>Could not read (${report.collectionIssues.length})</h2><p class="muted small">Results that depend on these are ERROR, never PASS. Granting the permission shown lets kenro read them.</p>` +
        `<table><thead><tr><th>Account</th><th>Region</th><th>What</th><th>Code</th><th>Message</th><th>Permission to grant</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  if (report.expiredSuppressions.length) {
    const rows = report.expiredSuppressions
      .map(
        (s) =>
          `<tr><td class="mono">${escapeHtml(s.id)}</td><td class="mono">${escapeHtml(s.checkId)}</td><td>${escapeHtml(s.expires)}</td><td>${escapeHtml(s.reason)}</td></tr>`,
      )
      .join('');
    parts.push(
      `<section id="expired-suppressions" class="card"><h2>Expired suppressions (${report.expiredSuppressions.length})</h2><p class="muted small">Reported, not applied: the results they covered show their real status.</p>` +
        `<table><thead><tr><th>Id</th><th>Check</th><th>Expired</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table></section>`,
    );
  }
  return parts.join('');
}

/** The data the page script renders the findings table from. */
function pageData(report: ScanReport) {
  const results = sortWorstFirst(report.results).map((r) => ({
    c: r.checkId,
    t: titleOf(r, report.checks),
    sv: serviceOf(r, report.checks),
    st: r.status,
    se: r.severity,
    a: r.account,
    rg: r.region,
    rt: r.resourceType,
    ra: r.resourceArn ?? null,
    ri: r.resourceId,
    re: r.reason,
    ev: r.evidence === undefined ? null : redactSecrets(r.evidence),
    hasEv: r.evidence !== undefined,
    co: r.controls,
    f: r.file ?? null,
    l: r.line ?? null,
    col: r.column ?? null,
    m: r.muted ?? null,
  }));
  const checks: Record<string, { d: string; k: string; cli?: string; cfn?: string; con?: string; doc?: string }> = {};
  for (const [id, m] of Object.entries(report.checks)) {
    checks[id] = {
      d: m.description,
      k: m.risk,
      ...(m.remediation.cli ? { cli: m.remediation.cli } : {}),
      ...(m.remediation.cloudformation ? { cfn: m.remediation.cloudformation } : {}),
      ...(m.remediation.console ? { con: m.remediation.console } : {}),
      ...(m.remediation.docs && /^https:\/\//.test(m.remediation.docs) ? { doc: m.remediation.docs } : {}),
    };
  }
  return { results, checks, frameworks: report.frameworks.map((f) => ({ id: f.id, name: f.name })) };
}

const CSS = `
:root{--bg:#f6f7f9;--card:#fff;--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--accent:#0f766e;--track:#eef2f6}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans JP",sans-serif;background:var(--bg);color:var(--ink)}
header{background:#0f172a;color:#e2e8f0;padding:18px 28px}
header h1{margin:0;font-size:20px;letter-spacing:.02em}
header h1 span{color:#5eead4}
header .meta{margin-top:6px;color:#94a3b8;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 18px}
header .meta b{color:#e2e8f0;font-weight:600}
main{padding:20px 28px;max-width:1400px;margin:0 auto}
h2{font-size:17px;margin:26px 0 10px}
h3{font-size:14px;margin:0}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.muted{color:var(--muted)}.small{font-size:12px}.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px}
.tile{padding:12px 14px;border-left:4px solid var(--line)}
.tile .n{font-size:26px;font-weight:700}
.tile[data-tile=FAIL]{border-left-color:#dc2626}.tile[data-tile=ERROR]{border-left-color:#7c3aed}.tile[data-tile=MANUAL]{border-left-color:#d97706}.tile[data-tile=MUTED]{border-left-color:#94a3b8}.tile[data-tile=PASS]{border-left-color:#16a34a}.tile[data-tile=CRITHIGH]{border-left-color:#9f1239}
.tile .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.06em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:12px;margin-top:12px}
.chart p{margin:2px 0 8px}
.chart-label{font-size:11px;fill:#334155}.chart-value{font-size:11px;fill:#334155;font-weight:600}
.chart-track{fill:var(--track)}.chart-track-stroke{stroke:var(--track)}
.donut{display:flex;align-items:center;gap:18px}.donut-num{font-size:24px;font-weight:700;fill:#0f172a}
.legend{list-style:none;margin:0;padding:0}.legend li{margin:3px 0;display:flex;align-items:center;gap:6px}
.bar-link{cursor:pointer}.bar-link:hover rect:not(.chart-track),.bar-link:focus rect:not(.chart-track){opacity:.75}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11.5px;font-weight:600;white-space:nowrap;border:1px solid transparent}
.st-FAIL{background:#fee2e2;color:#991b1b}.st-ERROR{background:#ede9fe;color:#5b21b6}.st-MANUAL{background:#fef3c7;color:#92400e}
.st-PASS{background:#dcfce7;color:#166534}.st-MUTED{background:#f1f5f9;color:#475569;border-color:#cbd5e1}.st-NOT_COVERED{background:#f8fafc;color:#94a3b8;border-color:#e2e8f0}
.sev-critical{background:#9f1239;color:#fff}.sev-high{background:#dc2626;color:#fff}.sev-medium{background:#f59e0b;color:#1f2937}.sev-low{background:#dbeafe;color:#1e40af}.sev-informational{background:#e2e8f0;color:#334155}
.framework{margin-bottom:8px;padding:0}
.framework summary{cursor:pointer;padding:12px 16px;display:flex;flex-wrap:wrap;align-items:center;gap:8px 14px}
.fw-name{font-weight:600}.fw-score{display:flex;align-items:center;gap:8px;margin-left:auto}.fw-counts{display:flex;gap:4px;flex-wrap:wrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:#f8fafc;position:sticky;top:0}
td.num,th.num{text-align:right}
.controls{margin:0 0 8px}
.filters{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;margin-bottom:12px}
.filters .group{display:flex;gap:4px;align-items:center;flex-wrap:wrap}
.filters label{font-size:12px;color:var(--muted)}
.chip{border:1px solid var(--line);background:#fff;border-radius:999px;padding:3px 10px;font-size:12px;cursor:pointer;color:var(--ink)}
.chip[aria-pressed="true"]{background:var(--ink);color:#fff;border-color:var(--ink)}
select,input[type=search]{border:1px solid #cbd5e1;border-radius:6px;padding:5px 8px;font:inherit;background:#fff;color:var(--ink)}
input[type=search]{min-width:260px}
button.reset{border:0;background:none;color:var(--accent);cursor:pointer;font:inherit;text-decoration:underline}
#count{font-weight:600}
tr.finding{cursor:pointer}tr.finding:hover{background:#f8fafc}
tr.finding td.res{overflow-wrap:anywhere}
#findings-table{table-layout:fixed}#findings-table th:nth-child(1){width:84px}#findings-table th:nth-child(2){width:110px}#findings-table th:nth-child(3){width:28%}#findings-table th:nth-child(5){width:130px}#findings-table th:nth-child(6){width:120px}
tr.finding td{overflow-wrap:anywhere}
tr.detail td{background:#fbfcfd;padding:12px 16px 16px}
.detail h4{margin:10px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.detail pre{background:#0f172a;color:#e2e8f0;padding:10px 12px;border-radius:8px;overflow:auto;max-height:360px;white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.detail .kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}
.detail .kv dt{color:var(--muted)}.detail .kv dd{margin:0;overflow-wrap:anywhere}
.tabs{display:flex;gap:4px;margin-bottom:6px}
.muted-note{background:#f1f5f9;border-left:3px solid #94a3b8;padding:6px 10px;margin:6px 0}
.empty{padding:24px;text-align:center;color:var(--muted)}
footer{padding:20px 28px;color:var(--muted);font-size:12px;text-align:center}
@media (max-width:700px){main{padding:12px}input[type=search]{min-width:0;width:100%}}
@media print{.filters{display:none}header{background:none;color:#000}}
`;

const JS = `
(function(){
'use strict';
var data=JSON.parse(document.getElementById('kenro-data').textContent);
var results=data.results, checks=data.checks;
var state={severity:new Set(),status:new Set(),service:'',account:'',region:'',framework:'',q:''};
var body=document.getElementById('findings-body');
var countEl=document.getElementById('count');
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=String(text);return e;}
function pre(text){var p=document.createElement('pre');p.textContent=text;return p;}
function res(r){return r.ra||r.ri;}
function loc(r){return r.f?(r.f+(r.l?':'+r.l+(r.col?':'+r.col:''):'')):'';}
function pairs(r){var out=[];Object.keys(r.co).forEach(function(f){r.co[f].forEach(function(c){out.push(f+' '+c);});});return out;}
results.forEach(function(r,i){
  r.hay=[r.c,r.t,r.sv,r.st,r.se,r.a,r.rg,r.rt,res(r),r.ri,r.re,loc(r),pairs(r).join(' '),r.m?r.m.reason:'',r.hasEv?JSON.stringify(r.ev):''].join('\\n').toLowerCase();
});
function fill(id,values){var s=document.getElementById(id);values.forEach(function(v){var o=document.createElement('option');o.value=v;o.textContent=v;s.appendChild(o);});}
function uniq(f){var s={};results.forEach(function(r){s[f(r)]=1;});return Object.keys(s).sort();}
fill('f-service',uniq(function(r){return r.sv;}));
fill('f-account',uniq(function(r){return r.a;}));
fill('f-region',uniq(function(r){return r.rg;}));
(function(){var s=document.getElementById('f-framework');var seen={};
function add(v,t){seen[v]=1;var o=document.createElement('option');o.value=v;o.textContent=t;s.appendChild(o);}
data.frameworks.forEach(function(f){add(f.id,f.name);});
results.forEach(function(r){Object.keys(r.co).sort().forEach(function(k){if(r.co[k].length&&!seen[k])add(k,k);});});})();
function detail(r){
  var td=el('td');td.colSpan=6;var d=el('div','detail');td.appendChild(d);
  var ck=checks[r.c]||{};
  d.appendChild(el('h4',null,'Why'));d.appendChild(el('div',null,r.re));
  if(r.m){var n=el('div','muted-note');n.textContent='Muted by suppression '+r.m.suppressionId+' until '+r.m.expires+' (was '+r.m.originalStatus+'): '+r.m.reason;d.appendChild(n);}
  d.appendChild(el('h4',null,'Resource'));
  var kv=el('dl','kv');
  function add(k,v){if(v==null||v==='')return;kv.appendChild(el('dt',null,k));kv.appendChild(el('dd','mono',v));}
  add('Check',r.c);add('Type',r.rt);add('ARN',r.ra);add('Id',r.ri);add('Account',r.a);add('Region',r.rg);add('Location',loc(r));
  var pp=pairs(r);add('Controls',pp.join(', '));
  d.appendChild(kv);
  if(ck.d){d.appendChild(el('h4',null,'About this check'));d.appendChild(el('div',null,ck.d));}
  if(ck.k){d.appendChild(el('h4',null,'Risk'));d.appendChild(el('div',null,ck.k));}
  d.appendChild(el('h4',null,'Evidence'));
  d.appendChild(r.hasEv?pre(JSON.stringify(r.ev,null,2)):el('div','muted','No evidence recorded.'));
  var rem=[['AWS CLI',ck.cli],['CloudFormation',ck.cfn],['Console',ck.con]].filter(function(x){return x[1];});
  if(rem.length||ck.doc){
    d.appendChild(el('h4',null,'Remediation'));
    if(rem.length){
      var tabs=el('div','tabs');var box=el('div');
      rem.forEach(function(x,i){var b=el('button','chip',x[0]);b.type='button';b.setAttribute('aria-pressed',i===0?'true':'false');
        b.addEventListener('click',function(ev){ev.stopPropagation();Array.prototype.forEach.call(tabs.children,function(c){c.setAttribute('aria-pressed','false');});b.setAttribute('aria-pressed','true');box.textContent='';box.appendChild(pre(x[1]));});
        tabs.appendChild(b);});
      box.appendChild(pre(rem[0][1]));d.appendChild(tabs);d.appendChild(box);
    }
    if(ck.doc){var p=el('p','small');var a=el('a',null,ck.doc);a.href=ck.doc;a.rel='noopener noreferrer';a.target='_blank';p.appendChild(document.createTextNode('Documentation: '));p.appendChild(a);d.appendChild(p);}
  }
  var tr=el('tr','detail');tr.appendChild(td);return tr;
}
var rows=results.map(function(r){
  var tr=el('tr','finding');tr.tabIndex=0;
  tr.dataset.severity=r.se;tr.dataset.status=r.st;
  var s=el('td');s.appendChild(el('span','badge st-'+r.st,r.st));tr.appendChild(s);
  var v=el('td');v.appendChild(el('span','badge sev-'+r.se,r.se));tr.appendChild(v);
  var t=el('td');t.appendChild(el('div',null,r.t));t.appendChild(el('div','muted mono small',r.c));tr.appendChild(t);
  var rs=el('td','res');rs.appendChild(el('div','mono',r.f?loc(r)+' '+r.ri:res(r)));rs.appendChild(el('div','muted small',r.re.length>240?r.re.slice(0,239)+'\u2026':r.re));if(r.m)rs.appendChild(el('div','small','Muted: '+r.m.reason));tr.appendChild(rs);
  tr.appendChild(el('td','mono',r.a));tr.appendChild(el('td',null,r.rg));
  var det=null;
  function toggle(){if(det){det.remove();det=null;tr.setAttribute('aria-expanded','false');}else{det=detail(r);tr.after(det);tr.setAttribute('aria-expanded','true');}}
  tr.addEventListener('click',toggle);
  tr.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle();}});
  body.appendChild(tr);
  return {r:r,tr:tr,close:function(){if(det)toggle();}};
});
function match(r){
  if(state.severity.size&&!state.severity.has(r.se))return false;
  if(state.status.size&&!state.status.has(r.st))return false;
  if(state.service&&r.sv!==state.service)return false;
  if(state.account&&r.a!==state.account)return false;
  if(state.region&&r.rg!==state.region)return false;
  if(state.framework&&!(r.co[state.framework]&&r.co[state.framework].length))return false;
  if(state.q){var words=state.q.split(/\\s+/);for(var i=0;i<words.length;i++){if(words[i]&&r.hay.indexOf(words[i])<0)return false;}}
  return true;
}
function apply(){
  var n=0;
  rows.forEach(function(x){var ok=match(x.r);if(!ok)x.close();x.tr.hidden=!ok;if(ok)n++;});
  countEl.textContent=n+' of '+results.length;
  document.getElementById('no-match').hidden=n!==0||results.length===0;
}
function chips(id,key){
  var box=document.getElementById(id);
  Array.prototype.forEach.call(box.querySelectorAll('button.chip'),function(b){
    b.addEventListener('click',function(){var v=b.dataset.value;var set=state[key];if(set.has(v)){set.delete(v);b.setAttribute('aria-pressed','false');}else{set.add(v);b.setAttribute('aria-pressed','true');}apply();});
  });
}
chips('f-severity','severity');chips('f-status','status');
['service','account','region','framework'].forEach(function(k){document.getElementById('f-'+k).addEventListener('change',function(e){state[k]=e.target.value;apply();});});
var search=document.getElementById('f-search');
search.addEventListener('input',function(){state.q=search.value.trim().toLowerCase();apply();});
document.getElementById('f-reset').addEventListener('click',function(){
  state.severity.clear();state.status.clear();state.service=state.account=state.region=state.framework=state.q='';
  Array.prototype.forEach.call(document.querySelectorAll('.filters button.chip'),function(b){b.setAttribute('aria-pressed','false');});
  ['service','account','region','framework'].forEach(function(k){document.getElementById('f-'+k).value='';});
  search.value='';apply();
});
Array.prototype.forEach.call(document.querySelectorAll('.bar-link'),function(g){
  function go(){var k=g.getAttribute('data-filter-key'),v=g.getAttribute('data-filter-value');
    if(k==='severity'||k==='status'){var set=state[k];set.clear();set.add(v);Array.prototype.forEach.call(document.querySelectorAll('#f-'+k+' button.chip'),function(b){b.setAttribute('aria-pressed',b.dataset.value===v?'true':'false');});}
    else{state[k]=v;document.getElementById('f-'+k).value=v;}
    apply();document.getElementById('findings').scrollIntoView();}
  g.addEventListener('click',go);g.addEventListener('keydown',function(e){if(e.key==='Enter'){go();}});
});
apply();
})();
`;

function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

export function renderHtml(report: ScanReport): string {
  const counts = countByStatus(report.results);
  const sev = failsBySeverity(report.results);
  const fails = report.results.filter((r) => r.status === 'FAIL');
  const sevBars: Bar[] = SEVERITIES.map((s) => ({ label: s, value: sev[s], color: SEV_COLOR[s], filter: { key: 'severity', value: s } }));
  const charts = [
    donut(counts),
    barChart('Failures by severity', sevBars, 'FAIL results'),
    barChart('Failures by service', sortedBars(tally(fails.map((r) => serviceOf(r, report.checks))), '#0f766e', 'service'), 'FAIL results; click a bar to filter'),
    barChart('Failures by account', sortedBars(tally(fails.map((r) => r.account)), '#334155', 'account'), 'FAIL results; click a bar to filter'),
    barChart('Failures by region', sortedBars(tally(fails.map((r) => r.region)), '#475569', 'region'), 'FAIL results; click a bar to filter'),
    ...(report.frameworks.length
      ? [
          barChart(
            'Framework scores',
            report.frameworks.map((f) => ({ label: f.id, value: f.score, color: f.score >= 80 ? '#16a34a' : f.score >= 50 ? '#d97706' : '#dc2626', filter: { key: 'framework', value: f.id } })),
            'Percent of evaluated controls passing',
            100,
            '%',
          ),
        ]
      : []),
  ].join('');

  const tiles = [
    ...STATUS_ORDER.map((s) => `<div class="card tile" data-tile="${s}"><div class="n">${counts[s]}</div><div class="l">${s}</div></div>`),
    `<div class="card tile" data-tile="CRITHIGH"><div class="n">${sev.critical + sev.high}</div><div class="l">critical + high failures</div></div>`,
  ].join('');

  const sevChips = SEVERITIES.map((s) => `<button type="button" class="chip" data-value="${s}" aria-pressed="false">${s}</button>`).join('');
  const statusChips = STATUS_ORDER.map((s) => `<button type="button" class="chip" data-value="${s}" aria-pressed="false">${s}</button>`).join('');
  const scope =
    report.kind === 'iac'
      ? `<span>Templates <b>${escapeHtml(report.source.replace(/^template:/, ''))}</b></span>`
      : `<span>Accounts <b>${escapeHtml(report.accounts.join(', ') || '-')}</b></span><span>Regions <b>${escapeHtml(report.regions.join(', ') || '-')}</b></span>`;

  const dataJson = scriptSafeJson(pageData(report));
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(JS)}'`,
    `style-src 'sha256-${sha256(CSS)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="kenro ${escapeHtml(report.tool.version)}">
<title>kenro report — ${escapeHtml(report.scanId)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1><span>kenro</span> ${report.kind === 'iac' ? 'template scan' : 'security assessment'}</h1>
<div class="meta"><span>Scan <b>${escapeHtml(report.scanId)}</b></span><span>Source <b>${escapeHtml(report.source)}</b></span><span>Started <b>${escapeHtml(report.startedAt)}</b></span><span>Finished <b>${escapeHtml(report.finishedAt)}</b></span>${scope}<span>kenro <b>${escapeHtml(report.tool.version)}</b></span></div>
</header>
<main>
<section id="summary"><h2>Summary</h2><div class="tiles">${tiles}</div><div class="charts">${charts}</div></section>
${frameworkSection(report.frameworks)}
<section id="findings"><h2>Results</h2>
<div class="card">
<div class="filters">
<div class="group" id="f-severity" role="group" aria-label="Severity"><label>Severity</label>${sevChips}</div>
<div class="group" id="f-status" role="group" aria-label="Status"><label>Status</label>${statusChips}</div>
<div class="group"><label for="f-service">Service</label><select id="f-service"><option value="">All</option></select></div>
<div class="group"><label for="f-account">Account</label><select id="f-account"><option value="">All</option></select></div>
<div class="group"><label for="f-region">Region</label><select id="f-region"><option value="">All</option></select></div>
<div class="group"><label for="f-framework">Framework</label><select id="f-framework"><option value="">All</option></select></div>
<div class="group"><input type="search" id="f-search" placeholder="Search checks, resources, reasons, evidence…" aria-label="Search"></div>
<div class="group"><span class="muted small">Showing <span id="count"></span></span> <button type="button" class="reset" id="f-reset">Reset filters</button></div>
</div>
<table id="findings-table"><thead><tr><th>Status</th><th>Severity</th><th>Check</th><th>Resource / reason</th><th>Account</th><th>Region</th></tr></thead><tbody id="findings-body"></tbody></table>
<p class="empty" id="no-match" hidden>No result matches these filters.</p>
${report.results.length ? '' : '<p class="empty">This scan has no results.</p>'}
<noscript><p class="empty">Turn on JavaScript to see the results table; the JSON report has the same data.</p></noscript>
</div>
</section>
${issuesSection(report)}
</main>
<footer>Generated by kenro ${escapeHtml(report.tool.version)} · ${report.results.length} results · ${fails.length} failing</footer>
<script type="application/json" id="kenro-data">${dataJson}</script>
<script>${JS}</script>
</body>
</html>
`;
}

export const htmlFormat: ReportFormat = {
  id: 'html',
  extension: 'html',
  render: (report) => renderHtml(report),
};
