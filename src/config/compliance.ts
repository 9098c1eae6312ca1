import { isPlainObject, type Tree } from './merge.js';
import type { TokligenceConfig } from './schema.js';

/**
 * Compliance presets (`compliance.soc2`, `hipaa`, `gdpr`): each switches on the controls it needs
 * where the config leaves them unset, and `tokligence doctor --compliance` lists, per preset,
 * which controls are on and which are missing, so nobody believes a flag does more than it does.
 * A control set explicitly off stays off (the operator decided) and is reported missing.
 */

export type Preset = 'soc2' | 'hipaa' | 'gdpr';
export const PRESETS: readonly Preset[] = ['soc2', 'hipaa', 'gdpr'];

export interface Control {
  id: string;
  /** What it is, for the report. */
  title: string;
  /** The config key that turns it on (and the value), when a preset can set it. */
  set?: { path: readonly string[]; value: unknown };
  /** Whether the loaded config has it. */
  on(config: TokligenceConfig): boolean;
  /** What to do when it is missing. */
  fix: string;
}

const CONTROLS: Record<string, Control> = {
  auth: {
    id: 'auth',
    title: 'every caller authenticated (API key or OIDC)',
    set: { path: ['gateway', 'auth', 'enabled'], value: true },
    on: (c) => c.gateway.auth.enabled,
    fix: 'gateway.auth.enabled: true',
  },
  audit: {
    id: 'audit',
    title: 'audit log of every request and admin action',
    set: { path: ['audit', 'enabled'], value: true },
    on: (c) => c.audit.enabled && c.audit.log_all_requests,
    fix: 'audit.enabled: true (and audit.log_all_requests: true)',
  },
  immutable: {
    id: 'immutable',
    title: 'audit log tamper-evident (hash chain, signed checkpoints)',
    set: { path: ['audit', 'immutable'], value: true },
    on: (c) => c.audit.enabled && c.audit.immutable,
    fix: 'audit.immutable: true and TOKLIGENCE_AUDIT_KEY set',
  },
  security_events: {
    id: 'security_events',
    title: 'security events (firewall blocks, PII findings) in the audit log',
    set: { path: ['audit', 'log_security_events'], value: true },
    on: (c) => c.audit.enabled && c.audit.log_security_events,
    fix: 'audit.log_security_events: true',
  },
  encryption: {
    id: 'encryption',
    title: 'prompt/response text encrypted at rest (AES-256-GCM)',
    set: { path: ['compliance', 'encryption_at_rest'], value: true },
    on: (c) => c.compliance.encryption_at_rest,
    fix: 'compliance.encryption_at_rest: true and TOKLIGENCE_ENCRYPTION_KEY set',
  },
  pii: {
    id: 'pii',
    title: 'PII redacted before anything is sent upstream or stored (cache, sessions)',
    set: { path: ['security', 'pii_detection'], value: { enabled: true, auto_redact: true } },
    on: (c) => c.security.pii_detection.enabled && c.security.pii_detection.auto_redact,
    fix: 'security.pii_detection: { enabled: true, auto_redact: true }',
  },
  data_retention: {
    id: 'data_retention',
    title: 'usage, sessions and prompt text deleted after a retention period',
    on: (c) => c.compliance.data_retention_days !== undefined,
    fix: 'compliance.data_retention_days: <days> (your policy decides the number)',
  },
  audit_retention_1y: {
    id: 'audit_retention',
    title: 'audit rows kept at least 1 year, then deleted',
    set: { path: ['audit', 'retention_years'], value: 1 },
    on: (c) => (c.audit.retention_years ?? 0) >= 1,
    fix: 'audit.retention_years: 1 (or more)',
  },
  audit_retention_6y: {
    id: 'audit_retention',
    title: 'audit rows kept at least 6 years (HIPAA documentation), then deleted',
    set: { path: ['audit', 'retention_years'], value: 6 },
    on: (c) => (c.audit.retention_years ?? 0) >= 6,
    fix: 'audit.retention_years: 6 (or more)',
  },
};

/** The controls each preset needs. */
export const PRESET_CONTROLS: Record<Preset, readonly Control[]> = {
  soc2: [CONTROLS.auth, CONTROLS.audit, CONTROLS.immutable, CONTROLS.security_events, CONTROLS.audit_retention_1y] as Control[],
  hipaa: [CONTROLS.auth, CONTROLS.audit, CONTROLS.immutable, CONTROLS.security_events, CONTROLS.encryption, CONTROLS.pii, CONTROLS.audit_retention_6y] as Control[],
  gdpr: [CONTROLS.auth, CONTROLS.audit, CONTROLS.encryption, CONTROLS.pii, CONTROLS.data_retention] as Control[],
};

/** Controls that belong to the deployment, listed so the report is complete. */
export const DEPLOYMENT_CONTROLS = ['TLS in transit: terminate TLS at your ingress or load balancer (the gateway serves plain HTTP, on 127.0.0.1 by default)'];

function get(tree: Tree, path: readonly string[]): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

function set(tree: Tree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * Switch on, in the merged (unvalidated) config, what each enabled preset needs and the operator
 * left unset (`explicit`: the layers above the built-in profile, whose values are only defaults).
 * Returns a notice per control the operator turned off against its preset.
 */
export function applyCompliancePresets(tree: Tree, explicit: Tree = tree): string[] {
  const compliance = get(tree, ['compliance']);
  if (!isPlainObject(compliance)) return [];
  const notices: string[] = [];
  for (const preset of PRESETS) {
    if (compliance[preset] !== true) continue;
    for (const control of PRESET_CONTROLS[preset]) {
      if (!control.set) continue;
      const { path, value } = control.set;
      if (isPlainObject(value)) {
        for (const [k, v] of Object.entries(value)) {
          const current = get(explicit, [...path, k]);
          if (current === undefined) set(tree, [...path, k], v);
          else if (current !== v) notices.push(`compliance.${preset} needs ${path.join('.')}.${k}: ${String(v)}, but the config sets ${String(current)}`);
        }
        continue;
      }
      const current = get(explicit, path);
      if (current === undefined) set(tree, path, value);
      else if (typeof value === 'number' ? typeof current === 'number' && current < value : current !== value)
        notices.push(`compliance.${preset} needs ${path.join('.')}: ${String(value)}, but the config sets ${String(current)}`);
    }
  }
  return notices;
}

export interface ComplianceLine {
  preset: Preset;
  control: string;
  title: string;
  status: 'on' | 'missing';
  fix?: string;
}

/** Per enabled preset, each control on or missing (with what to do). */
export function complianceReport(config: TokligenceConfig, env: Record<string, string | undefined> = process.env): ComplianceLine[] {
  const lines: ComplianceLine[] = [];
  for (const preset of PRESETS) {
    if (!config.compliance[preset]) continue;
    for (const control of PRESET_CONTROLS[preset]) {
      let on = control.on(config);
      // A control whose key is missing from the environment is not on, whatever the config says.
      if (on && control.id === 'immutable' && !env.TOKLIGENCE_AUDIT_KEY) on = false;
      if (on && control.id === 'encryption' && !env.TOKLIGENCE_ENCRYPTION_KEY) on = false;
      lines.push({ preset, control: control.id, title: control.title, status: on ? 'on' : 'missing', ...(on ? {} : { fix: control.fix }) });
    }
  }
  return lines;
}
