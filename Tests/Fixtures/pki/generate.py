#!/usr/bin/env python3
"""Generates the test PKI of tuanthu's tests into OUTDIR (run at test time; nothing here is committed).

A root and an intermediate CA; leaves that are good, expired, not yet valid, expiring, weak (RSA 1024),
SHA-1 signed, DSA, with the wrong key usage or extended key usage, without an authority key identifier,
revoked, or issued by an untrusted root; CRLs; CMS signatures (detached, attached, tampered, by bad
signers); PDFs signed with a CMS over /ByteRange (whole file, with a later incremental update, tampered, broken ranges); a private key.
The audit time the tests use is 2026-12-01T00:00:00Z; every date here is fixed (documents are signed
at 2026-11-01T00:00:00Z), so the same checks give the same results on any day. Needs `cryptography`.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside pkilib.py in the working tree

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pkilib import certificate, crl as make_crl, key_pem, name, pem, rsa_key, sha1_certificate, sign_cms, signed_pdf  # noqa: E402

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)


root_key = rsa_key(3072)
root = certificate(name("Tuanthu Test Root CA"), root_key, name("Tuanthu Test Root CA"), root_key,
                   "2020-01-01", "2045-01-01", ca=True)
inter_key = rsa_key()
inter = certificate(name("Tuanthu Test Issuing CA"), inter_key, root.subject, root_key, "2020-01-01", "2040-01-01",
                    ca=True)
other_key = rsa_key()
other = certificate(name("Untrusted Root CA", "Elsewhere"), other_key, name("Untrusted Root CA", "Elsewhere"),
                    other_key, "2020-01-01", "2045-01-01", ca=True)
write("root.pem", pem(root))
write("inter.pem", pem(inter))
write("root.der", root.public_bytes(serialization.Encoding.DER))
write("other-root.pem", pem(other))
write("chain.pem", pem(inter) + pem(root))

DOC_EKU = [ExtendedKeyUsageOID.EMAIL_PROTECTION]
leaves = {}


def leaf(label, start="2025-01-01", end="2029-01-01", key=None, issuer=inter, issuer_key=inter_key, **extra):
    key = key or rsa_key()
    cert = certificate(name(f"Văn thư {label}", "Sở Lao động - Thương binh và Xã hội"), key, issuer.subject,
                       issuer_key, start, end, **extra)
    leaves[label] = (cert, key)
    write(f"{label}.pem", pem(cert))
    write(f"{label}.key", key_pem(key))
    return cert, key


leaf("good", eku=DOC_EKU)
# The same key protected by a passphrase: must be found without ever asking for the passphrase.
write("good-encrypted.key", leaves["good"][1].private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
    serialization.BestAvailableEncryption(b"tuanthu-test-passphrase")))
# The same key in the other encodings a stray key takes, under names that say nothing (issue 20):
# encrypted DER PKCS#8, DER PKCS#1, a PKCS#12 bundle, and an OpenSSH key.
good_key = leaves["good"][1]
write("stray-encrypted-pkcs8.bin", good_key.private_bytes(
    serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
    serialization.BestAvailableEncryption(b"tuanthu-test-passphrase")))
write("stray-pkcs1.bin", good_key.private_bytes(
    serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
write("stray-bundle.dat", pkcs12.serialize_key_and_certificates(
    b"good", good_key, leaves["good"][0], None, serialization.BestAvailableEncryption(b"tuanthu-test-passphrase")))
write("stray-openssh.txt", ed25519.Ed25519PrivateKey.generate().private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()))
leaf("ec", key=ec.generate_private_key(ec.SECP256R1()), eku=DOC_EKU)
leaf("expired", start="2023-01-01", end="2024-01-01")
leaf("notyet", start="2027-06-01", end="2030-01-01")
leaf("expiring", start="2026-01-01", end="2026-12-15")
leaf("weak", key=rsa_key(1024))
leaf("weak-ec", key=ec.generate_private_key(ec.SECP224R1()))

sha1_key = rsa_key()
sha1_cert = sha1_certificate(name("Văn thư sha1", "Sở Lao động - Thương binh và Xã hội"), sha1_key, inter, inter_key,
                             "2025-01-01", "2029-01-01")
leaves["sha1"] = (sha1_cert, sha1_key)
write("sha1.pem", pem(sha1_cert))
leaf("dsa", key=dsa.generate_private_key(2048))
leaf("wrong-ku", ku={"key_encipherment": True})
leaf("wrong-eku", eku=[ExtendedKeyUsageOID.SERVER_AUTH])
# Valid for OpenSSL's path validation, but without the authority key identifier RFC 5280 §4.2.1.1
# requires: a PKI.PROFILE error, which only `--strict` makes invalid.
leaf("no-aki", eku=DOC_EKU, aki=False)
# Six years: over the five a new official-duty certificate may run (Decree 68/2024): a PKI.PROFILE warning.
leaf("long-lived", start="2025-01-01", end="2031-01-01", eku=DOC_EKU)
revoked_cert, _ = leaf("revoked", serial=0x7E57)
leaf("untrusted", issuer=other, issuer_key=other_key)
write("good.der", leaves["good"][0].public_bytes(serialization.Encoding.DER))

crl = make_crl(inter, inter_key, revoked=[(0x7E57, "2026-01-01")], number=2)
root_crl = make_crl(root, root_key)
stale_crl = make_crl(inter, inter_key, last="2025-01-01", next_update="2025-02-01")
write("inter.crl.pem", crl.public_bytes(serialization.Encoding.PEM))
write("inter.crl.der", crl.public_bytes(serialization.Encoding.DER))
write("root.crl.pem", root_crl.public_bytes(serialization.Encoding.PEM))
write("stale.crl.pem", stale_crl.public_bytes(serialization.Encoding.PEM))


def cms(content, label, detached=True):
    cert, key = leaves[label]
    return sign_cms(content, cert, key, [inter], detached)


document = "Quyết định phê duyệt cấp độ — bản thử nghiệm\n".encode()
write("doc.txt", document)
write("doc-tampered.txt", document.replace("thử".encode(), "THỬ".encode()))
write("doc.txt.p7s", cms(document, "good"))
write("doc.txt.p7m", cms(document, "good", detached=False))
write("doc-by-revoked.p7s", cms(document, "revoked"))
write("doc-by-untrusted.p7s", cms(document, "untrusted"))
write("doc-by-wrong-ku.p7s", cms(document, "wrong-ku"))
write("garbage.p7s", os.urandom(300))


def pdf(signer="good", **options):
    return signed_pdf(lambda data: cms(data, signer), **options)


write("signed.pdf", pdf())
write("signed-updated.pdf", pdf(update=True))
write("signed-tampered.pdf", pdf(tamper=True))
write("signed-bad-range.pdf", pdf(bad_range=True))
write("signed-by-expired.pdf", pdf(signer="expired"))
write("unsigned.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
write("notes.txt", b"plain text, not a certificate\n")
write("truncated.pem", pem(leaves["good"][0])[:200])
print(OUT)
