"""Helpers to build test PKIs with `cryptography`: certificates, CRLs, CMS signatures, signed PDFs.

Used by generate.py (the test PKI, made at test time) and scripts/make-sample-pki.py (the sample
workspace's committed artefacts).
"""
import datetime as dt
import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

UTC = dt.timezone.utc

# Every date in a fixture is fixed: nothing here reads the clock, so the tests judge the same
# certificates and signatures at their fixed audit instant (2026-12-01T00:00:00Z) whatever the day.
# The instant at which the fixtures' documents are signed, unless a caller names another.
SIGNED_AT = "2026-11-01T00:00:00"


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
                digest=hashes.SHA256(), aki=True):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(serial or x509.random_serial_number()).not_valid_before(day(start))
               .not_valid_after(day(end))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))
    if issuer_key is not key and aki:
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


# MARK: - DER, for what `cryptography` will not build with a fixed time or a broken hash

def der(tag, content):
    """One DER element: tag, definite length, content."""
    size = len(content)
    if size < 0x80:
        head = bytes([size])
    else:
        octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + head + content


def der_sequence(*items):
    return der(0x30, b"".join(items))


def der_set(*items):
    """A SET OF: DER orders its elements by their encodings."""
    return der(0x31, b"".join(sorted(items)))


def der_integer(value):
    return der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


def der_oid(dotted):
    first, second, *rest = (int(part) for part in dotted.split("."))
    body = bytearray([40 * first + second])
    for arc in rest:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return der(0x06, bytes(body))


def der_algorithm(dotted, null_parameters):
    return der_sequence(der_oid(dotted), *([b"\x05\x00"] if null_parameters else []))


def der_time(moment):
    """UTCTime for 1950-2049, GeneralizedTime after (RFC 5280 4.1.2.5)."""
    if 1950 <= moment.year < 2050:
        return der(0x17, moment.strftime("%y%m%d%H%M%SZ").encode())
    return der(0x18, moment.strftime("%Y%m%d%H%M%SZ").encode())


SHA256 = "2.16.840.1.101.3.4.2.1"
RSA_ENCRYPTION = "1.2.840.113549.1.1.1"
ECDSA_SHA256 = "1.2.840.10045.4.3.2"
ID_DATA = "1.2.840.113549.1.7.1"
ID_SIGNED_DATA = "1.2.840.113549.1.7.2"
CONTENT_TYPE = "1.2.840.113549.1.9.3"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
SIGNING_TIME = "1.2.840.113549.1.9.5"


def sign_cms(content, cert, key, extra_certs=(), detached=True, signed_at=SIGNED_AT):
    """A CMS SignedData (RFC 5652) over `content` by `cert`, SHA-256, with the signed attributes
    content type, message digest and a signing time fixed at `signed_at` (never the clock)."""
    attributes = [
        der_sequence(der_oid(CONTENT_TYPE), der_set(der_oid(ID_DATA))),
        der_sequence(der_oid(SIGNING_TIME), der_set(der_time(day(signed_at)))),
        der_sequence(der_oid(MESSAGE_DIGEST), der_set(der(0x04, hashlib.sha256(content).digest()))),
    ]
    signed_attributes = der_set(*attributes)  # signed as a SET (RFC 5652 5.4), sent as [0] IMPLICIT
    if isinstance(key, rsa.RSAPrivateKey):
        signature = key.sign(signed_attributes, padding.PKCS1v15(), hashes.SHA256())
        algorithm = der_algorithm(RSA_ENCRYPTION, True)
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        signature = key.sign(signed_attributes, ec.ECDSA(hashes.SHA256()))
        algorithm = der_algorithm(ECDSA_SHA256, False)
    else:
        raise ValueError(f"no CMS signing for {type(key).__name__}")
    issuer_and_serial = der_sequence(cert.issuer.public_bytes(), der_integer(cert.serial_number))
    signer_info = der_sequence(der_integer(1), issuer_and_serial, der_algorithm(SHA256, True),
                               b"\xa0" + signed_attributes[1:], algorithm, der(0x04, signature))
    certificates = [c.public_bytes(serialization.Encoding.DER) for c in (cert, *extra_certs)]
    encapsulated = der_sequence(der_oid(ID_DATA), *([] if detached else [der(0xA0, der(0x04, content))]))
    signed_data = der_sequence(der_integer(1), der_set(der_algorithm(SHA256, True)), encapsulated,
                               der(0xA0, b"".join(sorted(certificates))), der_set(signer_info))
    return der_sequence(der_oid(ID_SIGNED_DATA), der(0xA0, signed_data))


SHA256_WITH_RSA = der_oid("1.2.840.113549.1.1.11")
SHA1_WITH_RSA = der_oid("1.2.840.113549.1.1.5")


def sha1_certificate(subject, key, issuer, issuer_key, start, end, serial=4660):
    """A leaf signed with SHA-1, which `cryptography` refuses to build: the certificate is built with
    SHA-256, then its to-be-signed part names SHA-1 instead and is signed again with SHA-1."""
    template = certificate(subject, key, issuer.subject, issuer_key, start, end, serial=serial,
                           ku={"digital_signature": True, "content_commitment": True})
    assert len(SHA256_WITH_RSA) == len(SHA1_WITH_RSA) and template.tbs_certificate_bytes.count(SHA256_WITH_RSA) == 1
    tbs = template.tbs_certificate_bytes.replace(SHA256_WITH_RSA, SHA1_WITH_RSA)
    signature = issuer_key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    algorithm = der_sequence(SHA1_WITH_RSA, b"\x05\x00")
    return x509.load_der_x509_certificate(der_sequence(tbs, algorithm, der(0x03, b"\x00" + signature)))


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
        # An incremental update that turns the page: object 3 again, its cross-reference section, a trailer.
        page = len(body)
        body += b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] /Rotate 90 >>\nendobj\n"
        section = len(body)
        body += (b"xref\n3 1\n%010d 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                 % (page, xref, section))
    return body
