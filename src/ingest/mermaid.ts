/**
 * A small parser for the subset of mermaid flowcharts the handbook uses for career ladders
 * (`graph LR` / `graph TD`, `id(Label)` / `id[Label]` nodes, `-->` edges, chains, `;`-separated statements,
 * `%%` comments, `click id "href"`). It is deliberately strict about what it does not understand: every
 * statement it cannot read is reported with its line instead of being guessed at.
 */

export interface MermaidNode {
  id: string;
  label: string | null;
  href: string | null;
  line: number;
}

export interface MermaidEdge {
  from: string;
  to: string;
  line: number;
}

export interface MermaidProblem {
  line: number;
  message: string;
}

export interface MermaidGraph {
  direction: string | null;
  nodes: Map<string, MermaidNode>;
  edges: MermaidEdge[];
  problems: MermaidProblem[];
}

// Arrows: -->, ==>, -.->, with an optional |label|, and "-- text -->". `---` (no arrow head) is not a promotion.
const ARROW = /\s*(?:--\s+[^-|>]+\s+-->|-->|==>|-\.->)(?:\|[^|]*\|)?\s*/;
const NODE_ID = /^([A-Za-z0-9_:.-]+)\s*(.*)$/s;
const SHAPES: Array<[string, string]> = [
  ['([', '])'],
  ['((', '))'],
  ['[[', ']]'],
  ['[(', ')]'],
  ['{{', '}}'],
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['>', ']'],
];
const IGNORED = /^(classDef|class|style|linkStyle|subgraph|end|direction)\b/;

function parseNodeRef(text: string): { id: string; label: string | null } | null {
  const m = NODE_ID.exec(text.trim());
  if (!m) return null;
  const id = m[1]!;
  const rest = m[2]!.trim();
  if (rest === '') return { id, label: null };
  for (const [open, close] of SHAPES) {
    if (rest.startsWith(open) && rest.endsWith(close) && rest.length >= open.length + close.length) {
      let label = rest.slice(open.length, rest.length - close.length).trim();
      if (/^".*"$/.test(label)) label = label.slice(1, -1);
      if (/[[\](){}]/.test(label.replace(/\([^()]*\)/g, ''))) return null;
      return { id, label: label.replace(/<br\s*\/?>/gi, ' ').trim() };
    }
  }
  return null;
}

/** `firstLine` is the line of the first line of `source` in its file, so reported lines are file lines. */
export function parseMermaid(source: string, firstLine: number): MermaidGraph {
  const graph: MermaidGraph = { direction: null, nodes: new Map(), edges: [], problems: [] };
  const note = (id: string, label: string | null, line: number): void => {
    const existing = graph.nodes.get(id);
    if (!existing) graph.nodes.set(id, { id, label, href: null, line });
    else if (existing.label === null && label !== null) existing.label = label;
  };
  const lines = source.split('\n');
  let sawHeader = false;
  lines.forEach((raw, index) => {
    const line = firstLine + index;
    const withoutComment = raw.replace(/%%.*$/, '');
    for (const piece of withoutComment.split(';')) {
      const statement = piece.trim();
      if (statement === '') continue;
      const header = /^(graph|flowchart)\s*(LR|RL|TD|TB|BT)?\s*$/i.exec(statement);
      if (header) {
        sawHeader = true;
        graph.direction = header[2]?.toUpperCase() ?? null;
        continue;
      }
      if (!sawHeader) {
        graph.problems.push({ line, message: `expected "graph LR" or "flowchart" before "${statement}"` });
        sawHeader = true; // report once, then keep reading so the edges still count
      }
      const click = /^click\s+(\S+)\s+(?:href\s+)?"([^"]*)"/.exec(statement);
      if (click) {
        note(click[1]!, null, line);
        graph.nodes.get(click[1]!)!.href = click[2]!;
        continue;
      }
      if (IGNORED.test(statement)) continue;
      const parts = statement.split(ARROW);
      const groups: string[][] = [];
      let ok = true;
      for (const part of parts) {
        const ids: string[] = [];
        for (const alternative of part.split(/\s+&\s+/)) {
          const ref = parseNodeRef(alternative);
          if (!ref) {
            ok = false;
            break;
          }
          note(ref.id, ref.label, line);
          ids.push(ref.id);
        }
        if (!ok) break;
        groups.push(ids);
      }
      if (!ok) {
        graph.problems.push({ line, message: `cannot read mermaid statement "${statement}"` });
        continue;
      }
      for (let i = 0; i + 1 < groups.length; i++) {
        for (const from of groups[i]!) for (const to of groups[i + 1]!) graph.edges.push({ from, to, line });
      }
    }
  });
  if (!sawHeader) graph.problems.push({ line: firstLine, message: 'empty mermaid block' });
  return graph;
}
