/**
 * `net.isIP` without `node:net`, so code that checks addresses (PII, config) runs on any runtime.
 * Same answers as Node's (test/core/ip.test.ts compares them): 4, 6, or 0 for neither.
 */
export function isIP(input: string): 0 | 4 | 6 {
  if (isIPv4(input)) return 4;
  if (isIPv6(input)) return 6;
  return 0;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function isIPv4(input: string): boolean {
  return IPV4.test(input);
}

export function isIPv6(input: string): boolean {
  // A zone index (`fe80::1%eth0`) is allowed, as Node allows it.
  const pct = input.indexOf('%');
  const addr = pct === -1 ? input : input.slice(0, pct);
  if (pct !== -1 && !/^[0-9a-zA-Z\-.:]+$/.test(input.slice(pct + 1))) return false;
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  // An embedded IPv4 address may only end the address (not precede a `::`), and counts as two groups.
  const last = halves.length === 2 ? (tail.length ? all.length - 1 : -1) : all.length - 1;
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === last && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (HEX_GROUP.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}
