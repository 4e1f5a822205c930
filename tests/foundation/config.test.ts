import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { projectRoot } from '../../src/config/paths.js';

test('defaults are valid and typed', () => {
  const config = loadConfig({});
  assert.equal(config.PORT, 4000);
  assert.equal(config.NEO4J_URI, '');
  assert.equal(config.ORGRAPH_LOAD_SAMPLE, true);
});

test('values are converted to their types', () => {
  const config = loadConfig({
    PORT: '8080',
    ORGRAPH_LOAD_SAMPLE: 'false',
    NEO4J_URI: 'neo4j://db.example:7687',
  });
  assert.equal(config.PORT, 8080);
  assert.equal(config.ORGRAPH_LOAD_SAMPLE, false);
  assert.equal(config.NEO4J_URI, 'neo4j://db.example:7687');
});

test('a bad value names the variable and the rule', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://localhost:7474' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(new Set(error.problems.map((p) => p.split('=')[0])), new Set(['PORT', 'NEO4J_URI']));
      assert.match(error.message, /PORT="eighty": PORT must be an integer/);
      assert.match(error.message, /NEO4J_URI="http:\/\/localhost:7474": NEO4J_URI must be a bolt:\/\/.* URI/);
      return true;
    },
  );
});

test('the CLI exits non-zero with a message naming the variable', () => {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin', 'orgraph.js'), 'serve'], {
    env: { ...process.env, PORT: '70000' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /invalid configuration/);
  assert.match(result.stderr, /PORT="70000": PORT must not be greater than 65535/);
});
