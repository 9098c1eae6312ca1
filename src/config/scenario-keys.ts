import { isPlainObject, type Tree } from './merge.js';

/**
 * The scenarios' spellings (../shared/reference/seed-profiles) mapped onto the schema, and the keys
 * that belong to a deployment tool or to a later feature set aside with one notice each, so every
 * scenario snippet starts the gateway as written and says plainly what it does not do.
 */

export interface Normalized {
  tree: Tree;
  /** One line per key the gateway accepts but does not act on, naming it. */
  notices: string[];
  /** `schema path → path as written`, so an error names the option the way the user wrote it. */
  renamed: Map<string, string>;
}

type Path = readonly string[];

/** Scenario spelling → schema path (and a value mapping where the shapes differ). */
const MOVES: ReadonlyArray<{ from: Path; to: Path; map?: (v: unknown) => unknown }> = [
  { from: ['cache', 'host'], to: ['cache', 'redis', 'host'] },
  { from: ['cache', 'port'], to: ['cache', 'redis', 'port'] },
  { from: ['cache', 'password'], to: ['cache', 'redis', 'password'] },
  { from: ['cache', 'url'], to: ['cache', 'redis', 'url'] },
  { from: ['observability', 'metrics', 'enabled'], to: ['metrics', 'enabled'] },
  { from: ['observability', 'metrics', 'prometheus_port'], to: ['metrics', 'prometheus_port'] },
  { from: ['observability', 'logging', 'level'], to: ['gateway', 'log_level'] },
  { from: ['observability', 'logging', 'structured'], to: ['gateway', 'log_format'], map: (v) => (v === true ? 'json' : v === false ? 'pretty' : v) },
  { from: ['security', 'content_filter', 'pii_detection'], to: ['security', 'pii_detection'] },
  { from: ['audit', 'alerts', 'slack_webhook'], to: ['security', 'alerts', 'webhook_url'] },
  { from: ['audit', 'alerts', 'email'], to: ['security', 'alerts', 'email'], map: (v) => (typeof v === 'string' ? [v] : v) },
];

/** Keys accepted and set aside, with why; checked after the moves (what is left of a section). */
const DEFERRED: ReadonlyArray<{ path: Path; why: string }> = [
  { path: ['kubernetes'], why: 'belongs to the deployment tool (Helm chart / manifests), not to the gateway process' },
  {
    path: ['high_availability'],
    why: 'belongs to the deployment tool: run several instances behind a load balancer sharing PostgreSQL (database) and Redis (rate_limit.type: redis, cache.type: redis)',
  },
  { path: ['observability', 'logging', 'elk_endpoint'], why: 'logs are JSON lines on stderr: ship them with your log agent' },
  { path: ['metrics', 'track_agent_sessions'], why: 'per-session metrics are not in this release yet (usage per session: tokligence usage --session)' },
];

const dotted = (path: Path) => path.join('.');

function get(tree: Tree, path: Path): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Remove the value at `path`, then any parents it left empty. */
function remove(tree: Tree, path: Path): void {
  const parents: Tree[] = [tree];
  for (const key of path.slice(0, -1)) {
    const next = parents[parents.length - 1]?.[key];
    if (!isPlainObject(next)) return;
    parents.push(next);
  }
  delete parents[parents.length - 1]?.[path[path.length - 1] as string];
  for (let i = parents.length - 1; i > 0; i--) if (Object.keys(parents[i] as Tree).length === 0) delete parents[i - 1]?.[path[i - 1] as string];
}

function set(tree: Tree, path: Path, value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  const last = path[path.length - 1] as string;
  // Sections merge (the scenario's `content_filter.pii_detection` over `pii_detection`); values replace.
  node[last] = isPlainObject(value) && isPlainObject(node[last]) ? { ...(node[last] as Tree), ...value } : value;
}

/** `a.b, a.c` for the keys of a set-aside section, one level down (so the notice names each key written). */
function leaves(value: unknown, prefix: string): string[] {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return [prefix];
  return Object.keys(value).map((k) => `${prefix}.${k}`);
}

const looksLikeFile = (model: string) => model.includes('/') || model.includes('\\') || model.endsWith('.onnx');

/** Map the scenarios' keys onto the schema; returns a new tree (the input is not changed). */
export function normalizeScenarioKeys(input: Tree): Normalized {
  const tree = structuredClone(input);
  const notices: string[] = [];
  const renamed = new Map<string, string>();

  for (const move of MOVES) {
    const value = get(tree, move.from);
    if (value === undefined) continue;
    remove(tree, move.from);
    set(tree, move.to, move.map ? move.map(value) : value);
    renamed.set(dotted(move.to), dotted(move.from));
  }

  // Sections the scenarios switch with `enabled`, where the schema has the switch one level up or not at all.
  const toxicityOn = get(tree, ['security', 'content_filter', 'toxicity', 'enabled']);
  if (toxicityOn !== undefined) {
    remove(tree, ['security', 'content_filter', 'toxicity', 'enabled']);
    if (toxicityOn === false) set(tree, ['security', 'content_filter', 'enabled'], false);
  }
  const validation = get(tree, ['security', 'response_validation']);
  if (isPlainObject(validation)) {
    if (validation.enabled === false) set(tree, ['security', 'response_validation', 'block_unsafe_output'], false);
    if (validation.check_output_safety === true && validation.block_unsafe_output !== true)
      notices.push('security.response_validation.check_output_safety: answers are checked only together with block_unsafe_output: true');
    remove(tree, ['security', 'response_validation', 'enabled']);
    remove(tree, ['security', 'response_validation', 'check_output_safety']);
  }
  const ml = get(tree, ['security', 'prompt_firewall', 'ml_detection']);
  if (isPlainObject(ml) && ml.enabled === true && typeof ml.model === 'string' && !looksLikeFile(ml.model)) {
    notices.push(
      `security.prompt_firewall.ml_detection.model: "${ml.model}" names a model, not a local ONNX file; ML detection stays off until it is a path to model.onnx (with onnxruntime-node installed)`,
    );
    set(tree, ['security', 'prompt_firewall', 'ml_detection', 'enabled'], false);
  }
  if (get(tree, ['compliance', 'encryption_in_transit']) === true)
    notices.push('compliance.encryption_in_transit: TLS is terminated by the deployment (ingress or load balancer); the gateway calls providers at their https URLs');
  if (get(tree, ['audit', 'storage']) === 's3')
    notices.push('audit.storage: s3 writes the audit log to JSONL files under audit.path (rotated at audit.max_file_bytes); ship the closed files to S3 with your deployment (e.g. a sidecar): the gateway itself calls nothing but its upstreams');
  const pagerduty = get(tree, ['audit', 'alerts', 'pagerduty']);
  if (pagerduty !== undefined) {
    remove(tree, ['audit', 'alerts', 'pagerduty']);
    if (pagerduty !== false) notices.push('audit.alerts.pagerduty: PagerDuty alerts are not in this release yet; use security.alerts.webhook_url');
  }

  for (const { path, why } of DEFERRED) {
    const value = get(tree, path);
    if (value === undefined) continue;
    remove(tree, path);
    notices.push(`${leaves(value, dotted(path)).join(', ')}: accepted and ignored; ${why}`);
  }
  return { tree, notices, renamed };
}

/** `cache.redis.host: …` → `cache.host: …` when the user wrote `cache.host`. */
export function renameInMessage(line: string, renamed: ReadonlyMap<string, string>): string {
  for (const [to, from] of renamed) {
    if (line.startsWith(`${to}:`) || line.startsWith(`${to}.`)) return from + line.slice(to.length);
    if (line.includes(` in ${to}`)) return line.replace(` in ${to}`, ` in ${from}`);
  }
  return line;
}
