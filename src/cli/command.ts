import type { EnvironmentConfig } from '../config/config.js';
import type { GraphDatabase } from '../graph/database.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Validated configuration (throws ConfigError naming the variable). */
  config(): EnvironmentConfig;
  /**
   * Opens the configured Neo4j (starting the local one if needed and none is set), verifies it and
   * applies migrations. The returned close() also stops a local Neo4j this call started.
   */
  openDatabase(): Promise<{ db: GraphDatabase; close(): Promise<void> }>;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
