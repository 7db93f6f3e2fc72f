#!/usr/bin/env python3
"""x509-limbo's path-validation cases through the `openssl verify` command, as tuanthu's limbo
tests read them: trusted certificates as -CAfile, untrusted intermediates as -untrusted, CRLs
with full CRL checking, max_chain_depth as -verify_depth, the case's validation time (or the
tests' fixed instant, 2026-12-01T00:00:00Z) as -attime. Host-name cases are left out.

Usage: limbo-openssl.py LIMBO_JSON [extra openssl verify flags, e.g. -x509_strict]
Prints one JSON object: case id -> true when openssl verify accepts the path.
The comparison tuanthu's `certs --strict` is held to (docs/conformance.md)."""
import calendar, json, os, subprocess, sys, tempfile, time

EXCLUDED = ("webpki::san", "webpki::cn", "online::")
DEFAULT_TIME = calendar.timegm(time.strptime("2026-12-01T00:00:00Z", "%Y-%m-%dT%H:%M:%SZ"))


def epoch(text):
    if not text:
        return DEFAULT_TIME
    text = text.replace("Z", "+00:00")
    from datetime import datetime
    return int(datetime.fromisoformat(text).timestamp())


def main():
    cases = json.load(open(sys.argv[1]))["testcases"]
    extra = sys.argv[2:]
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        def write(name, pems):
            path = os.path.join(folder, name)
            with open(path, "w") as out:
                out.write("\n".join(pems) + "\n")
            return path
        for case in cases:
            if case["id"].startswith(EXCLUDED):
                continue
            command = ["openssl", "verify", "-attime", str(epoch(case.get("validation_time")))] + extra
            command += ["-CAfile", write("trusted.pem", case.get("trusted_certs") or [])]
            if case.get("untrusted_intermediates"):
                command += ["-untrusted", write("untrusted.pem", case["untrusted_intermediates"])]
            if case.get("crls"):
                command += ["-crl_check_all", "-extended_crl", "-use_deltas", "-CRLfile", write("crls.pem", case["crls"])]
            if case.get("max_chain_depth") is not None:
                command += ["-verify_depth", str(case["max_chain_depth"])]
            command.append(write("peer.pem", [case["peer_certificate"]]))
            run = subprocess.run(command, capture_output=True, text=True)
            results[case["id"]] = run.returncode == 0
    json.dump(results, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
