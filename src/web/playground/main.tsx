// GraphiQL 5 edits with Monaco, whose language services run in web workers: this sets them up as Vite
// `?worker` imports, bundled as local files under /web/assets, so nothing comes from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';

import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { request } from '../shared/graphql.js';
import { EXAMPLE_ROLES_QUERY, examples, type ExampleRoles } from './examples.js';

/** Same-origin POST /graphql with the headers of the active tab. */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return response.json();
};

async function exampleRoles(): Promise<ExampleRoles> {
  try {
    const data = await request<{ from: { id: string } | null; to: { id: string } | null }>(
      EXAMPLE_ROLES_QUERY,
    );
    return { from: data.from?.id ?? '<role id>', to: data.to?.id ?? '<role id>' };
  } catch {
    // An empty database or reads behind auth: the examples still open, with ids to fill in.
    return { from: '<role id>', to: '<role id>' };
  }
}

const container = document.getElementById('playground');
if (!container) throw new Error('playground/index.html: missing #playground');

const tabs = examples(await exampleRoles()).map((example) => ({
  query: example.query,
  variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
  headers: example.headers ? JSON.stringify(example.headers, null, 2) : undefined,
}));

// GraphiQL 5 fills the variables editor of the first tab from `initialVariables`, not from `defaultTabs`;
// pass them on a first visit only (later visits restore the user's own tabs from localStorage).
const firstVisit = localStorage.getItem('graphiql:tabState') === null;

createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs}
    initialVariables={firstVisit ? tabs[0].variables : undefined}
    defaultEditorToolsVisibility="variables"
  />,
);
