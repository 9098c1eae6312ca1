import { z } from 'zod';
import { isHttpUrl } from './http-url.js';

/**
 * The config sections of an enterprise deployment: OIDC sign-in (inside `gateway.auth`), the audit
 * log (`audit`), encryption at rest, retention and compliance presets (`compliance`), tenants
 * (`multi_tenancy`) and model approval (`team.model_approval`). Keys follow the scenarios'
 * spelling (../shared/reference/seed-profiles/enterprise.yaml).
 */

export const ROLES = ['admin', 'tenant_admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];


/** `gateway.auth.oidc`: what a token must be, and how its claims map. */
export const oidcSchema = z
  .object({
    /** Audiences accepted besides `oidc_client_id`. */
    audiences: z.array(z.string().min(1)).default([]),
    /** Signature algorithms accepted (asymmetric only: `none` and HS* are refused). */
    algorithms: z
      .array(z.string().regex(/^(RS|PS|ES)(256|384|512)$|^EdDSA$/, { message: 'expected an asymmetric algorithm (RS256, PS256, ES256, EdDSA, …); none and HS* are never accepted' }))
      .min(1)
      .default(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']),
    /** Seconds of clock difference tolerated on exp/nbf/iat. */
    clock_skew: z.number().min(0).max(600).default(60),
    /** Claim (dotted path) holding the caller's roles, e.g. `roles`, `groups`, `realm_access.roles`. */
    role_claim: z.string().min(1).default('roles'),
    /** Claim value → role (admin, tenant_admin, member, viewer), e.g. { "gw-admins": "admin" }. */
    role_map: z.record(z.string(), z.enum(ROLES)).default({}),
    /** Role of a signed-in user whose token names none (unset: such a token is refused). */
    default_role: z.enum(ROLES).optional().default('member'),
    /** Claim (dotted path) naming the caller's tenant (with multi_tenancy). */
    tenant_claim: z.string().min(1).default('tenant'),
    /** `amr` values that count as a second factor (RFC 8176). */
    mfa_methods: z.array(z.string().min(1)).default(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']),
    /** Seconds signing keys are used without asking the issuer again. */
    jwks_cache_ttl: z.number().positive().default(600),
    /** Seconds to wait for discovery or the JWKS; then sign-in fails closed (503). */
    timeout: z.number().positive().default(5),
  })
  .strict();

/** The OIDC keys of `gateway.auth`. */
export const oidcAuthFields = {
  /** The issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  oidc_provider: z.string().refine(isHttpUrl, { message: 'expected the issuer URL' }).optional(),
  /** The gateway's client id: tokens must carry it in `aud`. */
  oidc_client_id: z.string().min(1).optional(),
  /** Refuse tokens whose `amr` names no second factor. */
  multi_factor: z.boolean().default(false),
  oidc: oidcSchema.prefault({}),
  /** With `type: oidc`, still accept API keys (config keys, managed keys). */
  allow_api_keys: z.boolean().default(true),
};

export const auditSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** One row per call: who, tenant, route, model, decision, status. */
    log_all_requests: z.boolean().default(true),
    /** Prompt text in the row (after PII redaction; encrypted with compliance.encryption_at_rest). */
    log_all_prompts: z.boolean().default(false),
    log_all_responses: z.boolean().default(false),
    /** Firewall blocks, PII redactions, output blocks as rows of their own. */
    log_security_events: z.boolean().default(true),
    /** Chain rows by hash and sign checkpoints with TOKLIGENCE_AUDIT_KEY. */
    immutable: z.boolean().default(false),
    /** `database` (the store), `file` (JSONL, rotated) or `s3` (written to files for the deployment to ship, with a notice). */
    storage: z.enum(['database', 'file', 's3']).default('database'),
    /** Directory of `file` storage; `~` is the home directory. */
    path: z.string().min(1).default('~/.tokligence/audit'),
    /** A file is closed and a new one begun past this size (bytes). */
    max_file_bytes: z
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
    /** Sign a checkpoint after this many rows… */
    checkpoint_every: z.number().int().positive().default(1000),
    /** …or this many seconds after the first unsigned row. */
    checkpoint_interval: z.number().positive().default(60),
    /** Whole audit rows are deleted after this many years (unset: kept). */
    retention_years: z.number().positive().optional(),
    /** The scenarios' `audit.retention`: days as a number, or `90d` / `7y`. */
    retention: z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?\s*[dy]$/i, { message: 'expected days (90) or "90d" / "7y"' })]).optional(),
    /** Security events alert on blocks (the default of security.alerts.min_action); accepted for the scenarios. */
    alert_on_blocked: z.boolean().optional(),
  })
  .strict();

export const complianceSchema = z
  .object({
    /** Presets: each switches on the controls it needs (see `tokligence doctor --compliance`). */
    soc2: z.boolean().default(false),
    hipaa: z.boolean().default(false),
    gdpr: z.boolean().default(false),
    /** Usage rows, stored sessions and audit prompt/response text are deleted after this many days. */
    data_retention_days: z.number().int().positive().optional(),
    /** Encrypt prompt/response text in the audit log and stored sessions (AES-256-GCM, TOKLIGENCE_ENCRYPTION_KEY). */
    encryption_at_rest: z.boolean().default(false),
    /** TLS is the deployment's (ingress); upstream calls use the providers' https URLs. Accepted with a notice. */
    encryption_in_transit: z.boolean().optional(),
    /** Hours between retention runs. */
    retention_interval_hours: z.number().positive().default(24),
  })
  .strict();

const tenantNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/i, { message: 'expected a tenant name: letters, digits, - and _ (at most 63)' });

/**
 * `multi_tenancy`, built over the provider and model schemas (a tenant may bring its own): made
 * by a function so this file does not import the main schema.
 */
export function makeMultiTenancySchema<P extends z.ZodType, M extends z.ZodType>(providers: P, models: M) {
  const tenant = z
    .object({
      name: tenantNameSchema,
      /** USD the tenant may spend per calendar month (all its users together). */
      quota: z.number().min(0).optional(),
      /** Models (exact names or `*` globs) this tenant may use; unset: any. */
      allowed_models: z.array(z.string().min(1)).optional(),
      /** This tenant's own model aliases (same form as top-level `models`), winning over the global ones. */
      models: models.optional(),
      /** Providers only this tenant's calls use (its own keys, its own base URLs). */
      providers: providers.optional(),
    })
    .strict();
  return z
    .object({
      enabled: z.boolean().default(false),
      /** `strict`: every read is scoped to the caller's tenant; nothing (usage, cache, sessions, audit) crosses. */
      isolation_level: z.enum(['strict']).default('strict'),
      tenants: z.array(tenant).default([]),
    })
    .strict()
    .superRefine((mt, ctx) => {
      const seen = new Set<string>();
      mt.tenants.forEach((t, i) => {
        if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: ['tenants', i, 'name'], message: `tenant "${t.name}" is listed twice` });
        seen.add(t.name);
      });
    });
}

export const modelApprovalSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Models (exact names or `*` globs) a user needs an approval for. */
    requires_approval: z.array(z.string().min(1)).default([]),
    /** Users (email, name or id) who may approve or deny requests, besides admins. */
    admin_users: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type AuditConfig = z.output<typeof auditSchema>;
export type ComplianceConfig = z.output<typeof complianceSchema>;
export type ModelApprovalConfig = z.output<typeof modelApprovalSchema>;

/** `audit.retention_years`, or the scenarios' `audit.retention`, in days. */
export function auditRetentionDays(audit: AuditConfig): number | undefined {
  if (audit.retention_years !== undefined) return audit.retention_years * 365;
  const r = audit.retention;
  if (r === undefined) return undefined;
  if (typeof r === 'number') return r;
  const n = Number.parseFloat(r);
  return /y\s*$/i.test(r) ? n * 365 : n;
}
