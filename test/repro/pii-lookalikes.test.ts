/**
 * Repro (pii-lookalikes), issue 15: numbers that merely look like PII were redacted: SSNs with
 * impossible area/group/serial numbers (as phone numbers), order and reference ids, version strings
 * and dotted numbers that are not IP addresses, dates, ISBNs, IMEIs (as card numbers). Written for
 * this test; the evaluation's near-miss set is bench/sets/pii-near-miss.txt.
 */
import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../src/core/contracts/index.js';
import { Tokligence } from '../../src/index.js';
import { detectPii, type PiiType } from '../../src/security/index.js';

const TYPES: PiiType[] = ['email', 'phone', 'ssn', 'credit_card', 'ip_address', 'iban', 'api_key', 'private_key'];

const lookalikes = [
  'SSN 000-41-2290 is the placeholder in our form.',
  'The applicant typed 666-30-1842, which the SSA never issues.',
  'Numbers in the 900 range, like 912-71-3308, are ITINs.',
  'Group 00 is invalid: 412-00-7731.',
  'Serial 0000 is invalid: 418-22-0000.',
  'Order 114-2983301-5562018 was split into two parcels.',
  'Your booking reference is 2025-0917-4410.',
  'Invoice INV-7712-3098-1150 is due on Friday.',
  'We pinned the SDK to 6.2.10.4 after the crash.',
  'Firmware 3.1.4.15 adds Wi-Fi 6 support.',
  'See paragraph 2.4.10.1 of the agreement.',
  'Deadline: 2025-09-17 18:00 CET.',
  'Delivered on 17.09.2025 at 09:40.',
  'ISBN 978-0-262-03384-8 is the third edition.',
  'IMEI 490154203237518 is on the box.',
  'Tracking number 7812 3344 9010 on the FedEx label.',
];

describe('repro: pii-lookalikes', () => {
  for (const text of lookalikes)
    it(`not PII: ${text}`, () => {
      expect(detectPii(text, { types: TYPES }).map((e) => `${e.type}:${e.text}`)).toEqual([]);
    });

  it('real values next to look-alikes are still found', () => {
    const text = 'Order 114-2983301-5562018: call +1 415 555 0132 or mail ana@example.org; SSN 536-22-1234; server 203.0.113.45.';
    expect(detectPii(text, { types: TYPES }).map((e) => `${e.type}:${e.text}`)).toEqual([
      'phone:+1 415 555 0132',
      'email:ana@example.org',
      'ssn:536-22-1234',
      'ip_address:203.0.113.45',
    ]);
  });

  it('the gateway redacts nothing in a prompt that only holds look-alikes', async () => {
    const events: SecurityEvent[] = [];
    const tk = new Tokligence({
      env: {},
      configFile: false,
      security: { piiDetection: { enabled: true, autoRedact: true } },
      onSecurityEvent: (e: SecurityEvent) => events.push(e),
    } as never);
    await tk.chat.completions.create({ model: 'mock/mock-1', messages: [{ role: 'user', content: lookalikes.join(' ') }] });
    expect(events.filter((e) => e.type === 'pii_redacted')).toEqual([]);
  });
});
