import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { GraphDatabase } from '../../src/graph/database.js';
import { importDocuments } from '../../src/ingest/import.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, type GraphQLResponse } from '../support/server.js';
import { JOB_FAMILIES } from '../ingest/corpus.js';

interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean };
}

/**
 * The Security pages and Engineering's Development pages: enough to page through, and many pages naming the
 * same parent department (each adds its own PART_OF edge), imported in seconds.
 */
function samplePages() {
  const pages: { path: string; text: string }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(JOB_FAMILIES, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md'))
        pages.push({ path, text: readFileSync(join(JOB_FAMILIES, path), 'utf8') });
    }
  };
  walk('security');
  walk('engineering/development');
  return pages;
}

describe('connections (departments, roles) and search over HTTP', () => {
  let db: GraphDatabase;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  before(async () => {
    db = await openTestDatabase();
    await clearDatabase(db);
    const report = await importDocuments(db, samplePages());
    assert.equal(report.errors.length, 0);
    server = await startTestServer(db);
  });
  after(async () => {
    await server?.stop();
    server?.server.close();
    await db?.close();
  });

  it('departments(topLevel) separates top-level departments from sub-departments', async () => {
    const query = `query ($top: Boolean) { departments(topLevel: $top, first: 100) { totalCount edges { node { id } } } }`;
    const top = await graphql<{ departments: Connection }>(server.url, query, { top: true });
    assert.equal(top.errors, undefined, JSON.stringify(top.errors));
    const topIds = top.data!.departments.edges.map((e) => e.node.id);
    assert.ok(topIds.includes('department:security'), topIds.join(', '));
    assert.ok(!topIds.includes('department:security/product-security'));
    const sub = await graphql<{ departments: Connection }>(server.url, query, { top: false });
    const subIds = sub.data!.departments.edges.map((e) => e.node.id);
    assert.ok(subIds.includes('department:security/product-security'), subIds.join(', '));
    assert.ok(!subIds.includes('department:security'));
  });

  it('a filter that matches nothing gives an empty page, not an error', async () => {
    const response = await graphql<{ roles: Connection }>(
      server.url,
      `
        {
          roles(first: 5, filter: { family: "no-such-family" }) {
            totalCount
            edges {
              cursor
              node {
                id
              }
            }
            pageInfo {
              hasNextPage
            }
          }
        }
      `,
    );
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.deepEqual(response.data!.roles, { totalCount: 0, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('pages through a family with cursors, each role once, and ends with an empty page', async () => {
    const query = `query ($after: String) { roles(first: 2, after: $after, filter: { family: "family:security/infrastructure-security" }) {
      totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }`;
    const seen: string[] = [];
    let cursor: string | null = null;
    let more = true;
    for (let i = 0; more && i < 10; i++) {
      const response: GraphQLResponse<{ roles: Connection }> = await graphql(server.url, query, {
        after: cursor,
      });
      assert.equal(response.errors, undefined, JSON.stringify(response.errors));
      const page = response.data!.roles;
      assert.equal(page.totalCount, 5);
      seen.push(...page.edges.map((e) => e.node.id));
      cursor = page.edges.at(-1)!.cursor;
      more = page.pageInfo.hasNextPage;
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
    assert.ok(
      seen.includes('role:security/infrastructure-security#infrastructure-security-engineer-intermediate'),
    );
    const beyond = await graphql<{ roles: Connection }>(server.url, query, { after: cursor });
    assert.equal(beyond.errors, undefined, JSON.stringify(beyond.errors));
    assert.deepEqual(beyond.data!.roles, { totalCount: 5, edges: [], pageInfo: { hasNextPage: false } });
  });

  it('search honours first and ranks the family title hit first', async () => {
    const response = await graphql<{ search: { kind: string; id: string }[] }>(
      server.url,
      `
        {
          search(text: "Infrastructure Security", first: 3) {
            kind
            id
          }
        }
      `,
    );
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.equal(response.data!.search.length, 3);
    assert.deepEqual(response.data!.search[0], {
      kind: 'JOB_FAMILY',
      id: 'family:security/infrastructure-security',
    });
  });

  it('the org chart and the department lists name each node once, whatever the number of pages', async () => {
    const response = await graphql<{
      orgChart: { nodes: { id: string; parentId: string | null; roleCount: number }[] };
      roles: { totalCount: number };
      department: { subDepartments: { id: string }[]; families: { id: string }[] };
      jobFamily: { roles: { id: string }[] };
    }>(
      server.url,
      `
        {
          orgChart(department: "engineering", depth: 12) {
            nodes {
              id
              parentId
              roleCount
            }
          }
          roles(filter: { department: "engineering" }) {
            totalCount
          }
          department(id: "department:engineering/development") {
            subDepartments {
              id
            }
            families {
              id
            }
          }
          jobFamily(id: "family:engineering/development/frontend") {
            roles {
              id
            }
          }
        }
      `,
    );
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    const { orgChart, roles, department, jobFamily } = response.data!;
    const ids = orgChart.nodes.map((node) => node.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate org chart node ids');
    assert.ok(roles.totalCount > 10);
    assert.equal(orgChart.nodes[0].parentId, null);
    assert.equal(orgChart.nodes[0].roleCount, roles.totalCount);
    for (const list of [department.subDepartments, department.families, jobFamily.roles]) {
      const listIds = list.map((item) => item.id);
      assert.ok(listIds.length > 0);
      assert.equal(new Set(listIds).size, listIds.length, `duplicates in ${listIds.join(', ')}`);
    }
  });
});
