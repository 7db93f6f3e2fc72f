"""Helpers to build test PKIs with `cryptography`: certificates, CRLs, CMS signatures, signed PDFs.

Used by generate.py (the test PKI, made at test time) and scripts/make-sample-pki.py (the sample
workspace's committed artefacts).
"""
import datetime as dt
import os
import subprocess
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

UTC = dt.timezone.utc


def day(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


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




def key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def sign_cms(content, cert, key, extra_certs=(), detached=True):
    options = [pkcs7.PKCS7Options.Binary] + ([pkcs7.PKCS7Options.DetachedSignature] if detached else [])
    builder = pkcs7.PKCS7SignatureBuilder().set_data(content).add_signer(cert, key, hashes.SHA256())
    for extra in extra_certs:
        builder = builder.add_certificate(extra)
    return builder.sign(serialization.Encoding.DER, options)


def sha1_certificate(subject, key, issuer, issuer_key, serial=4660):
    """SHA-1 signing is refused by `cryptography`; the openssl command line still does it."""
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    with tempfile.TemporaryDirectory() as work:
        paths = {part: os.path.join(work, part) for part in ["csr.pem", "ca.pem", "ca.key", "ext.cnf", "out.pem"]}
        open(paths["csr.pem"], "wb").write(csr.public_bytes(serialization.Encoding.PEM))
        open(paths["ca.pem"], "wb").write(pem(issuer))
        open(paths["ca.key"], "wb").write(key_pem(issuer_key))
        open(paths["ext.cnf"], "w").write("basicConstraints=critical,CA:FALSE\n"
                                          "keyUsage=critical,digitalSignature,nonRepudiation\n")
        subprocess.run(["openssl", "x509", "-req", "-in", paths["csr.pem"], "-CA", paths["ca.pem"], "-CAkey",
                        paths["ca.key"], "-sha1", "-days", "3650", "-set_serial", str(serial), "-extfile",
                        paths["ext.cnf"], "-out", paths["out.pem"]], check=True, capture_output=True)
        return x509.load_pem_x509_certificate(open(paths["out.pem"], "rb").read())


def crl(issuer, issuer_key, revoked=(), number=1, last="2026-11-01", next_update="2039-01-01"):
    builder = (x509.CertificateRevocationListBuilder().issuer_name(issuer.subject).last_update(day(last))
               .next_update(day(next_update)).add_extension(x509.CRLNumber(number), critical=False))
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(day(when)).build())
    return builder.sign(issuer_key, hashes.SHA256())


def signed_pdf(sign, update=False, tamper=False, bad_range=False, title=b"Chu ky 1"):
    """A one-page PDF with a signature field; `sign(bytes) -> DER CMS` signs the /ByteRange."""
    placeholder = 16384
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V 5 0 R /T (" + title + b") /P 3 0 R >>",
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
    signature = sign(body[:ranges[1]] + body[ranges[2]:]).hex().encode()
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
