import { spawnSync } from 'node:child_process';

/** The message a user sees when the embedded Neo4j cannot be started here, naming the two other ways. */
export const OTHER_WAYS =
  'Either install them, or run Neo4j another way:\n' +
  '  - with Docker: `docker compose up` (starts Neo4j 5.26 and orgraph together), or\n' +
  '  - with a Neo4j server you already run: set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE).';

export class PrerequisiteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrerequisiteError';
  }
}

/** Java 17+ and Maven are what the embedded Neo4j needs; returns what is missing, in words. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    missing.push('Java 17 or newer (`java` is not on PATH)');
  } else {
    const version = /version "(\d+)(?:\.(\d+))?/.exec(java.stderr + java.stdout);
    const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
    if (major < 17) missing.push(`Java 17 or newer (found Java ${major || 'of unknown version'})`);
  }
  const maven = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (maven.error || maven.status !== 0) missing.push('Apache Maven (`mvn` is not on PATH)');
  return missing;
}

export function assertPrerequisites(): void {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    throw new PrerequisiteError(
      `orgraph starts its own Neo4j 5.26 with Java and Maven, but this machine lacks ${missing.join(' and ')}.\n${OTHER_WAYS}`,
    );
  }
}
