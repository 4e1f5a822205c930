import { OrgChart } from 'd3-org-chart';
import type { HierarchyNode } from 'd3-hierarchy';
import { request } from '../../shared/graphql.js';
import { combobox, type ComboOption } from '../combobox.js';
import { announce, download, esc, href, markRendered } from '../dom.js';
import type { ViewModule } from '../main.js';

export interface OrgNode {
  id: string;
  parentId: string | null;
  kind: 'ORG' | 'DEPARTMENT' | 'JOB_FAMILY' | 'TEAM' | 'ROLE';
  entityId: string;
  name: string;
  grade: number | null;
  roleCount: number;
  peopleCount: number;
  vacancies: number;
}

const TOP_DEPARTMENTS = `query TopDepartments { departments(topLevel: true, first: 100) { edges { node { id name } } } }`;
const NODE_FIELDS = 'id parentId kind entityId name grade roleCount peopleCount vacancies';
const ORG_CHART = `query OrgChart($department: String!, $depth: Int!) {
  orgChart(department: $department, depth: $depth) { nodes { ${NODE_FIELDS} } }
}`;
/** Departments charted per request (the API allows 15 aliases by default). */
const ALIAS_BATCH = 10;
/** The API's deepest org chart: departments → sub-departments → families and teams → roles. */
const MAX_DEPTH = 12;
const ORG_ROOT = 'org';

const KIND_LABEL: Record<OrgNode['kind'], string> = {
  ORG: 'organisation',
  DEPARTMENT: 'department',
  JOB_FAMILY: 'job family',
  TEAM: 'team',
  ROLE: 'role',
};
const KIND_COLOUR: Record<OrgNode['kind'], string> = {
  ORG: '#0b5cad',
  DEPARTMENT: '#0b5cad',
  JOB_FAMILY: '#1a7f37',
  TEAM: '#8250df',
  ROLE: '#59636e',
};

/**
 * The nodes of one department's chart, or of every top-level department under one "Organisation" root
 * (the API charts one department at a time, so the whole corpus is one request per top-level department).
 */
export async function loadOrgNodes(department: string | null): Promise<OrgNode[]> {
  if (department) {
    const data = await request<{ orgChart: { nodes: OrgNode[] } | null }>(ORG_CHART, {
      department,
      depth: MAX_DEPTH,
    });
    if (!data.orgChart) throw new Error(`there is no department "${department}"`);
    return data.orgChart.nodes;
  }
  const top = await request<{ departments: { edges: { node: { id: string } }[] } }>(TOP_DEPARTMENTS);
  const ids = top.departments.edges.map((edge) => edge.node.id);
  // One request per ALIAS_BATCH departments (aliases): fewer round trips than one request each, and within the
  // API's alias limit.
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += ALIAS_BATCH) batches.push(ids.slice(i, i + ALIAS_BATCH));
  const answers = await Promise.all(
    batches.map((batch) => {
      const variables: Record<string, unknown> = { depth: MAX_DEPTH };
      const fields = batch.map((id, i) => {
        variables[`d${i}`] = id;
        return `d${i}: orgChart(department: $d${i}, depth: $depth) { ...ChartNodes }`;
      });
      const query = `query WholeOrgChart(${batch.map((_, i) => `$d${i}: String!`).join(', ')}, $depth: Int!) {
        ${fields.join('\n')}
      }
      fragment ChartNodes on OrgChart { nodes { ${NODE_FIELDS} } }`;
      return request<Record<string, { nodes: OrgNode[] } | null>>(query, variables);
    }),
  );
  const charts = answers.flatMap((answer) => Object.values(answer).map((orgChart) => ({ orgChart })));
  const nodes: OrgNode[] = [];
  const seen = new Set<string>();
  const totals = { roleCount: 0, peopleCount: 0, vacancies: 0 };
  for (const chart of charts) {
    for (const node of chart.orgChart?.nodes ?? []) {
      if (seen.has(node.id)) continue; // a node shared by two charts is drawn once, under the first
      seen.add(node.id);
      if (node.parentId === null) {
        totals.roleCount += node.roleCount;
        totals.peopleCount += node.peopleCount;
        totals.vacancies += node.vacancies;
        nodes.push({ ...node, parentId: ORG_ROOT });
      } else nodes.push(node);
    }
  }
  nodes.unshift({
    id: ORG_ROOT,
    parentId: null,
    kind: 'ORG',
    entityId: '',
    name: 'Organisation',
    grade: null,
    ...totals,
  });
  return nodes;
}

function nodeLink(node: OrgNode): string {
  if (node.kind === 'ROLE') return href('role', { id: node.entityId });
  if (node.kind === 'JOB_FAMILY') return href('ladder', { family: node.entityId });
  if (node.kind === 'DEPARTMENT') return href('org', { department: node.entityId });
  return '';
}

function nodeHtml(node: OrgNode, showPeople: boolean, highlighted: boolean): string {
  const counts = [
    node.kind === 'ROLE'
      ? node.grade === null
        ? 'no grade'
        : `grade ${node.grade}`
      : `${node.roleCount} roles`,
  ];
  if (showPeople) counts.push(`${node.peopleCount} people`);
  const vacant =
    showPeople && node.vacancies > 0
      ? `<span class="vacant" style="color:#9a6700;font-weight:600">${node.kind === 'ROLE' ? 'vacant' : `${node.vacancies} vacant`}</span>`
      : '';
  const link = nodeLink(node);
  const linkText =
    node.kind === 'ROLE'
      ? 'role page'
      : node.kind === 'JOB_FAMILY'
        ? 'ladder'
        : node.kind === 'DEPARTMENT'
          ? 'only this'
          : '';
  // Inline styles as well as classes, so an exported SVG looks like the chart without the page's CSS.
  return `<div class="org-node kind-${node.kind}${highlighted ? ' highlighted' : ''}" data-node-id="${esc(node.id)}"
    style="height:100%;box-sizing:border-box;border:1px solid #d1d9e0;border-left:6px solid ${KIND_COLOUR[node.kind]};border-radius:8px;background:#fff;padding:6px 8px;font:13px system-ui,sans-serif;color:#1f2328;display:flex;flex-direction:column;gap:2px;overflow:hidden">
    <span class="kind" style="font-size:11px;text-transform:uppercase;color:#59636e">${KIND_LABEL[node.kind]}</span>
    <span class="name" style="font-weight:600;line-height:1.2">${esc(node.name)}</span>
    <span class="counts" style="font-size:12px;color:#59636e;margin-top:auto">${counts.join(' · ')} ${vacant}
      ${link ? `· <a href="${esc(link)}" data-route>${linkText}</a>` : ''}</span>
  </div>`;
}

/** Nested JSON of a node and everything under it, for the subtree export. */
export function subtree(nodes: OrgNode[], rootId: string): unknown {
  const children = new Map<string, OrgNode[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const build = (node: OrgNode): unknown => {
    const { parentId: _parentId, ...rest } = node;
    const kids = children.get(node.id) ?? [];
    return kids.length > 0 ? { ...rest, children: kids.map(build) } : rest;
  };
  const root = nodes.find((node) => node.id === rootId);
  return root ? build(root) : null;
}

function searchNodes(nodes: OrgNode[], text: string): ComboOption[] {
  const needle = text.toLowerCase();
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const rank = (node: OrgNode) => {
    const name = node.name.toLowerCase();
    const match = name === needle ? 0 : name.startsWith(needle) ? 1 : 2;
    return match * 10 + (node.kind === 'ROLE' ? 5 : node.kind === 'DEPARTMENT' ? 0 : 1);
  };
  return nodes
    .filter((node) => node.kind !== 'ORG' && node.name.toLowerCase().includes(needle))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .slice(0, 15)
    .map((node) => ({
      id: node.id,
      label: node.name,
      detail: `${KIND_LABEL[node.kind]}${node.parentId ? ` in ${byId.get(node.parentId)?.name ?? ''}` : ''}`,
    }));
}

export const view: ViewModule = {
  title: 'Org chart',
  async render(root, params, context) {
    const department = params.get('department');
    root.innerHTML = `
      <h1>Org chart${department ? '' : ': the whole organisation'}</h1>
      <div class="toolbar" role="toolbar" aria-label="Org chart tools">
        <div class="group" id="org-search"></div>
        <div class="group">
          <button type="button" data-act="expand">Expand all</button>
          <button type="button" data-act="collapse">Collapse all</button>
          <button type="button" data-act="fit">Fit</button>
          <button type="button" data-act="zoom-in" aria-label="Zoom in">+</button>
          <button type="button" data-act="zoom-out" aria-label="Zoom out">−</button>
        </div>
        <div class="group">
          <button type="button" data-act="svg">Export SVG</button>
          <button type="button" data-act="png">Export PNG</button>
          <button type="button" data-act="json">Export subtree JSON</button>
        </div>
      </div>
      <p class="muted" id="org-hint">Click a node to select it (subtree export) and its button to expand or collapse;
        Tab to a node and press Enter to expand it. Drag to pan, scroll to zoom.
        ${department ? `<a href="${href('org')}" data-route>Whole organisation</a>` : ''}</p>
      <div class="canvas" id="org-canvas" role="region" aria-label="Org chart drawing"></div>`;
    const canvas = root.querySelector<HTMLElement>('#org-canvas')!;
    const nodes = await loadOrgNodes(department);
    if (context.stale()) return;
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const rootNode = nodes.find((node) => node.parentId === null)!;
    const showPeople = rootNode.peopleCount > 0;
    let selected = params.get('focus') && byId.has(params.get('focus')!) ? params.get('focus')! : rootNode.id;
    let highlightedId: string | null = null;

    const chart = new OrgChart<OrgNode>();
    chart
      .container(canvas as unknown as string)
      .svgHeight(Math.max(canvas.clientHeight, 420))
      .data(nodes)
      .nodeId((d) => d.id)
      .parentNodeId((d) => (d as OrgNode).parentId ?? '')
      .nodeWidth(() => 240)
      .nodeHeight(() => 92)
      .childrenMargin(() => 50)
      .compactMarginBetween(() => 24)
      .compactMarginPair(() => 60)
      .initialExpandLevel(2)
      .duration(0)
      .imageName('orgraph-org-chart')
      .nodeContent((d) => nodeHtml(d.data, showPeople, d.data.id === highlightedId))
      .nodeUpdate(function (this: SVGGElement, d: HierarchyNode<OrgNode>) {
        const data = d.data;
        const expandable = Boolean(d.children || (d as unknown as { _children?: unknown })._children);
        this.setAttribute('tabindex', '0');
        this.setAttribute('role', expandable ? 'button' : 'group');
        if (expandable) this.setAttribute('aria-expanded', String(Boolean(d.children)));
        else this.removeAttribute('aria-expanded');
        this.setAttribute(
          'aria-label',
          `${data.name}, ${KIND_LABEL[data.kind]}, ${data.roleCount} roles${expandable ? (d.children ? ', expanded' : ', collapsed') : ''}`,
        );
        this.dataset.nodeId = data.id;
      } as never)
      .onNodeClick((d) => {
        selected = d.data.id;
        context.navigate(href('org', { department, focus: selected }), { replace: true, quiet: true });
        announce(`Selected ${d.data.name}`);
      });
    (chart as unknown as { render(): void }).render();
    chart.duration(350);
    requestAnimationFrame(() => markRendered('org-chart'));

    const focus = (id: string, push: boolean) => {
      const node = byId.get(id);
      if (!node) return;
      selected = id;
      highlightedId = id;
      chart.clearHighlighting();
      chart.setCentered(id).setHighlighted(id).render();
      context.navigate(href('org', { department, focus: id }), { replace: !push, quiet: true });
      announce(`Centred on ${node.name} (${KIND_LABEL[node.kind]})`);
      canvas.dataset.centred = id;
    };
    if (selected !== rootNode.id) focus(selected, false);

    const search = combobox({
      id: 'org-search-input',
      label: 'Find in the chart',
      placeholder: 'e.g. Infrastructure Security',
      suggest: (text) => searchNodes(nodes, text),
      onSelect: (option) => focus(option.id, true),
    });
    root.querySelector('#org-search')!.append(search.element);

    root.querySelector('.toolbar')!.addEventListener('click', (event) => {
      const act = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-act]')?.dataset.act;
      if (act === 'expand') chart.expandAll();
      else if (act === 'collapse') chart.collapseAll();
      else if (act === 'fit') chart.fit();
      else if (act === 'zoom-in') chart.zoomIn();
      else if (act === 'zoom-out') chart.zoomOut();
      else if (act === 'svg') chart.exportSvg();
      else if (act === 'png') chart.exportImg({ full: true });
      else if (act === 'json') {
        const node = byId.get(selected)!;
        const json = JSON.stringify(subtree(nodes, selected), null, 2);
        download(
          new Blob([json], { type: 'application/json' }),
          `orgraph-${node.name.replace(/\W+/g, '-')}.json`,
        );
      }
    });
    context.onLeave(() => chart.clear?.());
  },
};
