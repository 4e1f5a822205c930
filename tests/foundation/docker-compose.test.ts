import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { EnvironmentConfig, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/config/paths.js';

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

test('Neo4j service: 5.26 community, Bolt published on loopback, health check, persistent volume', () => {
  const neo4j = compose.services.neo4j;
  assert.equal(neo4j.image, 'neo4j:5.26-community');
  assert.ok(neo4j.ports?.includes('127.0.0.1:7687:7687'));
  assert.ok(neo4j.healthcheck?.test.join(' ').includes('RETURN 1'));
  const volume = neo4j.volumes?.[0].split(':')[0];
  assert.ok(volume && volume in compose.volumes);
});

test('orgraph service: built from the Dockerfile, waits for a healthy Neo4j, configured by our variables', () => {
  const api = compose.services.orgraph;
  assert.equal(api.build, '.');
  assert.equal(api.depends_on?.neo4j.condition, 'service_healthy');
  const environment = api.environment ?? {};
  const known = new Set(Object.keys(new EnvironmentConfig()));
  for (const name of Object.keys(environment))
    assert.ok(known.has(name), `${name} is a variable orgraph reads`);
  // The values must pass the same validation as at start-up.
  const config = loadConfig(environment);
  assert.equal(config.NEO4J_URI, 'bolt://neo4j:7687');
  assert.equal(api.ports?.[0], `127.0.0.1:${config.PORT}:${config.PORT}`);
  const password = compose.services.neo4j.environment?.NEO4J_AUTH.split('/')[1];
  assert.equal(config.NEO4J_PASSWORD, password, 'orgraph uses the password Neo4j is started with');
  assert.ok(api.healthcheck?.test.join(' ').includes('/ready'));
});
