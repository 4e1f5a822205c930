import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where orgraph's package.json is), whether running from src/ or dist/. */
export const projectRoot: string = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'orgraph'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find orgraph's package.json above ${start}`);
    dir = parent;
  }
}

export const paths = {
  launcherProject: join(projectRoot, 'neo4j'),
  migrations: join(projectRoot, 'cypher', 'migrations'),
  sampleHandbook: join(projectRoot, 'data', 'gitlab-handbook'),
  schemaFile: join(projectRoot, 'schema', 'schema.graphql'),
  /** The Apollo Federation 2 subgraph SDL (what `_service { sdl }` answers). */
  subgraphFile: join(projectRoot, 'schema', 'subgraph.graphql'),
  /** SDL of example subgraphs that `npm run compose:check` composes with orgraph's. */
  federationExamples: join(projectRoot, 'federation'),
  /** The persistent store folder for a given ORGRAPH_HOME. */
  neo4jData: (home: string) => resolve(projectRoot, home, 'neo4j'),
};
