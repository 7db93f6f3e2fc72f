#!/usr/bin/env python3
"""Writes COUNT leaf certificates (and their root and intermediate) into OUTDIR for `tuanthu-bench certs`.

Leaves share one EC P-256 key (generation stays fast); each has its own subject, serial and an RSA-2048
signature by the intermediate, so verifying them costs what real certificates cost.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "pki"))
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID  # noqa: E402
from pkilib import certificate, name, pem, rsa_key  # noqa: E402

count, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
root_key = rsa_key(3072)
root = certificate(name("Bench Root CA"), root_key, name("Bench Root CA"), root_key, "2020-01-01", "2045-01-01", ca=True)
inter_key = rsa_key()
inter = certificate(name("Bench Issuing CA"), inter_key, root.subject, root_key, "2020-01-01", "2040-01-01", ca=True)
open(os.path.join(out, "root.pem"), "wb").write(pem(root))
open(os.path.join(out, "inter.pem"), "wb").write(pem(inter))
leaf_key = ec.generate_private_key(ec.SECP256R1())
for index in range(count):
    leaf = certificate(name(f"Signer {index:05d}", "Bench"), leaf_key, inter.subject, inter_key, "2025-01-01",
                       "2029-01-01", serial=100000 + index, eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
    open(os.path.join(out, f"leaf-{index:05d}.pem"), "wb").write(pem(leaf))
