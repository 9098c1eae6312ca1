/**
 * Addresses a provider `base_url` may not point at unless the provider says so
 * (`allow_link_local: true`): link-local ranges and the cloud metadata services, where a request
 * from inside a VM returns the machine's credentials. Private networks (10/8, 192.168/16,
 * localhost) stay allowed: self-hosted models live there.
 */
const METADATA_HOSTNAMES = new Set([
  'metadata.google.internal', // GCP
  'metadata.goog',
  'metadata', // GCP short name inside a VM
  'instance-data', // AWS
  'instance-data.ec2.internal',
  'metadata.azure.com',
]);

/** Metadata services outside 169.254/16 (Alibaba Cloud, Oracle's IPv6, AWS's IPv6). */
const METADATA_IPS = new Set(['100.100.100.200', 'fd00:ec2::254', 'fd00:ec2:0:0:0:0:0:254']);

/**
 * Why `hostname` (as `new URL()` gives it: lower case, IPv4 in dotted form, IPv6 in brackets) is a
 * link-local or metadata address, or undefined when it is not one.
 */
export function linkLocalOrMetadata(hostname: string): string | undefined {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (METADATA_HOSTNAMES.has(host)) return 'a cloud metadata host';
  if (METADATA_IPS.has(host)) return 'a cloud metadata address';
  if (/^169\.254\.\d{1,3}\.\d{1,3}$/.test(host)) return 'a link-local address (169.254.0.0/16, where cloud metadata services live)';
  // IPv4-mapped IPv6, as the URL parser writes it (`::ffff:a9fe:a9fe`) or dotted.
  const mapped = host.match(/^::ffff:(?:169\.254\.\d{1,3}\.\d{1,3}|a9fe:[0-9a-f]{1,4})$/);
  if (mapped) return 'a link-local address (IPv4-mapped 169.254.0.0/16)';
  if (/^fe[89ab][0-9a-f]?:/.test(host)) return 'a link-local address (fe80::/10)';
  return undefined;
}
