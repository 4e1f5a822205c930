import { request } from '../../shared/graphql.js';
import { esc, href, markRendered, roleLink } from '../dom.js';
import type { ViewModule } from '../main.js';

interface Finding {
  code: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  role: { id: string; title: string } | null;
  source: { location: string | null };
}

const LINT = `query Lint { orgLint { code severity message role { id title } source { location } } }`;
const SEVERITY_ORDER = { ERROR: 0, WARNING: 1, INFO: 2 };

export const view: ViewModule = {
  title: 'Lint',
  async render(root, params, context) {
    const code = params.get('code');
    const data = await request<{ orgLint: Finding[] }>(LINT);
    if (context.stale()) return;
    const all = data.orgLint;
    const counts = new Map<string, number>();
    for (const finding of all) counts.set(finding.code, (counts.get(finding.code) ?? 0) + 1);
    const shown = all
      .filter((finding) => !code || finding.code === code)
      .sort(
        (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code),
      );
    root.innerHTML = `
      <h1>Lint findings${code ? `: ${esc(code)}` : ''}</h1>
      <p>${all.length} findings over the stored graph (the same checks as <code>orgraph lint</code>).</p>
      <nav aria-label="Filter by check"><ul class="toolbar" style="list-style:none;padding:0">
        <li><a href="${href('lint')}" data-route${code ? '' : ' aria-current="page"'}>all (${all.length})</a></li>
        ${[...counts]
          .sort()
          .map(
            ([c, n]) =>
              `<li><a href="${href('lint', { code: c })}" data-route${c === code ? ' aria-current="page"' : ''}>${esc(c)} (${n})</a></li>`,
          )
          .join('')}
      </ul></nav>
      <table class="findings">
        <caption class="visually-hidden">Lint findings, most serious first</caption>
        <thead><tr><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Role</th><th scope="col">Finding</th><th scope="col" class="hide-narrow">Source</th></tr></thead>
        <tbody>${shown
          .map(
            (
              f,
            ) => `<tr><td class="severity-${f.severity}">${f.severity.toLowerCase()}</td><td>${esc(f.code)}</td>
              <td>${f.role ? roleLink(f.role) : '–'}</td><td>${esc(f.message)}</td><td class="hide-narrow">${esc(f.source.location ?? '')}</td></tr>`,
          )
          .join('')}</tbody>
      </table>`;
    markRendered('lint');
  },
};
