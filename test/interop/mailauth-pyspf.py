"""pyspf (Debian python3-spf), the independent SPF implementation l7lab's is compared with.

  zone ZONE.json CASES.json   DNS answers come from the JSON zone (txt, addr, mx), the data our test uses too
  lab  PORT CASES.json        DNS questions go to the lab's resolver, 127.0.0.1:PORT, through dnspython

CASES is a list of [ip, mail_from, helo]; prints a JSON list of pyspf's results.
"""
import ipaddress
import json
import sys

import dns.resolver
import spf


def zone_lookup(zone):
    def lookup(name, qtype, strict=True, timeout=20):
        name = name.lower().rstrip(".")
        if qtype == "TXT":
            return [((name, "TXT"), [t.encode()]) for t in zone["txt"].get(name, [])]
        if qtype in ("A", "AAAA"):
            version = 4 if qtype == "A" else 6
            return [((name, qtype), a) for a in zone["addr"].get(name, []) if ipaddress.ip_address(a).version == version]
        if qtype == "MX":
            return [((name, "MX"), (10, host)) for host in zone["mx"].get(name, [])]
        return []
    return lookup


def main():
    mode = sys.argv[1]
    if mode == "zone":
        with open(sys.argv[2]) as f:
            spf.DNSLookup = zone_lookup(json.load(f))
    else:
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = int(sys.argv[2])
        dns.resolver.default_resolver = resolver
    with open(sys.argv[3]) as f:
        cases = json.load(f)
    print(json.dumps([spf.check2(i, s, h)[0] for i, s, h in cases]))


main()
