import './style.css';
import { storedToken, storeToken } from '../shared/graphql.js';
import { announce, esc } from './dom.js';

/** What every view module exports: draw into `root` from the URL's parameters; undo on leaving. */
export interface ViewModule {
  title: string;
  render(root: HTMLElement, params: URLSearchParams, context: ViewContext): Promise<void>;
}

export interface ViewContext {
  /** Changes the URL (and re-renders unless `quiet`): every state a view can be in has its own URL. */
  navigate(path: string, options?: { replace?: boolean; quiet?: boolean }): void;
  /** Set by a view that must release something (listeners, a chart) when the user leaves it. */
  onLeave(cleanup: () => void): void;
  /** True once the user has navigated away from the render this context belongs to. */
  stale(): boolean;
}

// Views load on demand, so the org chart does not wait for the ladder's graph library and vice versa.
const VIEWS: Record<string, () => Promise<ViewModule>> = {
  org: () => import('./views/org.js').then((m) => m.view),
  ladder: () => import('./views/ladder.js').then((m) => m.view),
  path: () => import('./views/path.js').then((m) => m.view),
  role: () => import('./views/role.js').then((m) => m.view),
  lint: () => import('./views/lint.js').then((m) => m.view),
};

const root = document.getElementById('view')!;
let generation = 0;
const cleanups: (() => void)[] = [];

function viewName(pathname: string): string {
  const name = pathname.replace(/^\/dashboard\/?/, '').split('/')[0] || 'org';
  return name;
}

async function render(): Promise<void> {
  const mine = ++generation;
  for (const cleanup of cleanups.splice(0)) cleanup();
  const name = viewName(location.pathname);
  document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]').forEach((a) => {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  delete document.body.dataset.rendered;
  const load = VIEWS[name];
  if (!load) {
    root.innerHTML = `<h1>Not found</h1><p>There is no view called <code>${esc(name)}</code>.
      <a href="/dashboard/" data-route>Back to the org chart</a>.</p>`;
    return;
  }
  root.innerHTML = '<p class="muted">Loading…</p>';
  const context: ViewContext = {
    navigate,
    onLeave: (cleanup) => cleanups.push(cleanup),
    stale: () => mine !== generation,
  };
  try {
    const view = await load();
    if (mine !== generation) return;
    document.title = `${view.title} · orgraph`;
    root.replaceChildren();
    await view.render(root, new URLSearchParams(location.search), context);
  } catch (error) {
    if (mine !== generation) return;
    const message = error instanceof Error ? error.message : String(error);
    root.innerHTML = `<h1>Something went wrong</h1><p class="error" role="alert">${esc(message)}</p>`;
    announce(`Error: ${message}`);
  }
}

function navigate(path: string, options: { replace?: boolean; quiet?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  if (!options.quiet) {
    void render();
    root.focus({ preventScroll: true });
  }
}

// Same-page navigation for links marked data-route (plain clicks only: new-tab clicks keep working).
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-route]') as HTMLAnchorElement | null;
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith('/dashboard')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void render());

const tokenForm = document.getElementById('token-form') as HTMLFormElement;
const tokenInput = document.getElementById('token') as HTMLInputElement;
tokenInput.value = storedToken();
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  storeToken(tokenInput.value.trim());
  announce('Token saved');
  void render();
});

void render();
