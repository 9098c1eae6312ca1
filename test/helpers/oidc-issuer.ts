import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

/** One signing key of the issuer. */
interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export interface IssuerControls {
  /** `ok` (default), `down` (500 on the JWKS), `slow` (the JWKS waits `slowMs` first), `reset` (socket destroyed). */
  jwks: 'ok' | 'down' | 'slow' | 'reset';
  discovery: 'ok' | 'down' | 'wrong-issuer';
  slowMs: number;
}

/**
 * A local OIDC issuer on loopback for tests: its own discovery document and JWKS, RS256 and ES256
 * keys, key rotation, and switches that make the JWKS endpoint fail or stall. Tokens are signed
 * with jose, as a real identity provider would sign them.
 */
export interface LocalIssuer {
  url: string;
  controls: IssuerControls;
  /** How many times each endpoint was fetched. */
  hits: { discovery: number; jwks: number };
  /** A token signed with the current key (claims merged over iss, aud, sub, iat, exp in an hour). */
  token(claims?: JWTPayload & Record<string, unknown>, options?: { kid?: string; alg?: string; expiresIn?: string | number; key?: 'current' | 'foreign' }): Promise<string>;
  /** Add a new current key (the old one stays published unless `retire`). */
  rotate(options?: { retire?: boolean }): Promise<string>;
  close(): Promise<void>;
}

async function newKey(alg: string, kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, jwk };
}

export async function startIssuer(options: { audience?: string } = {}): Promise<LocalIssuer> {
  const audience = options.audience ?? 'tokligence-gateway';
  let keys: SigningKey[] = [await newKey('RS256', 'k1'), await newKey('ES256', 'k-ec')];
  let current = keys[0] as SigningKey;
  const foreign = await newKey('RS256', 'k1');
  const controls: IssuerControls = { jwks: 'ok', discovery: 'ok', slowMs: 3000 };
  const hits = { discovery: 0, jwks: 0 };
  let url = '';
  let n = 1;

  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      hits.discovery++;
      if (controls.discovery === 'down') return json(500, { error: 'down' });
      return json(200, {
        issuer: controls.discovery === 'wrong-issuer' ? 'https://evil.example' : url,
        jwks_uri: `${url}/jwks`,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        id_token_signing_alg_values_supported: ['RS256', 'ES256'],
      });
    }
    if (req.url === '/jwks') {
      hits.jwks++;
      if (controls.jwks === 'down') return json(503, { error: 'down' });
      if (controls.jwks === 'reset') return req.socket.destroy();
      const send = () => json(200, { keys: keys.map((k) => k.jwk) });
      if (controls.jwks === 'slow') setTimeout(send, controls.slowMs).unref();
      else send();
      return;
    }
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return url;
    },
    controls,
    hits,
    async token(claims = {}, opts = {}) {
      const key = opts.key === 'foreign' ? foreign : opts.alg ? (keys.find((k) => k.alg === opts.alg) ?? current) : current;
      const jwt = new SignJWT({ iss: url, aud: audience, sub: 'user-1', ...claims })
        .setProtectedHeader({ alg: key.alg, kid: opts.kid ?? key.kid, typ: 'JWT' })
        .setIssuedAt();
      if (!('exp' in claims)) jwt.setExpirationTime(opts.expiresIn ?? '1h');
      return jwt.sign(key.privateKey);
    },
    async rotate(opts = {}) {
      const kid = `k${++n}`;
      const key = await newKey('RS256', kid);
      keys = opts.retire ? [key] : [...keys, key];
      current = key;
      return kid;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
