/** Escapes text for HTML templates (titles and handbook text come from the data, not from us). */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A dashboard URL: /dashboard/<view>?<params>. Every view state is a URL like this (deep links). */
export function href(view: string, params: Record<string, string | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return `/dashboard/${view}${query ? `?${query}` : ''}`;
}

export function roleLink(role: { id: string; title: string }): string {
  return `<a href="${esc(href('role', { id: role.id }))}" data-route>${esc(role.title)}</a>`;
}

export function grade(value: number | null | undefined): string {
  return value === null || value === undefined ? 'grade not stated' : `grade ${value}`;
}

/** Saves a Blob as a file through a temporary link (no server round trip). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Says something to screen readers (and to tests) through the page's polite status region. */
export function announce(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

/** A mark the benchmark and the tests read: the view has drawn its data. */
export function markRendered(name: string): void {
  performance.mark(`orgraph:${name}-rendered`);
  document.body.dataset.rendered = name;
}
