/**
 * Command line of `npm run figures -- …`, parsed with node:util parseArgs.
 * COMMANDS and OPTIONS are the single source of both the parser and the
 * --help text, so a new option (e.g. a shard selector) cannot be added
 * without appearing in --help.
 */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseShard, type Shard } from './shard';

export type Command = 'generate' | 'list' | 'clean';

export const COMMANDS: Record<Command, { args: string; help: string }> = {
  generate: { args: '[ID…]', help: 'generate stale figures: all, or only these script ids (ntk/ellipses) or output ids (ellipses)' },
  list: { args: '', help: 'ids, titles, outputs, cached or stale' },
  clean: { args: '', help: 'remove the cache, the manifest and the published copies' },
};

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  value?: string;
  help: string;
  /** Commands the option applies to (all when absent). */
  only?: Command[];
}

export const OPTIONS: Record<string, OptionSpec> = {
  force: { type: 'boolean', help: 'regenerate even when the cache has the figure', only: ['generate'] },
  shard: { type: 'string', value: 'K/N', help: 'generate only shard K of N (one per CI machine; see README)', only: ['generate'] },
  root: { type: 'string', value: 'DIR', help: 'project directory (default: the current directory)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export type CliArgs =
  | { kind: 'help' }
  | { kind: 'usage-error'; message: string }
  | { kind: 'run'; command: Command; ids: string[]; force: boolean; root: string; shard?: Shard };

export function helpText(): string {
  const cmd = Object.entries(COMMANDS).map(([name, c]) => [`${name}${c.args ? ` ${c.args}` : ''}`, c.help]);
  const opt = Object.entries(OPTIONS).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? `=${o.value}` : ''}`,
    o.help + (o.only ? ` (${o.only.join(', ')} only)` : ''),
  ]);
  const width = Math.max(...[...cmd, ...opt].map(([l]) => l.length));
  const rows = (xs: string[][]): string => xs.map(([l, h]) => `  ${l.padEnd(width)}  ${h}`).join('\n');
  return `usage: npm run figures -- [COMMAND] [OPTION…]\n\ncommands (default: generate):\n${rows(cmd)}\n\noptions:\n${rows(opt)}\n`;
}

export function parseCli(argv: string[], cwd: string): CliArgs {
  const options = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  ) as NonNullable<ParseArgsConfig['options']>;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    return usageError(describeParseError(err as Error & { code?: string }));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help' };

  const positionals = [...parsed.positionals];
  const command: Command = positionals[0] && positionals[0] in COMMANDS ? (positionals.shift() as Command) : 'generate';
  if (command !== 'generate' && positionals.length) return usageError(`"${command}" takes no ids (got ${positionals.join(' ')})`);
  for (const [name, o] of Object.entries(OPTIONS)) {
    if (values[name] !== undefined && o.only && !o.only.includes(command)) return usageError(`--${name} applies only to ${o.only.join(', ')}`);
  }
  const root = typeof values.root === 'string' ? values.root : '.';
  let shard: Shard | undefined;
  try {
    shard = typeof values.shard === 'string' ? parseShard(values.shard) : undefined;
  } catch (err) {
    return usageError((err as Error).message);
  }
  return { kind: 'run', command, ids: positionals, force: values.force === true, root: path.resolve(cwd, root), ...(shard ? { shard } : {}) };
}

function usageError(message: string): CliArgs {
  return { kind: 'usage-error', message: `${message}\nrun \`npm run figures -- --help\` for the commands and options` };
}

/** parseArgs' own messages are long and suggest `--` tricks; ours name the option. */
function describeParseError(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '').split(/[ =,]/)[0];
    const spec = OPTIONS[name] ?? Object.entries(OPTIONS).find(([, o]) => o.short === name)?.[1];
    return spec?.type === 'boolean' ? `option --${name} takes no value` : `option --${name} needs a value`;
  }
  return err.message;
}
