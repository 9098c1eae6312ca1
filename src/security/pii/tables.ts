/** IBAN length per country (SWIFT IBAN registry, plus the experimental ones in common use). */
export const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19,
  SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * Top-level domains accepted for e-mail and URL recognition: every two-letter country code, `xn--`
 * IDNs, and these generic ones (the common part of the IANA list; extend via `extraTlds`).
 */
export const GENERIC_TLDS = new Set(
  (
    'com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat post xxx arpa ' +
    'app dev io ai site online store tech shop blog cloud page xyz top club live news world today life space website ' +
    'email link click help digital network media agency company solutions services systems group global center ' +
    'academy art bank bar bet bid bike bio black blue build business buzz cafe camp capital care career cash ' +
    'casino chat cheap church city clinic clothing coach codes coffee college community computer consulting ' +
    'cool credit cricket cyou dance date deals degree delivery design diet direct directory discount dog domains ' +
    'earth eco education energy engineer engineering enterprises equipment estate events exchange expert exposed ' +
    'express fail faith family fan fans farm fashion film finance financial fish fit fitness flights florist ' +
    'football forsale foundation fun fund furniture futbol fyi gallery game games garden gay gift gifts gives ' +
    'glass gmbh gold golf graphics gratis green gripe guide guru health healthcare hockey holdings holiday home ' +
    'homes horse hospital host hosting house how icu immo inc industries institute insure international investments ' +
    'irish jetzt jewelry kim kitchen land lawyer lease legal lgbt life lighting limited limo live llc loan loans ' +
    'lol love ltd luxury management market marketing mba men menu moda moe money monster movie music navy ninja ' +
    'one ong onl ooo organic partners parts party photo photography photos pics pictures pink pizza place plumbing ' +
    'plus poker porn press productions promo properties property pub qpon quest racing radio realestate recipes red ' +
    'rehab reise reisen rent rentals repair report republican rest restaurant review reviews rich rip rocks rodeo ' +
    'run sale salon sarl school schule science security select services sex sexy shoes shopping show singles ski ' +
    'soccer social software solar solutions style sucks supplies supply support surf surgery swiss systems tax taxi ' +
    'team technology tennis theater tickets tienda tips tires tools tours town toys trade trading training tube ' +
    'university uno vacations vegas ventures vet viajes video villas vin vip vision vodka vote voting voto voyage ' +
    'wang watch webcam wedding wiki win wine work works wtf xin yoga zone berlin london paris nyc tokyo amsterdam ' +
    'vlaanderen brussels wien hamburg koeln bayern scot wales cymru quebec barcelona madrid miami boston'
  ).split(/\s+/),
);

export function isKnownTld(tld: string): boolean {
  const t = tld.toLowerCase();
  return (/^[a-z]{2}$/.test(t) && !NOT_CC.has(t)) || t.startsWith('xn--') || GENERIC_TLDS.has(t);
}

// Two-letter strings that are not assigned country codes.
const NOT_CC = new Set(['js', 'db', 'ts', 'cs', 'hs', 'oo', 'xx', 'hh', 'go', 'rb', 'kt', 'aa', 'zz']);

/** Country codes that are also common file extensions: a bare `main.py` is not a URL. */
export const FILE_LIKE_TLDS = new Set(['py', 'md', 'rs', 'sh', 'pl', 'cc', 'ml', 'so', 'ai', 'io', 'in', 'am', 'gz', 'tk', 'mk', 'ps', 'pm']);
