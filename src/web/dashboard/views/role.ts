import { request } from '../../shared/graphql.js';
import { combobox } from '../combobox.js';
import { esc, grade, href, markRendered, roleLink } from '../dom.js';
import type { ViewModule } from '../main.js';
import { suggestRoles } from '../roles.js';

interface Ref {
  id: string;
  title: string;
}
interface Source {
  path: string | null;
  line: number | null;
  location: string | null;
  anchor: string | null;
}
interface Fact {
  text: string;
  inheritedFrom: Ref | null;
}
interface RoleDetail extends Ref {
  level: string | null;
  grade: number | null;
  track: string | null;
  summary: string | null;
  described: boolean;
  aliases: string[];
  family: { id: string; title: string } | null;
  department: { id: string; name: string } | null;
  source: Source;
  reportsTo: Ref | null;
  reportsToSource: Source | null;
  directReports: Ref[];
  responsibilities: Fact[];
  inheritedResponsibilities: Fact[];
  requirements: Fact[];
  inheritedRequirements: Fact[];
  skills: { name: string }[];
}

const ROLE_PAGE = `query RolePage($id: ID!) {
  role(id: $id) {
    id title level grade track summary described aliases
    family { id title }
    department { id name }
    source { path line location anchor }
    reportsTo { id title }
    reportsToSource { location }
    directReports { id title }
    responsibilities { text inheritedFrom { id title } }
    inheritedResponsibilities { text inheritedFrom { id title } }
    requirements { text inheritedFrom { id title } }
    inheritedRequirements { text inheritedFrom { id title } }
    skills { name }
  }
  nextRoles(role: $id) { kind track role { id title grade } }
}`;

/**
 * Where the sample handbook's pages are published: a source path such as security/infrastructure-security.md
 * maps to <base>/security/infrastructure-security/#anchor. Only a link: nothing is fetched from it.
 */
export const HANDBOOK_BASE = 'https://handbook.gitlab.com/job-families';

export function sourceUrl(source: Source): string | null {
  if (!source.path) return null;
  const page = source.path.replace(/\.md$/, '').replace(/\/_?index$/, '');
  return `${HANDBOOK_BASE}/${page.split('/').map(encodeURIComponent).join('/')}/${source.anchor ? `#${encodeURIComponent(source.anchor)}` : ''}`;
}

function facts(title: string, own: Fact[], inherited: Fact[]): string {
  const items = [
    ...own.map((f) => `<li>${esc(f.text)}</li>`),
    ...inherited.map(
      (f) =>
        `<li class="inherited"><span class="badge">inherited${f.inheritedFrom ? ` from ${esc(f.inheritedFrom.title)}` : ''}</span> ${esc(f.text)}</li>`,
    ),
  ];
  return `<section class="panel"><h2>${esc(title)} (${own.length} own, ${inherited.length} inherited)</h2>
    ${items.length ? `<ul>${items.join('')}</ul>` : '<p class="muted">None stated.</p>'}</section>`;
}

export const view: ViewModule = {
  title: 'Role',
  async render(root, params, context) {
    const id = params.get('id');
    const pick = combobox({
      id: 'role-input',
      label: 'Find a role',
      placeholder: 'e.g. Senior Infrastructure Security Engineer',
      suggest: suggestRoles,
      onSelect: (option) => context.navigate(href('role', { id: option.id })),
    });
    if (!id) {
      root.innerHTML =
        '<h1>Role</h1><div class="toolbar" id="role-pick"></div><p class="muted">Choose a role.</p>';
      root.querySelector('#role-pick')!.append(pick.element);
      markRendered('role');
      return;
    }
    const data = await request<{
      role: RoleDetail | null;
      nextRoles: { kind: string; track: string | null; role: Ref & { grade: number | null } }[];
    }>(ROLE_PAGE, { id });
    if (context.stale()) return;
    const role = data.role;
    if (!role) {
      root.innerHTML = `<h1>Role not found</h1><p class="error" role="alert">No role has the id ${esc(id)}.</p><div class="toolbar" id="role-pick"></div>`;
      root.querySelector('#role-pick')!.append(pick.element);
      markRendered('role');
      return;
    }
    const url = sourceUrl(role.source);
    const location = role.source.location ?? 'created through the API';
    root.innerHTML = `
      <div class="toolbar" id="role-pick"></div>
      <h1>${esc(role.title)}</h1>
      <p>${[
        grade(role.grade),
        role.level ? `level ${esc(role.level)}` : '',
        role.track ? `${role.track === 'IC' ? 'individual-contributor' : 'management'} track` : '',
        role.family
          ? `family <a href="${href('ladder', { family: role.family.id })}" data-route>${esc(role.family.title)}</a>`
          : '',
        role.department
          ? `department <a href="${href('org', { department: role.department.id })}" data-route>${esc(role.department.name)}</a>`
          : '',
      ]
        .filter(Boolean)
        .join(
          ' · ',
        )}${role.described ? '' : ' · <strong>placeholder</strong> (referenced, not described)'}</p>
      <p class="source">Source: ${
        url
          ? `<a class="source-link" href="${esc(url)}" rel="external noopener" target="_blank">${esc(location)}</a>`
          : `<span class="source-link">${esc(location)}</span>`
      }</p>
      ${role.summary ? `<p>${esc(role.summary)}</p>` : ''}
      ${role.aliases.length ? `<p class="muted">Also known as: ${role.aliases.map(esc).join('; ')}</p>` : ''}
      <div class="role-grid">
        <div>
          ${facts('Responsibilities', role.responsibilities, role.inheritedResponsibilities)}
          ${facts('Requirements', role.requirements, role.inheritedRequirements)}
        </div>
        <div>
          <section class="panel"><h2>Reports to</h2>${
            role.reportsTo
              ? `<p>${roleLink(role.reportsTo)}${role.reportsToSource?.location ? ` <span class="muted">(${esc(role.reportsToSource.location)})</span>` : ''}</p>`
              : '<p class="muted">Not stated.</p>'
          }</section>
          <section class="panel"><h2>Direct reports (${role.directReports.length})</h2>${
            role.directReports.length
              ? `<ul>${role.directReports.map((r) => `<li>${roleLink(r)}</li>`).join('')}</ul>`
              : '<p class="muted">None.</p>'
          }</section>
          <section class="panel"><h2>Next roles (${data.nextRoles.length})</h2>${
            data.nextRoles.length
              ? `<ul>${data.nextRoles
                  .map(
                    (n) =>
                      `<li>${roleLink(n.role)} <span class="muted">(${grade(n.role.grade)})</span> <span class="badge">${esc((n.kind === 'LATERAL' ? 'lateral' : (n.track ?? 'promotion')).toLowerCase())}</span>
                      <a href="${href('path', { from: role.id, to: n.role.id })}" data-route class="muted">what it adds</a></li>`,
                  )
                  .join('')}</ul>`
              : '<p class="muted">None in the handbook ladders.</p>'
          }</section>
          <section class="panel"><h2>Skills (${role.skills.length})</h2>${
            role.skills.length
              ? `<p>${role.skills.map((s) => esc(s.name)).join(', ')}</p>`
              : '<p class="muted">None tagged.</p>'
          }</section>
        </div>
      </div>`;
    root.querySelector('#role-pick')!.append(pick.element);
    markRendered('role');
  },
};
