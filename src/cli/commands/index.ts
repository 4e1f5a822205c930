import type { CliCommand } from '../command.js';
import { command as exportCommand } from './export.js';
import { command as generate } from './generate.js';
import { command as importCommand } from './import.js';
import { command as lint } from './lint.js';
import { command as migrate } from './migrate.js';
import { command as neo4j } from './neo4j.js';
import { command as restore } from './restore.js';
import { command as serve } from './serve.js';

/** Every `orgraph <name>` command, in the order `orgraph help` lists them. */
export const commands: CliCommand[] = [
  serve,
  neo4j,
  migrate,
  importCommand,
  lint,
  generate,
  exportCommand,
  restore,
];
