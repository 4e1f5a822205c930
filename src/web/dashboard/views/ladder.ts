import cytoscape, { type ElementDefinition } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { request } from '../../shared/graphql.js';
import { combobox, type ComboOption } from '../combobox.js';
import { announce, download, esc, grade, href, markRendered, roleLink } from '../dom.js';
import type { ViewModule } from '../main.js';

cytoscape.use(dagre);

interface LadderRole {
  id: string;
  title: string;
  grade: number | null;
  track: 'IC' | 'MANAGEMENT' | null;
  family: { id: string; title: string } | null;
}
interface FamilyRole extends LadderRole {
  promotesTo: { track: string; to: LadderRole }[];
  promotedFrom: { track: string; from: LadderRole }[];
}
interface Family {
  id: string;
  title: string;
  roles: FamilyRole[];
}

const ROLE_FIELDS = `id title grade track family { id title }`;
const LADDER_ROLE = `${ROLE_FIELDS}
  promotesTo { track to { ${ROLE_FIELDS} } }
  promotedFrom { track from { ${ROLE_FIELDS} } }`;
const FAMILY_LADDER = `query FamilyLadder($id: ID!) { jobFamily(id: $id) { id title roles { ${LADDER_ROLE} } } }`;
// Through the roles connection rather than jobFamilies → roles, to stay within the API's query depth limit.
const DEPARTMENT_ROLES = `query DepartmentLadders($department: String!, $after: String) {
  roles(filter: { department: $department }, first: 100, after: $after, orderBy: FAMILY) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${LADDER_ROLE} } }
  }
}`;
const FAMILY_SUGGESTIONS = `query FamilySuggestions($text: String!) {
  search(text: $text, first: 20) { kind id title }
}`;

const TRACK_LABEL: Record<string, string> = {
  IC: 'Individual contributor',
  MANAGEMENT: 'Management',
  NONE: 'Track not stated',
};

async function loadFamilies(params: URLSearchParams): Promise<{ families: Family[]; heading: string }> {
  const family = params.get('family');
  const department = params.get('department');
  if (family) {
    const data = await request<{ jobFamily: Family | null }>(FAMILY_LADDER, { id: family });
    if (!data.jobFamily) throw new Error(`there is no job family "${family}"`);
    return { families: [data.jobFamily], heading: data.jobFamily.title };
  }
  if (department) {
    const families = new Map<string, Family>();
    let after: string | null = null;
    for (;;) {
      const data: {
        roles: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: FamilyRole }[];
        };
      } = await request(DEPARTMENT_ROLES, { department, after });
      for (const { node: role } of data.roles.edges) {
        const key = role.family?.id ?? 'none';
        const family = families.get(key) ?? { id: key, title: role.family?.title ?? 'No family', roles: [] };
        family.roles.push(role);
        families.set(key, family);
      }
      if (!data.roles.pageInfo.hasNextPage) break;
      after = data.roles.pageInfo.endCursor;
    }
    if (families.size === 0) throw new Error(`the department "${department}" has no roles`);
    return {
      families: [...families.values()],
      heading: `all families of ${department.replace(/^department:/, '')}`,
    };
  }
  return { families: [], heading: '' };
}

/**
 * Cytoscape elements: one box per family, inside it one box per track, inside those the roles; promotion
 * edges, with those leading into (or from) other families drawn in another colour.
 */
export function ladderElements(families: Family[]): {
  elements: ElementDefinition[];
  roles: Map<string, LadderRole>;
} {
  const shown = new Set(families.map((family) => family.id));
  const roles = new Map<string, LadderRole>();
  const edges = new Map<string, { from: LadderRole; to: LadderRole; track: string }>();
  for (const family of families) {
    for (const role of family.roles) {
      roles.set(role.id, role);
      for (const p of role.promotesTo)
        edges.set(`${role.id}->${p.to.id}`, { from: role, to: p.to, track: p.track });
      for (const p of role.promotedFrom)
        edges.set(`${p.from.id}->${role.id}`, { from: p.from, to: role, track: p.track });
    }
  }
  for (const { from, to } of edges.values()) {
    if (!roles.has(from.id)) roles.set(from.id, from);
    if (!roles.has(to.id)) roles.set(to.id, to);
  }
  const elements: ElementDefinition[] = [];
  const boxes = new Set<string>();
  const familyBox = (role: LadderRole) => `box:${role.family?.id ?? 'none'}`;
  for (const role of roles.values()) {
    const fbox = familyBox(role);
    const external = !role.family || !shown.has(role.family.id);
    if (!boxes.has(fbox)) {
      boxes.add(fbox);
      elements.push({
        data: { id: fbox, label: role.family?.title ?? 'Roles not described' },
        classes: external ? 'family external' : 'family',
      });
    }
    const track = role.track ?? 'NONE';
    const tbox = `${fbox}|${track}`;
    if (!boxes.has(tbox)) {
      boxes.add(tbox);
      elements.push({
        data: { id: tbox, parent: fbox, label: TRACK_LABEL[track] },
        classes: `track track-${track}`,
      });
    }
    elements.push({
      data: {
        id: role.id,
        parent: tbox,
        label: `${role.title}\n${grade(role.grade)}`,
        grade: role.grade,
      },
      classes: external ? 'role external' : 'role',
    });
  }
  for (const [id, { from, to, track }] of edges) {
    const crossing = (from.family?.id ?? '') !== (to.family?.id ?? '');
    elements.push({
      data: {
        id,
        source: from.id,
        target: to.id,
        track,
        delta: Math.max(1, (to.grade ?? 0) - (from.grade ?? 0)),
      },
      classes: `${track === 'MANAGEMENT' ? 'mgmt' : 'ic'}${crossing ? ' crossing' : ''}`,
    });
  }
  return { elements, roles };
}

function ladderTable(families: Family[]): string {
  return families
    .map(
      (family) => `<h2>${esc(family.title)}</h2>
      <table><caption class="visually-hidden">${esc(family.title)}: roles by grade and their promotions</caption>
      <thead><tr><th scope="col">Role</th><th scope="col">Grade</th><th scope="col">Track</th><th scope="col">Promotes to</th></tr></thead><tbody>
      ${[...family.roles]
        .sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || a.title.localeCompare(b.title))
        .map(
          (
            role,
          ) => `<tr><td>${roleLink(role)}</td><td>${role.grade ?? '–'}</td><td>${esc(TRACK_LABEL[role.track ?? 'NONE'])}</td>
          <td>${[...new Map(role.promotesTo.map((p) => [p.to.id, p])).values()]
            .map(
              (p) =>
                `${roleLink(p.to)}${p.to.family && p.to.family.id !== family.id ? ` <span class="badge">${esc(p.to.family.title)}</span>` : ''}`,
            )
            .join('<br>')}</td></tr>`,
        )
        .join('')}
      </tbody></table>`,
    )
    .join('');
}

async function suggestLadders(text: string, signal: AbortSignal): Promise<ComboOption[]> {
  const data = await request<{ search: { kind: string; id: string; title: string }[] }>(
    FAMILY_SUGGESTIONS,
    { text },
    signal,
  );
  return data.search
    .filter((hit) => hit.kind === 'JOB_FAMILY' || hit.kind === 'DEPARTMENT')
    .map((hit) => ({
      id: hit.id,
      label: hit.title,
      detail: hit.kind === 'JOB_FAMILY' ? 'job family' : 'department: all its families',
    }));
}

export const view: ViewModule = {
  title: 'Career ladder',
  async render(root, params, context) {
    const { families, heading } = await loadFamilies(params);
    if (context.stale()) return;
    root.innerHTML = `
      <h1>Career ladder${heading ? `: ${esc(heading)}` : ''}</h1>
      <div class="toolbar">
        <div class="group" id="ladder-pick"></div>
        ${families.length ? '<div class="group"><button type="button" data-act="fit">Fit</button><button type="button" data-act="png">Export PNG</button></div>' : ''}
      </div>`;
    const pick = combobox({
      id: 'ladder-input',
      label: 'Job family or department',
      placeholder: 'e.g. Infrastructure Security',
      suggest: suggestLadders,
      onSelect: (option) =>
        context.navigate(
          option.id.startsWith('department:')
            ? href('ladder', { department: option.id })
            : href('ladder', { family: option.id }),
        ),
    });
    root.querySelector('#ladder-pick')!.append(pick.element);
    if (families.length === 0) {
      root.insertAdjacentHTML(
        'beforeend',
        `<p>Choose a job family to see its roles by grade, the individual-contributor and management tracks
        side by side, and the promotions into other families. For example:
        <a href="${href('ladder', { family: 'family:security/infrastructure-security' })}" data-route>Infrastructure Security</a>,
        or <a href="${href('ladder', { department: 'department:security' })}" data-route>every Security ladder</a>.</p>`,
      );
      markRendered('ladder');
      return;
    }
    root.insertAdjacentHTML(
      'beforeend',
      `<p class="legend" aria-hidden="true"><span class="ic">individual-contributor promotion</span>
        <span class="mgmt">management promotion</span><span class="external">other family</span>
        <span>grades rise upwards; click a role for its page</span></p>
       <div class="canvas" id="ladder-canvas" role="img" aria-label="Career ladder drawing; the same roles and promotions are listed in the tables below"></div>
       <div id="ladder-table">${ladderTable(families)}</div>`,
    );
    const canvas = root.querySelector<HTMLElement>('#ladder-canvas')!;
    const { elements, roles } = ladderElements(families);
    const cy = cytoscape({
      container: canvas,
      elements,
      style: [
        {
          selector: 'node.role',
          style: {
            shape: 'round-rectangle',
            'background-color': '#ffffff',
            'border-width': 1,
            'border-color': '#59636e',
            label: 'data(label)',
            'text-wrap': 'wrap',
            'text-max-width': '170px',
            'text-valign': 'center',
            'font-size': 12,
            width: 190,
            height: 48,
          },
        },
        { selector: 'node.role.external', style: { 'border-color': '#9a6700', 'border-style': 'dashed' } },
        {
          selector: ':parent',
          style: {
            'background-opacity': 0.06,
            'border-width': 1,
            'border-color': '#d1d9e0',
            label: 'data(label)',
            'text-valign': 'top',
            'text-halign': 'center',
            'font-size': 13,
            'font-weight': 'bold',
            padding: '14px',
          },
        },
        { selector: 'node.family.external', style: { 'border-style': 'dashed', 'border-color': '#9a6700' } },
        { selector: 'node.track', style: { 'font-size': 11, 'font-weight': 'normal', color: '#59636e' } },
        {
          selector: 'edge',
          style: {
            width: 2,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'line-color': '#1a7f37',
            'target-arrow-color': '#1a7f37',
          },
        },
        { selector: 'edge.mgmt', style: { 'line-color': '#8250df', 'target-arrow-color': '#8250df' } },
        {
          selector: 'edge.crossing',
          style: { 'line-style': 'dashed', 'line-color': '#9a6700', 'target-arrow-color': '#9a6700' },
        },
      ],
      layout: { name: 'preset' },
    });
    const layout = cy.layout({
      name: 'dagre',
      rankDir: 'BT',
      nodeSep: 30,
      rankSep: 50,
      // A promotion across several grades spans as many ranks, so roles line up by grade.
      minLen: (edge: cytoscape.EdgeSingular) => edge.data('delta') as number,
      fit: true,
      padding: 20,
    } as unknown as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      markRendered('ladder');
      announce(`Ladder drawn: ${roles.size} roles`);
    });
    layout.run();
    cy.on('tap', 'node.role', (event) => context.navigate(href('role', { id: event.target.id() })));
    root.querySelector('.toolbar')!.addEventListener('click', (event) => {
      const act = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]')?.dataset.act;
      if (act === 'fit') cy.fit(undefined, 20);
      if (act === 'png')
        download(cy.png({ full: true, output: 'blob', bg: '#ffffff', scale: 2 }), 'orgraph-ladder.png');
    });
    context.onLeave(() => cy.destroy());
  },
};
