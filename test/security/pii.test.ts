import { describe, expect, it } from 'vitest';
import { checksums, ContentFilter, detectPii, type PiiType, PiiVault, redactPii } from '../../src/security/index.js';

const one = (text: string, type: PiiType, threshold = 0.5) => detectPii(text, { types: [type], threshold }).map((e) => e.text);

describe('PII recognizers', () => {
  it('email: TLD checked, IDN accepted', () => {
    expect(one('mail me at jane.doe+news@example.co.uk today', 'email')).toEqual(['jane.doe+news@example.co.uk']);
    expect(one('user@xn--80ak6aa92e.com', 'email')).toEqual(['user@xn--80ak6aa92e.com']);
    expect(one('not an email: me@localhost or x@foo.notatld', 'email')).toEqual([]);
  });

  it('phone: libphonenumber validation, several regions', () => {
    expect(one('Call (415) 555-0132 or +44 20 7946 0958', 'phone')).toEqual(['(415) 555-0132', '+44 20 7946 0958']);
    expect(one('order 1234567 shipped', 'phone')).toEqual([]);
  });

  it('ssn: separators, invalid areas, groups, serials and known fakes', () => {
    expect(one('SSN 536-22-1234', 'ssn')).toEqual(['536-22-1234']);
    for (const bad of ['000-12-3456', '666-12-3456', '912-12-3456', '536-00-1234', '536-22-0000', '078-05-1120', '111-11-1111']) expect(one(bad, 'ssn'), bad).toEqual([]);
    // No separators: too weak alone, context words raise it.
    expect(one('536221234', 'ssn')).toEqual([]);
    expect(one('my ssn is 536221234', 'ssn')).toEqual(['536221234']);
  });

  it('credit card: Luhn', () => {
    expect(one('card 4111 1111 1111 1111 exp 12/29', 'credit_card')).toEqual(['4111 1111 1111 1111']);
    expect(one('card 4111 1111 1111 1112', 'credit_card')).toEqual([]);
  });

  it('iban: mod-97 and per-country length', () => {
    expect(one('IBAN DE89 3704 0044 0532 0130 00 please', 'iban')).toEqual(['DE89 3704 0044 0532 0130 00']);
    expect(one('GB82WEST12345698765432', 'iban')).toEqual(['GB82WEST12345698765432']);
    expect(one('DE89 3704 0044 0532 0130 01', 'iban')).toEqual([]);
    expect(one('DE89370400440532013', 'iban')).toEqual([]);
  });

  it('ip addresses: v4, v6, CIDR, not times or C++ scopes', () => {
    expect(one('from 10.0.0.1 and 2001:db8::1 and 192.168.1.0/24', 'ip_address')).toEqual(['10.0.0.1', '2001:db8::1', '192.168.1.0/24']);
    expect(one('at 12:34:56 call std::cout with 300.1.1.1', 'ip_address')).toEqual([]);
  });

  it('mac addresses, not broadcast or zero', () => {
    expect(one('nic 00:1A:2B:3C:4D:5E', 'mac_address')).toEqual(['00:1A:2B:3C:4D:5E']);
    expect(one('FF:FF:FF:FF:FF:FF 00:00:00:00:00:00', 'mac_address')).toEqual([]);
  });

  it('url: scheme or known TLD, not file names', () => {
    expect(one('see https://example.com/a?b=1, www.example.org and tokligence.ai.', 'url')).toEqual(['https://example.com/a?b=1', 'www.example.org']);
    expect(one('edit main.py and README.md', 'url')).toEqual([]);
  });

  it('crypto: base58check, bech32/bech32m, EIP-55', () => {
    expect(one('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'crypto')).toHaveLength(1);
    expect(one('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', 'crypto')).toHaveLength(0);
    expect(one('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'crypto')).toHaveLength(1);
    expect(one('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'crypto')).toHaveLength(0);
    expect(one('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'crypto')).toHaveLength(1);
    expect(one('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', 'crypto')).toHaveLength(0);
  });

  it('secrets: issuers recognised, placeholders ignored', () => {
    const keys = {
      openai: `sk-proj-${'Ab3dE5gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9wY1aC3eG5iK7mO9qS1uW3yA5'}`,
      anthropic: `sk-ant-api03-${'Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6Zx5Yw4Vu3Ts2Rq1Po0Nm9Lk8Jh7Gf6Ed5Cb4Aa3Zx2Yw1Vu0Ts9Rq8Po7Nm6'}-AbCdEfAA`,
      aws: 'AKIAZ7QW5RT3YU6IO2PL',
      github: 'ghp_R8aT3kLm9QzXw2VbN7cYp4Hd6Jf1Gs5Ue0Ko',
      slack: 'xoxb-2365478912-4817263950132-Zq8Wx7Ec6Rv5Tb4Yn3Um2Ik1',
      stripe: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc8Kx2',
      jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    };
    for (const [kind, key] of Object.entries(keys)) {
      const found = detectPii(`config: ${key}`, { types: ['api_key'] });
      expect(found.map((f) => f.kind), kind).toEqual([kind]);
      expect(found[0].text).toBe(key);
    }
    expect(detectPii('token ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and sk-your_api_key_here_your_api_key_here_123', { types: ['api_key'] })).toEqual([]);
    const pem = `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi+Zq4Bk8eFpB3pJ7xQqS\nw5V0Yd8nHk2Lw1gR6sT9uX4bC7eF0hJ3kM6nP9qS2tV5wY8zA1cD4fG7iK0\n-----END RSA PRIVATE KEY-----`;
    expect(detectPii(`key:\n${pem}\nthanks`, { types: ['private_key'] })[0]?.text).toBe(pem);
  });

  it('national ids with checksums', () => {
    expect(one('NHS 943 476 5919', 'uk_nhs')).toEqual(['943 476 5919']);
    expect(one('DNI 12345678Z', 'es_nif')).toEqual(['12345678Z']);
    expect(one('DNI 12345678A', 'es_nif')).toEqual([]);
    expect(one('PESEL 44051401458', 'pl_pesel')).toEqual(['44051401458']);
    expect(one('hetu 131052-308T', 'fi_personal_id')).toEqual(['131052-308T']);
    expect(one('aadhaar 3998 7654 3211', 'in_aadhaar')).toEqual(['3998 7654 3211']);
    expect(one('ABN 51 824 753 556', 'au_abn')).toEqual(['51 824 753 556']);
    expect(one('TFN 876 543 210', 'au_tfn')).toEqual(['876 543 210']);
    expect(one('routing 121000358', 'aba_routing')).toEqual(['121000358']);
  });

  it('context words raise scores; the threshold decides', () => {
    const bare = detectPii('ref 876 543 210', { types: ['au_tfn'], threshold: 0 })[0];
    const ctx = detectPii('my tax file number 876 543 210', { types: ['au_tfn'], threshold: 0 })[0];
    expect(ctx.score).toBeGreaterThan(bare.score);
    expect(detectPii('ref 876 543 210', { types: ['au_tfn'] })).toEqual([]);
  });

  it('overlaps keep the stronger entity', () => {
    const found = detectPii('write to john@example.com', { types: ['email', 'url'] });
    expect(found.map((f) => f.type)).toEqual(['email']);
  });
});

describe('checksums', () => {
  it('luhn, mod-97, verhoeff, pesel, za id, de tax id', () => {
    expect(checksums.luhn('79927398713')).toBe(true);
    expect(checksums.luhn('79927398710')).toBe(false);
    expect(checksums.ibanMod97('GB82WEST12345698765432')).toBe(true);
    expect(checksums.verhoeff('2363')).toBe(true);
    expect(checksums.verhoeff('2364')).toBe(false);
    expect(checksums.peselValid('02070803628')).toBe(true);
    expect(checksums.zaIdValid('8001015009087')).toBe(true);
    expect(checksums.zaIdValid('8001015009086')).toBe(false);
    expect(checksums.deTaxIdValid('11111111111')).toBe(false);
  });
  it('keccak-256 matches the known empty-input digest', () => {
    expect(checksums.keccak256(Buffer.alloc(0)).toString('hex')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  });
});

describe('ContentFilter redaction', () => {
  const f = new ContentFilter();
  it('replace mode is the default', () => {
    expect(f.redactPii('My email is john@example.com')).toBe('My email is [EMAIL_REDACTED]');
  });
  it('mask mode keeps separators and the last four', () => {
    expect(f.redactPii('card 4111-1111-1111-1111', 'mask')).toBe('card ****-****-****-1111');
  });
  it('hash mode is salted and stable', () => {
    const a = new ContentFilter({ mode: 'hash', salt: 's1' });
    const b = new ContentFilter({ mode: 'hash', salt: 's2' });
    const x = a.redactPii('john@example.com');
    expect(x).toMatch(/^\[EMAIL_[0-9a-f]{12}\]$/);
    expect(a.redactPii('john@example.com')).toBe(x);
    expect(b.redactPii('john@example.com')).not.toBe(x);
  });
  it('tokens mode is reversible with restore()', () => {
    const t = new ContentFilter({ mode: 'tokens' });
    const r = t.redact('Mail john@example.com and jane@example.com, again john@example.com');
    expect(r.text).toBe('Mail [EMAIL_1] and [EMAIL_2], again [EMAIL_1]');
    expect(t.restore('Replied to [EMAIL_2] and [EMAIL_1]; [EMAIL_9] stays', r.vault!)).toBe('Replied to jane@example.com and john@example.com; [EMAIL_9] stays');
  });
  it('redactPii standalone shares a vault across texts', () => {
    const vault = new PiiVault();
    redactPii('a john@example.com', { mode: 'tokens', vault });
    expect(redactPii('b john@example.com', { mode: 'tokens', vault }).text).toBe('b [EMAIL_1]');
  });
});
