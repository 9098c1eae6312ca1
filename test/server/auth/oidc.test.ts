import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokligenceError } from '../../../src/core/errors.js';
import { DEFAULT_ALGORITHMS, DEFAULT_MFA_METHODS, type OidcOptions, OidcVerifier } from '../../../src/server/auth/oidc.js';
import { type LocalIssuer, startIssuer } from '../../helpers/oidc-issuer.js';

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await startIssuer();
});
afterAll(() => issuer.close());

const ROLES = ['admin', 'tenant_admin', 'member', 'viewer'] as const;
function verifier(over: Partial<OidcOptions> = {}): OidcVerifier {
  return new OidcVerifier({
    issuer: issuer.url,
    audiences: ['tokligence-gateway'],
    multiFactor: false,
    mfaMethods: DEFAULT_MFA_METHODS,
    algorithms: DEFAULT_ALGORITHMS,
    clockToleranceSec: 60,
    roleClaim: 'roles',
    roleMap: {},
    knownRoles: ROLES,
    defaultRole: 'member',
    tenantClaim: 'tenant',
    jwksCacheSec: 600,
    timeoutSec: 1,
    ...over,
  });
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function refusal(p: Promise<unknown>): Promise<TokligenceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected a refusal').toBeInstanceOf(TokligenceError);
  return err as TokligenceError;
}

describe('OIDC bearer tokens against a local issuer', () => {
  it('accepts a token signed by the issuer and maps its claims', async () => {
    const v = verifier();
    const token = await issuer.token({ sub: 'u-42', email: 'ada@corp.example', roles: ['viewer', 'unknown'], tenant: 'engineering', amr: ['pwd', 'otp'] });
    const p = await v.verify(token);
    expect(p).toMatchObject({ subject: 'u-42', email: 'ada@corp.example', roles: ['viewer'], tenant: 'engineering', amr: ['pwd', 'otp'] });
    // ES256 keys from the same JWKS work too.
    expect((await v.verify(await issuer.token({}, { alg: 'ES256' }))).roles).toEqual(['member']);
  });

  it('maps a nested claim through role_map', async () => {
    const v = verifier({ roleClaim: 'realm_access.roles', roleMap: { 'gw-admins': 'admin' }, defaultRole: undefined });
    expect((await v.verify(await issuer.token({ realm_access: { roles: ['gw-admins'] } }))).roles).toEqual(['admin']);
    const none = await refusal(v.verify(await issuer.token({ realm_access: { roles: ['nobody'] } })));
    expect(none.status).toBe(403);
    expect(none.message).toContain('realm_access.roles');
  });

  it('refuses a forged signature (same kid, another key)', async () => {
    const e = await refusal(verifier().verify(await issuer.token({}, { key: 'foreign' })));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/signature is invalid/);
  });

  it('refuses alg none and HMAC tokens', async () => {
    const v = verifier();
    const payload = { iss: issuer.url, aud: 'tokligence-gateway', sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 };
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    expect((await refusal(v.verify(none))).status).toBe(401);
    const hs = `${b64({ alg: 'HS256', kid: 'k1', typ: 'JWT' })}.${b64(payload)}.${Buffer.from('sig').toString('base64url')}`;
    const e = await refusal(v.verify(hs));
    expect(e.status).toBe(401);
    expect(() => verifier({ algorithms: ['RS256', 'HS256'] })).toThrow(/HS256/);
    expect(() => verifier({ algorithms: ['none'] })).toThrow(/none/);
  });

  it('refuses a wrong audience, a wrong issuer, an expired token, a token not yet valid', async () => {
    const v = verifier();
    expect((await refusal(v.verify(await issuer.token({ aud: 'someone-else' })))).message).toMatch(/another audience/);
    expect((await refusal(v.verify(await issuer.token({ iss: 'https://other.example' })))).message).toMatch(/another issuer/);
    const now = Math.floor(Date.now() / 1000);
    expect((await refusal(v.verify(await issuer.token({ exp: now - 120 })))).message).toMatch(/expired/);
    expect((await refusal(v.verify(await issuer.token({ nbf: now + 600 })))).message).toMatch(/not valid yet/);
  });

  it('tolerates clock skew within clock_skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier({ clockToleranceSec: 60 }).verify(await issuer.token({ exp: now - 20 }))).resolves.toBeDefined();
    await expect(verifier({ clockToleranceSec: 5 }).verify(await issuer.token({ exp: now - 20 }))).rejects.toThrow(/expired/);
  });

  it('requires an MFA amr when multi_factor is on', async () => {
    const v = verifier({ multiFactor: true });
    const e = await refusal(v.verify(await issuer.token({ amr: ['pwd'] })));
    expect(e.status).toBe(403);
    expect(e.message).toMatch(/Multi-factor/);
    expect((await refusal(v.verify(await issuer.token({})))).status).toBe(403);
    await expect(v.verify(await issuer.token({ amr: ['pwd', 'mfa'] }))).resolves.toMatchObject({ amr: ['pwd', 'mfa'] });
    await expect(v.verify(await issuer.token({ amr: ['hwk'] }))).resolves.toBeDefined();
  });

  it('refuses an unknown kid, and picks up a rotated key', async () => {
    const v = verifier();
    await v.verify(await issuer.token());
    const e = await refusal(v.verify(await issuer.token({}, { kid: 'no-such-key' })));
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/unknown kid/);
    // Within the cooldown after a fetch, an unknown kid does not make it fetch again.
    const before = issuer.hits.jwks;
    await refusal(v.verify(await issuer.token({}, { kid: 'another-unknown' })));
    expect(issuer.hits.jwks).toBe(before);
    const fresh = verifier({ jwksCooldownSec: 0.2 });
    await fresh.verify(await issuer.token());
    await issuer.rotate();
    await new Promise((r) => setTimeout(r, 250));
    const hits = issuer.hits.jwks;
    await expect(fresh.verify(await issuer.token())).resolves.toBeDefined();
    expect(issuer.hits.jwks).toBe(hits + 1);
  });
});

describe('OIDC issuer failures: fail closed', () => {
  it('answers 503 when discovery is down, or names another issuer', async () => {
    issuer.controls.discovery = 'down';
    try {
      const e = await refusal(verifier().verify(await issuer.token()));
      expect(e.status).toBe(503);
      expect(e.message).toMatch(/discovery/);
      issuer.controls.discovery = 'wrong-issuer';
      expect((await refusal(verifier().verify(await issuer.token()))).message).toMatch(/names issuer/);
    } finally {
      issuer.controls.discovery = 'ok';
    }
  });

  it('answers 503 when the JWKS endpoint is down, resets, or is slower than the timeout', async () => {
    for (const mode of ['down', 'reset', 'slow'] as const) {
      issuer.controls.jwks = mode;
      try {
        const started = Date.now();
        const e = await refusal(verifier({ timeoutSec: 0.3 }).verify(await issuer.token()));
        expect(e.status, mode).toBe(503);
        expect(Date.now() - started).toBeLessThan(2500);
      } finally {
        issuer.controls.jwks = 'ok';
      }
    }
  });

  it('uses cached keys within their lifetime while the JWKS is down, then refuses with 503', async () => {
    const v = verifier({ jwksCacheSec: 1 });
    const token = await issuer.token();
    await v.verify(token);
    const hits = issuer.hits.jwks;
    issuer.controls.jwks = 'down';
    try {
      await expect(v.verify(token)).resolves.toBeDefined();
      expect(issuer.hits.jwks).toBe(hits);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await refusal(v.verify(token))).status).toBe(503);
    } finally {
      issuer.controls.jwks = 'ok';
    }
    await expect(v.verify(token)).resolves.toBeDefined();
  });
});

describe('malformed tokens (fuzzed)', () => {
  it('refuses non-JWTs, huge tokens and nested or huge claims with a 401/403, never a crash', async () => {
    const v = verifier();
    await v.verify(await issuer.token());
    const good = await issuer.token();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.stringMatching(/^eyJ[A-Za-z0-9_-]{0,80}\.[A-Za-z0-9_-]{0,80}\.[A-Za-z0-9_-]{0,80}$/),
          // A real token with one character changed somewhere.
          fc.nat({ max: good.length - 1 }).chain((i) => fc.constantFrom('A', 'b', '-', '_', '.', '=').map((c) => good.slice(0, i) + c + good.slice(i + 1))),
          fc.jsonValue({ maxDepth: 6 }).map((claims) => `${b64({ alg: 'RS256', kid: 'k1' })}.${b64(claims)}.${good.split('.')[2]}`),
        ),
        async (token) => {
          if (token === good) return;
          const e = await v.verify(token).then(
            () => undefined,
            (err: unknown) => err,
          );
          if (e === undefined) return; // a mutation that left the token intact (base64 padding bits)
          expect(e).toBeInstanceOf(TokligenceError);
          expect([401, 403]).toContain((e as TokligenceError).status);
        },
      ),
      { numRuns: 150 },
    );
    expect((await refusal(v.verify(`eyJ${'a'.repeat(20_000)}.b.c`))).message).toMatch(/at most/);
    let nested: unknown = ['admin'];
    for (let i = 0; i < 300; i++) nested = { r: nested };
    // Nested 300 deep: signed by the issuer itself, still only a role from the configured claim counts.
    const deep = await issuer.token({ roles: nested as never, blob: 'x'.repeat(6000) });
    await expect(v.verify(deep)).resolves.toMatchObject({ roles: ['member'] });
  });
});
