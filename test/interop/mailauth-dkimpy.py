"""dkimpy (Debian python3-dkim), the independent DKIM implementation l7lab's is checked against.

  sign   MESSAGE KEY.pem SELECTOR DOMAIN HEADER-CANON BODY-CANON LENGTH(0|1)  -> prints the DKIM-Signature field
  verify MESSAGE KEY-RECORD-FILE                                             -> prints "pass" or "fail"

The key record is handed to dkimpy as its DNS answer (dnsfunc), so nothing is looked up.
"""
import sys

import dkim


def main():
    mode, message_file = sys.argv[1], sys.argv[2]
    with open(message_file, "rb") as f:
        message = f.read()
    if mode == "sign":
        key_file, selector, domain, hc, bc, length = sys.argv[3:9]
        with open(key_file, "rb") as f:
            key = f.read()
        field = dkim.sign(message, selector.encode(), domain.encode(), key,
                          canonicalize=(hc.encode(), bc.encode()), length=length == "1",
                          include_headers=[b"from", b"to", b"subject", b"date"])
        sys.stdout.write(field.decode("ascii"))
    else:
        with open(sys.argv[3], "rb") as f:
            record = f.read()
        ok = dkim.verify(message, dnsfunc=lambda name, timeout=5: record)
        print("pass" if ok else "fail")


main()
