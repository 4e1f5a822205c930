/**
 * A cheap guard that runs before remark: remark's parsing time grows steeply with the nesting of lists and
 * blockquotes (a page with 500 nested list levels took 44 s), so one hostile page could stall an import or
 * the server. This scan is linear in the page size: it follows CommonMark's container rules line by line
 * (blockquote markers, list markers and the indentation that keeps a list item open, fenced code, front
 * matter) without building a tree, and stops at the first line that opens one level too many.
 */

/** Deepest list/blockquote nesting a page may have; real handbook pages stay far below it. */
export const MAX_NESTING_DEPTH = 32;

type Container = { quote: true } | { quote: false; contentIndent: number };

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^(`{3,}|~{3,})/;

/** Tabs to spaces (tab stops of 4), as CommonMark reads indentation. */
function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

function indentAt(line: string, pos: number): number {
  let i = pos;
  while (line[i] === ' ') i++;
  return i - pos;
}

/**
 * The first line at which lists and blockquotes nest deeper than `limit`, with the depth reached there,
 * or null when the page stays within it. Lines are numbered from 1, as in import issues.
 */
export function findExcessiveNesting(
  text: string,
  limit = MAX_NESTING_DEPTH,
): { line: number; depth: number } | null {
  const lines = text.split(/\r\n|\r|\n/);
  let stack: Container[] = [];
  let fence: string | null = null;
  let fenceDepth = 0;
  let previousBlank = true;
  let start = 0;
  if (/^---[ \t]*$/.test(lines[0] ?? '')) {
    const end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l));
    if (end > 0) start = end + 1;
  }
  for (let n = start; n < lines.length; n++) {
    const line = expandTabs(lines[n]!);
    const blank = line.trim() === '';
    // Which open containers does this line continue?
    let pos = 0;
    let matched = 0;
    for (; matched < stack.length; matched++) {
      const c = stack[matched]!;
      if (c.quote) {
        const indent = indentAt(line, pos);
        if (indent > 3 || line[pos + indent] !== '>') break;
        pos += indent + 1;
        if (line[pos] === ' ') pos++;
      } else if (blank) {
        continue;
      } else {
        if (indentAt(line, pos) < c.contentIndent) break;
        pos += c.contentIndent;
      }
    }
    if (fence !== null) {
      if (matched < fenceDepth) {
        fence = null; // the container holding the fence closed, and the fence with it
      } else {
        const rest = line.slice(pos + indentAt(line, pos));
        const closes = indentAt(line, pos) <= 3 && rest.startsWith(fence);
        if (closes && rest.slice(fence.length).trim().replace(/[`~]/g, '') === '') fence = null;
        previousBlank = blank;
        continue;
      }
    }
    // New containers this line opens.
    let depth = matched;
    const opened: Container[] = [];
    for (;;) {
      const indent = indentAt(line, pos);
      if (indent > 3) break;
      const rest = line.slice(pos + indent, pos + indent + 16);
      if (rest.startsWith('>')) {
        opened.push({ quote: true });
        pos += indent + 1;
        if (line[pos] === ' ') pos++;
      } else {
        const marker = LIST_MARKER.exec(rest);
        if (!marker || THEMATIC_BREAK.test(line.slice(pos + indent))) break;
        const after = pos + indent + marker[0].length;
        const spaces = indentAt(line, after);
        // Continuation lines must be indented past the marker, counted from where the item's parent starts.
        const gap = spaces === 0 || spaces > 4 || after + spaces >= line.length ? 1 : spaces;
        opened.push({ quote: false, contentIndent: indent + marker[0].length + gap });
        pos = after + Math.min(spaces, gap);
      }
      depth++;
      if (depth > limit) return { line: n + 1, depth };
    }
    // A line that opens nothing and continues a paragraph keeps unmatched containers open (laziness).
    const lazy = opened.length === 0 && !blank && !previousBlank;
    if (!lazy) stack = stack.slice(0, matched);
    stack.push(...opened);
    const indent = indentAt(line, pos);
    const rest = line.slice(pos + indent);
    const open = indent <= 3 ? FENCE.exec(rest) : null;
    if (open && !(open[1]![0] === '`' && rest.slice(open[1]!.length).includes('`'))) {
      fence = open[1]!;
      fenceDepth = stack.length;
    }
    previousBlank = blank;
  }
  return null;
}
