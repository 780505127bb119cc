import { z } from 'zod';
import { CasechatError } from './errors.js';

/**
 * Parses `--flag` and `--key=value` / `--key value` arguments against a zod schema of their values.
 * Unknown flags and bad values are errors that name the flag.
 */
export function parseArgs<T extends z.ZodRawShape>(argv: string[], shape: T, command: string): z.infer<z.ZodObject<T>> {
  const raw: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [key, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (!(key in shape))
      throw new CasechatError(
        'INVALID_ARGUMENT',
        command,
        `unknown option --${key}; options: ${Object.keys(shape)
          .filter((k) => k !== '_')
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    const isBool =
      shape[key] instanceof z.ZodDefault
        ? (shape[key] as z.ZodDefault<z.ZodTypeAny>).def.innerType instanceof z.ZodBoolean
        : shape[key] instanceof z.ZodBoolean;
    if (inline !== undefined) raw[key] = isBool ? inline === 'true' : inline;
    else if (isBool) raw[key] = true;
    else raw[key] = argv[++i] ?? '';
  }
  if ('_' in shape) (raw as Record<string, unknown>)._ = positional;
  else if (positional.length) throw new CasechatError('INVALID_ARGUMENT', command, `unexpected argument ${positional[0]}`);
  const parsed = z.object(shape).strict().safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => (i.path[0] === '_' ? i.message : `--${i.path.join('.')}: ${i.message}`)).join('; ');
    throw new CasechatError('INVALID_ARGUMENT', command, msg);
  }
  return parsed.data;
}

/**
 * Runs a command's main function and exits with its code; a CasechatError is printed with its
 * code (and the usage for a bad argument), anything else as it is.
 */
export function runCli(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof CasechatError ? `error ${e.code}: ${e.message}` : e);
      if (e instanceof CasechatError && e.code === 'INVALID_ARGUMENT') console.error(usage);
      process.exit(1);
    },
  );
}
