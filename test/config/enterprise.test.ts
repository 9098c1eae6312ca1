import { describe, expect, it } from 'vitest';
import { complianceReport } from '../../src/config/compliance.js';
import { loadConfig } from '../../src/config/index.js';

const load = (config: Record<string, unknown>, env: Record<string, string> = {}) => loadConfig({ configFile: false, env, config: config as never });
const thrown = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('enterprise config sections', () => {
  it('gateway.auth.type oidc needs the issuer and the client id, and takes asymmetric algorithms only', () => {
    const msg = thrown(() => load({ gateway: { auth: { enabled: true, type: 'oidc' } } }));
    expect(msg).toMatch(/gateway\.auth\.oidcProvider|gateway\.auth\.oidc_provider/);
    expect(msg).toMatch(/oidc_client_id|oidcClientId/);
    expect(thrown(() => load({ gateway: { auth: { type: 'oidc', oidcProvider: 'https://a.example', oidcClientId: 'gw', oidc: { algorithms: ['HS256'] } } } }))).toMatch(/none and HS\* are never accepted/);
    const ok = load({ gateway: { auth: { enabled: true, type: 'oidc', oidcProvider: 'https://auth.company.com', oidcClientId: 'gw', multiFactor: true } } });
    expect(ok.gateway.auth).toMatchObject({ type: 'oidc', multi_factor: true, allow_api_keys: true, oidc: { role_claim: 'roles', clock_skew: 60 } });
  });

  it('tenants: names are unique, their providers are checked like top-level ones', () => {
    expect(thrown(() => load({ multiTenancy: { enabled: true, tenants: [{ name: 'eng' }, { name: 'eng' }] } }))).toMatch(/tenant "eng" is listed twice/);
    expect(thrown(() => load({ multiTenancy: { tenants: [{ name: 'eng', providers: { own: { type: 'openai', baseUrl: 'not a url' } } }] } }))).toMatch(/multi_?[tT]enancy\.tenants\.0\.providers\.own\.base_?[uU]rl/);
    const ok = load({ multiTenancy: { enabled: true, tenants: [{ name: 'eng', quota: 100, providers: { own: { type: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k' } } }] } });
    expect(ok.multi_tenancy.tenants[0]?.providers?.own).toMatchObject({ type: 'openai', enabled: true });
  });

  it('compliance presets switch on what they need; a control set off stays off with a notice', () => {
    const soc2 = load({ compliance: { soc2: true } });
    expect(soc2.gateway.auth.enabled).toBe(true);
    expect(soc2.audit).toMatchObject({ enabled: true, immutable: true, log_security_events: true, retention_years: 1 });
    const hipaa = load({ compliance: { hipaa: true }, audit: { retentionYears: 2 } });
    expect(hipaa.compliance.encryption_at_rest).toBe(true);
    expect(hipaa.security.pii_detection).toMatchObject({ enabled: true, auto_redact: true });
    expect(hipaa.notices.join('\n')).toMatch(/compliance\.hipaa needs audit\.retention_years: 6, but the config sets 2/);
    const off = load({ compliance: { soc2: true }, audit: { immutable: false } });
    expect(off.audit.immutable).toBe(false);
    expect(off.notices.join('\n')).toMatch(/compliance\.soc2 needs audit\.immutable: true, but the config sets false/);
  });

  it('doctor --compliance: which controls are on and which are missing, keys from the environment counted', () => {
    const gdpr = load({ compliance: { gdpr: true } });
    const report = complianceReport(gdpr, {});
    const status = Object.fromEntries(report.map((l) => [l.control, l.status]));
    expect(status).toEqual({ auth: 'on', audit: 'on', encryption: 'missing', pii: 'on', data_retention: 'missing' });
    expect(report.find((l) => l.control === 'encryption')?.fix).toMatch(/TOKLIGENCE_ENCRYPTION_KEY/);
    const withKey = complianceReport(load({ compliance: { gdpr: true, dataRetentionDays: 30 } }), { TOKLIGENCE_ENCRYPTION_KEY: 'x' });
    expect(withKey.every((l) => l.status === 'on')).toBe(true);
    expect(complianceReport(load({}), {})).toEqual([]);
  });
});
