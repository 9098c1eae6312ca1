import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { nodeBuiltin } from '../core/node-builtins.js';
import { applyAliases } from './aliases.js';
import { normalizeScenarioKeys, renameInMessage } from './scenario-keys.js';
import { applyCompliancePresets } from './compliance.js';
import { envLayer, isSelfReference } from './env.js';
import { formatIssues, formatPath, spellerFrom } from './format-error.js';
import { type InterpolationProblem, interpolateTree } from './interpolate.js';
import { deepMerge, dropNulls, isPlainObject, snakeCaseKeys, spellingKey, type Tree } from './merge.js';
import { profileSource } from './profiles.js';
import { configSchema, type TokligenceConfig, type TokligenceConfigInput } from './schema.js';

export interface LoadConfigOptions {
  /** Built-in profile name; else `TOKLIGENCE_PROFILE`, else the config file's `profile:`, else `personal`. */
  profile?: string;
  /**
   * A YAML (or JSON) file, relative to `cwd`. Else `TOKLIGENCE_CONFIG`, else `./tokligence.yaml`
   * (or `.yml`) if it exists. `false`: read no file at all (an embedding app's cwd is its own).
   */
  configFile?: string | false;
  /** Overrides in camelCase, as `new Tokligence({ config })` takes them; they win over everything. */
  config?: TokligenceConfigInput;
  /** The environment to read (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Where relative paths and `./tokligence.yaml` are looked up (default `process.cwd()`). */
  cwd?: string;
}

const DEFAULT_FILES = ['tokligence.yaml', 'tokligence.yml'];

/** Read and parse a YAML/JSON file; syntax errors name the file and the line. */
function readYamlFile(file: string): Tree {
  const { fs } = fileSystem(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseYamlText(text, file);
}

/** Parse YAML/JSON text; syntax errors name where it came from and the line. */
function parseYamlText(text: string, file: string): Tree {
  let parsed: unknown;
  try {
    parsed = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      const line = pos ? ` (line ${pos.line})` : '';
      throw new ConfigError(`${where}: YAML syntax error${line}: ${err.message.split('\n')[0]}`, { cause: err });
    }
    throw err;
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) throw new ConfigError(`${file}: expected a mapping of settings at the top level, got ${typeof parsed}`);
  return dropNulls(parsed) as Tree;
}

/** Node's fs and path, for config files; a ConfigError naming the file on a runtime without them. */
function fileSystem(file: string) {
  const fs = nodeBuiltin('fs');
  const path = nodeBuiltin('path');
  if (!fs || !path) throw new ConfigError(`config file ${file}: this runtime has no file system; pass the settings as new Tokligence({ config }) instead`);
  return { fs, path };
}

/** Whether a file exists; false where the runtime has no file system or reading is not allowed. */
function fileExists(file: string): boolean {
  try {
    return nodeBuiltin('fs')?.existsSync(file) ?? false;
  } catch {
    return false;
  }
}

/** Expand `${VAR}`s in a YAML tree, or throw one ConfigError listing every unset variable. */
function interpolateFile(tree: Tree, file: string, env: Record<string, string | undefined>): Tree {
  const problems: InterpolationProblem[] = [];
  const out = interpolateTree(tree, env, configSchema, problems) as Tree;
  if (problems.length)
    throw new ConfigError(
      `${file}:\n${problems
        .map((p) => `  ${formatPath(p.path)}: environment variable ${p.variable} is not set (set it, or write \${${p.variable}:-default})`)
        .join('\n')}`,
    );
  return out;
}

function findConfigFile(options: LoadConfigOptions, env: Record<string, string | undefined>, cwd: string): string | undefined {
  if (options.configFile === false) return undefined;
  const explicit = options.configFile ?? (env.TOKLIGENCE_CONFIG?.trim() || undefined);
  if (explicit) {
    const { path } = fileSystem(explicit);
    const file = path.isAbsolute(explicit) ? explicit : path.resolve(cwd, explicit);
    if (!fileExists(file)) throw new ConfigError(`config file not found: ${file}`);
    return file;
  }
  // No file system (workerd, a browser): there is no ./tokligence.yaml to find.
  const path = nodeBuiltin('path');
  return path ? DEFAULT_FILES.map((name) => path.resolve(cwd, name)).find(fileExists) : undefined;
}

/** The config file `loadConfig` would read with these options (undefined when none). */
export function configFilePath(options: Pick<LoadConfigOptions, 'configFile' | 'env' | 'cwd'> = {}): string | undefined {
  return findConfigFile(options, options.env ?? process.env, options.cwd ?? process.cwd());
}

/**
 * Build the configuration: built-in profile < config file < environment < `options.config`, each
 * layer deep-merged over the one before (objects merge, lists replace), then validated.
 *
 * Throws a {@link ConfigError} whose message lists every problem as `path: expected …, got …`.
 */
export function loadConfig(options: LoadConfigOptions = {}): TokligenceConfig {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined>; cwd?: () => string } }).process;
  // Runtimes without `process` (workerd without nodejs_compat, browsers) have no environment or cwd.
  const env = options.env ?? proc?.env ?? {};
  const cwd = options.cwd ?? proc?.cwd?.() ?? '/';

  const file = findConfigFile(options, env, cwd);
  const fileLayer = file ? interpolateFile(readYamlFile(file), file, env) : undefined;
  // How the caller spelt each constructor option, so an error names it as written (camelCase).
  const spellings = new Map<string, string>();
  const converted = options.config === undefined ? undefined : snakeCaseKeys(options.config, [], spellings);
  if (converted !== undefined && !isPlainObject(converted)) throw new ConfigError('config: expected an object of settings');
  const overrides = converted as Tree | undefined;

  const profileName =
    options.profile ??
    (typeof overrides?.profile === 'string' ? overrides.profile : undefined) ??
    (env.TOKLIGENCE_PROFILE?.trim() || undefined) ??
    (typeof fileLayer?.profile === 'string' ? fileLayer.profile : undefined) ??
    'personal';
  const profile = profileSource(profileName);
  const profileLayer = interpolateFile(parseYamlText(profile.text, profile.origin), profile.origin, env);

  const { layer: environment, baseUrls } = envLayer(env, configSchema);
  // `*_BASE_URL` pointing back at this gateway is meant for the user's tools, not for us.
  const port = Number((deepMerge(profileLayer, fileLayer, environment, overrides).gateway as Tree | undefined)?.port ?? 8081);
  for (const { provider, url } of baseUrls) {
    if (isSelfReference(url, port)) continue;
    const providers = (environment.providers ??= {}) as Tree;
    providers[provider] = { ...((providers[provider] as Tree | undefined) ?? {}), base_url: url };
  }

  const merged = deepMerge(profileLayer, fileLayer, environment, overrides, { profile: profileName });
  // The scenarios' spellings moved to their schema home, deployment-tool and later-feature keys set aside.
  const scenario = normalizeScenarioKeys(merged);
  const presetNotices = applyCompliancePresets(scenario.tree, normalizeScenarioKeys(deepMerge(fileLayer, environment, overrides)).tree);
  const result = configSchema.safeParse(scenario.tree, { reportInput: true });
  if (!result.success) {
    const sources = [`profile "${profileName}"`, file ? `file ${file}` : undefined].filter(Boolean).join(', ');
    const lines = formatIssues(configSchema, result.error, spellerFrom(spellings, spellingKey)).map((line) => renameInMessage(line, scenario.renamed));
    throw new ConfigError(`Invalid Tokligence configuration (${sources}):\n${lines.map((l) => `  ${l}`).join('\n')}`, {
      cause: result.error,
    });
  }
  return { ...result.data, notices: [...scenario.notices, ...presetNotices, ...applyAliases(result.data)] };
}
