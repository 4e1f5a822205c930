import 'reflect-metadata';
import { ConfigError, loadConfig, type EnvironmentConfig } from '../config/config.js';
import { PrerequisiteError } from '../embedded/prerequisites.js';
import { DatabaseUnavailableError } from '../graph/database.js';
import { UsageError, type CliIO } from './command.js';
import { commands } from './commands/index.js';
import { openDatabase, UNREACHABLE_HINT } from './open-database.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: orgraph <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from environment variables (see README). `orgraph <command> --help` for a command.',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const stdout = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const stderr = (text: string) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  let config: EnvironmentConfig | undefined;
  const io: CliIO = {
    stdout,
    stderr,
    env,
    config: () => (config ??= loadConfig(env)),
    openDatabase: () => openDatabase(io.config(), stderr),
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    stdout(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    stderr(`orgraph: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    stdout(`usage:\n${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`orgraph ${name}: ${error.message}\nusage:\n${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      stderr(`orgraph: ${error.message}`);
      return 2;
    }
    if (error instanceof PrerequisiteError) {
      stderr(`orgraph: ${error.message}`);
      return 1;
    }
    if (error instanceof DatabaseUnavailableError) {
      stderr(`orgraph: ${error.message}\n${UNREACHABLE_HINT}`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      stderr(`orgraph ${name}: ${error.message}\nusage:\n${command.usage}`);
      return 2;
    }
    stderr(`orgraph ${name}: ${error instanceof Error ? error.message : String(error)}`);
    if (env.ORGRAPH_DEBUG) stderr(error instanceof Error ? (error.stack ?? '') : '');
    return 1;
  }
}
