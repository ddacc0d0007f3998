// Command-line flags: `--name value` or `--name=value`, nothing positional. A flag given twice
// gives a multi-line value (as `connect-to` and `merge-reports` take one per line). Every
// mistake is one line that names the flag.
import { suggestKey } from '../manifest/suggest.ts';

export interface FlagSpec {
  /** flags that take a value, without `--` */
  names: readonly string[];
  /** flags that are refused, with the reason (and what to use instead) */
  refused?: Readonly<Record<string, string>>;
}

export type Parsed = { flags: Record<string, string>; error?: undefined } | { flags?: undefined; error: string };

export function parseFlags(argv: readonly string[], spec: FlagSpec): Parsed {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const m = /^--([a-z0-9][a-z0-9-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m)
      return {
        error: arg.startsWith('-') ? `unknown option ${quote(arg)}` : `unexpected argument ${quote(arg)}: every value follows its --option`,
      };
    const [, name = '', inline] = m;
    const refusal = spec.refused?.[name];
    if (refusal !== undefined) return { error: `--${name} is not accepted: ${refusal}` };
    if (!spec.names.includes(name)) {
      const suggestion = suggestKey(name, spec.names);
      return { error: `unknown option --${name}${suggestion ? ` — did you mean --${suggestion}?` : ''}` };
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || /^--[a-z]/.test(next)) return { error: `--${name} needs a value` };
      value = next;
      i++;
    }
    flags[name] = name in flags ? `${flags[name]}\n${value}` : value;
  }
  return { flags };
}

/** An argument as the user typed it, cut short: it may be long, but is never a secret (those are refused by name). */
function quote(arg: string): string {
  const shown = arg.length > 60 ? `${arg.slice(0, 57)}…` : arg;
  return JSON.stringify(shown);
}
