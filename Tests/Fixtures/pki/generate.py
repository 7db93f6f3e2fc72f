#!/usr/bin/env python3
"""Generates the test PKI of tuanthu's tests into OUTDIR (run at test time; nothing here is committed).

A root and an intermediate CA; leaves that are good, expired, not yet valid, expiring, weak (RSA 1024),
SHA-1 signed, DSA, with the wrong key usage or extended key usage, revoked, or issued by an untrusted
root; CRLs; CMS signatures (detached, attached, tampered, by bad signers); PDFs signed with a CMS
over /ByteRange (whole file, with a later incremental update, tampered, broken ranges); a private key.
The audit time the tests use is 2026-12-01T00:00:00Z. Needs the `cryptography` package.
"""
import datetime as dt
import os
import subprocess
import sys
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
UTC = dt.timezone.utc


def day(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def name(common, org="Tuanthu Test PKI"):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def rsa_key(bits=2048):
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def certificate(subject, key, issuer, issuer_key, start, end, ca=False, ku=None, eku=None, serial=None,
                digest=hashes.SHA256()):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(serial or x509.random_serial_number()).not_valid_before(day(start))
               .not_valid_after(day(end))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if issuer_key is not key:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    usage = ku or ({"key_cert_sign": True, "crl_sign": True} if ca else {"digital_signature": True,
                                                                         "content_commitment": True})
    flags = {flag: usage.get(flag, False) for flag in [
        "digital_signature", "content_commitment", "key_encipherment", "data_encipherment", "key_agreement",
        "key_cert_sign", "crl_sign", "encipher_only", "decipher_only"]}
    builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    return builder.sign(issuer_key, digest)


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
    write(f"{label}.key", key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    return cert, key


leaf("good", eku=DOC_EKU)
leaf("ec", key=ec.generate_private_key(ec.SECP256R1()), eku=DOC_EKU)
leaf("expired", start="2023-01-01", end="2024-01-01")
leaf("notyet", start="2027-06-01", end="2030-01-01")
leaf("expiring", start="2026-01-01", end="2026-12-15")
leaf("weak", key=rsa_key(1024))
leaf("weak-ec", key=ec.generate_private_key(ec.SECP224R1()))


def sha1_leaf():
    """SHA-1 signing is refused by `cryptography`; the openssl command line still does it."""
    key = rsa_key()
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(name("Văn thư sha1", "Sở Lao động - Thương binh và Xã hội")).sign(key, hashes.SHA256()))
    with tempfile.TemporaryDirectory() as work:
        paths = {part: os.path.join(work, part) for part in ["csr.pem", "ca.pem", "ca.key", "ext.cnf", "out.pem"]}
        open(paths["csr.pem"], "wb").write(csr.public_bytes(serialization.Encoding.PEM))
        open(paths["ca.pem"], "wb").write(pem(inter))
        open(paths["ca.key"], "wb").write(inter_key.private_bytes(serialization.Encoding.PEM,
                                                                  serialization.PrivateFormat.PKCS8,
                                                                  serialization.NoEncryption()))
        open(paths["ext.cnf"], "w").write("basicConstraints=critical,CA:FALSE\n"
                                          "keyUsage=critical,digitalSignature,nonRepudiation\n")
        subprocess.run(["openssl", "x509", "-req", "-in", paths["csr.pem"], "-CA", paths["ca.pem"], "-CAkey",
                        paths["ca.key"], "-sha1", "-days", "3650", "-set_serial", "4660", "-extfile", paths["ext.cnf"],
                        "-out", paths["out.pem"]], check=True, capture_output=True)
        cert = x509.load_pem_x509_certificate(open(paths["out.pem"], "rb").read())
    leaves["sha1"] = (cert, key)
    write("sha1.pem", pem(cert))


sha1_leaf()
leaf("dsa", key=dsa.generate_private_key(2048))
leaf("wrong-ku", ku={"key_encipherment": True})
leaf("wrong-eku", eku=[ExtendedKeyUsageOID.SERVER_AUTH])
revoked_cert, _ = leaf("revoked", serial=0x7E57)
leaf("untrusted", issuer=other, issuer_key=other_key)
write("good.der", leaves["good"][0].public_bytes(serialization.Encoding.DER))

crl = (x509.CertificateRevocationListBuilder().issuer_name(inter.subject).last_update(day("2026-11-01"))
       .next_update(day("2039-01-01"))
       .add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(0x7E57)
                                .revocation_date(day("2026-01-01")).build())
       .add_extension(x509.CRLNumber(2), critical=False)
       .sign(inter_key, hashes.SHA256()))
root_crl = (x509.CertificateRevocationListBuilder().issuer_name(root.subject).last_update(day("2026-11-01"))
            .next_update(day("2039-01-01")).add_extension(x509.CRLNumber(1), critical=False)
            .sign(root_key, hashes.SHA256()))
stale_crl = (x509.CertificateRevocationListBuilder().issuer_name(inter.subject).last_update(day("2025-01-01"))
             .next_update(day("2025-02-01")).add_extension(x509.CRLNumber(1), critical=False)
             .sign(inter_key, hashes.SHA256()))
write("inter.crl.pem", crl.public_bytes(serialization.Encoding.PEM))
write("inter.crl.der", crl.public_bytes(serialization.Encoding.DER))
write("root.crl.pem", root_crl.public_bytes(serialization.Encoding.PEM))
write("stale.crl.pem", stale_crl.public_bytes(serialization.Encoding.PEM))


def cms(content, label, detached=True):
    cert, key = leaves[label]
    options = [pkcs7.PKCS7Options.Binary] + ([pkcs7.PKCS7Options.DetachedSignature] if detached else [])
    return (pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(cert, key, hashes.SHA256())
            .add_certificate(inter).sign(serialization.Encoding.DER, options))


document = "Quyết định phê duyệt cấp độ — bản thử nghiệm\n".encode()
write("doc.txt", document)
write("doc-tampered.txt", document.replace("thử".encode(), "THỬ".encode()))
write("doc.txt.p7s", cms(document, "good"))
write("doc.txt.p7m", cms(document, "good", detached=False))
write("doc-by-revoked.p7s", cms(document, "revoked"))
write("doc-by-untrusted.p7s", cms(document, "untrusted"))
write("doc-by-wrong-ku.p7s", cms(document, "wrong-ku"))
write("garbage.p7s", os.urandom(300))


def pdf(signer="good", update=False, tamper=False, bad_range=False):
    """A one-page PDF with a signature field; the CMS covers the /ByteRange."""
    placeholder = 16384
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V 5 0 R /T (Chu ky 1) /P 3 0 R >>",
        b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 XXXXXXXXXX "
        b"YYYYYYYYYY ZZZZZZZZZZ] /Contents <" + b"0" * (2 * placeholder) + b"> /M (D:20261101000000Z) >>",
    ]
    body = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    start = body.index(b"/Contents <") + len(b"/Contents ")
    end = start + 2 + 2 * placeholder
    ranges = [0, start, end, len(body) - end]
    body = (body.replace(b"XXXXXXXXXX", b"%010d" % ranges[1]).replace(b"YYYYYYYYYY", b"%010d" % ranges[2])
            .replace(b"ZZZZZZZZZZ", b"%010d" % ranges[3]))
    signed = body[:ranges[1]] + body[ranges[2]:]
    signature = cms(signed, signer).hex().encode()
    body = body[:start + 1] + signature + b"0" * (2 * placeholder - len(signature)) + body[end - 1:]
    if bad_range:
        body = body.replace(b"%010d]" % ranges[3], b"%010d]" % (ranges[3] + 999999))
    if tamper:
        index = body.index(b"/MediaBox [0 0 595 842]")
        body = body[:index] + body[index:].replace(b"595", b"596", 1)
    if update:
        body += (b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] "
                 b"/Rotate 90 >>\nendobj\nxref\n3 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\n"
                 b"startxref\n%d\n%%%%EOF\n" % (len(body), xref, len(body)))
    return body


write("signed.pdf", pdf())
write("signed-updated.pdf", pdf(update=True))
write("signed-tampered.pdf", pdf(tamper=True))
write("signed-bad-range.pdf", pdf(bad_range=True))
write("signed-by-expired.pdf", pdf(signer="expired"))
write("unsigned.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
write("notes.txt", b"plain text, not a certificate\n")
write("truncated.pem", pem(leaves["good"][0])[:200])
print(OUT)
