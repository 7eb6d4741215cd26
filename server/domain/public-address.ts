/**
 * Whether personal links built on this address can be opened only on the computer CoAssess runs
 * on (ADR 0097): its host is a loopback name or address (localhost and *.localhost,
 * 127.0.0.0/8, ::1 and IPv4-mapped 127.x) or the "any interface" address (0.0.0.0, ::), which
 * no other device can reach either. BASE_URL unset defaults to http://localhost:PORT, so unset
 * is one case of this. A private network address (192.168.x.x, 10.x.x.x) is not: such links
 * work for everyone on that network, which can be the intended audience. Names are not
 * resolved, so a name that only this machine maps to 127.0.0.1 is not caught.
 */
export function linksWorkOnlyOnThisComputer(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    // Not an address at all (configuration refuses these at start): no device could open it.
    return true;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return true;
  // URL writes IPv6 compressed and lower-case: ::1, ::, and ::ffff:7f00:1 for ::ffff:127.0.0.1.
  return host === '::1' || host === '::' || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}
