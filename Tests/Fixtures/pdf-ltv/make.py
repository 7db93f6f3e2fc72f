#!/usr/bin/env python3
"""Makes the long-term-validation PDFs of tuanthu's tests (committed; rerun only to change them).

    faketime -f '@2026-11-01 00:00:00' python3 make.py OUTDIR

The clock is moved so that every signing time, timestamp and CRL date is fixed at 2026-11-01.
Needs `cryptography` and `pyhanko` (pip). The PDFs are signed with pyHanko, and their validation data
(PAdES-LTV: a /DSS with certificates, CRLs and /VRI; document timestamps) is added by pyHanko's own
LTV tools, as a user's signing software would:

- root.pem            the test root, the only trust anchor these files need
- dss.pdf             classic cross-reference tables; signed; then one update adding only a /DSS
- lta.pdf             cross-reference streams and object streams; signed as PAdES B-LTA: an update with
                      the /DSS and a document timestamp, then another /DSS for the timestamp
- ltvfix.pdf          signed with no validation data, then extended by `add_validation_info` (pyHanko's
                      `ltvfix`): the /DSS is added afterwards by a tool other than the signer's
- dss-and-page.pdf    dss.pdf plus one update that adds to the /DSS and also rotates the page
- dss-and-content.pdf dss.pdf plus one update that adds to the /DSS and also replaces the page's content
- dss-and-annot.pdf   dss.pdf plus one update that adds to the /DSS and also puts a text annotation on the page
- two-signatures.pdf  dss.pdf signed a second time, in a new field: the first signature's later updates
                      add validation data and a signature
- signed-over-change.pdf  dss.pdf rotated and signed a second time in the same update: the change is the
                      second signer's, who signed it
- stamped-over-change.pdf  dss-and-page.pdf with a document timestamp after the change: a timestamp
                      vouches for no content, so the change is still unsigned
"""
import datetime as dt
import io
import os
import sys

from asn1crypto import keys as asn1_keys, x509 as asn1_x509, crl as asn1_crl
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils import generic, writer as pdf_writer
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, validation
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
CRL_URL = "http://crl.tuanthu.invalid/root.crl"


def day(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


def name(common):
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tuanthu LTV Test PKI"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def issue(subject, key, issuer, issuer_key, ca=False, eku=None, usage=None):
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(day("2026-01-01"))
               .not_valid_after(day("2036-01-01" if not ca else "2046-01-01"))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False))
    flags = dict(digital_signature=False, content_commitment=False, key_encipherment=False, data_encipherment=False,
                 key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)
    flags.update(usage or ({"key_cert_sign": True, "crl_sign": True} if ca else {"digital_signature": True,
                                                                                  "content_commitment": True}))
    builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    if not ca:
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(CRL_URL)], None, None, None)]), critical=False)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=eku == [ExtendedKeyUsageOID.TIME_STAMPING])
    return builder.sign(issuer_key, hashes.SHA256())


def der(cert):
    return cert.public_bytes(serialization.Encoding.DER)


def key_info(key):
    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(serialization.Encoding.DER,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))


root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
root = issue(name("Tuanthu LTV Test Root"), root_key, name("Tuanthu LTV Test Root"), root_key, ca=True)
signer_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
signer_cert = issue(name("Văn thư Sở Nội vụ"), signer_key, root.subject, root_key,
                    eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
tsa_cert = issue(name("Tuanthu LTV Test TSA"), tsa_key, root.subject, root_key,
                 eku=[ExtendedKeyUsageOID.TIME_STAMPING], usage={"digital_signature": True})
crl = (x509.CertificateRevocationListBuilder().issuer_name(root.subject).last_update(day("2026-10-31"))
       .next_update(day("2027-10-31")).add_extension(x509.CRLNumber(1), critical=False)
       .sign(root_key, hashes.SHA256()))
with open(os.path.join(OUT, "root.pem"), "wb") as handle:
    handle.write(root.public_bytes(serialization.Encoding.PEM))

root_asn1 = asn1_x509.Certificate.load(der(root))
signer_asn1 = asn1_x509.Certificate.load(der(signer_cert))
tsa_asn1 = asn1_x509.Certificate.load(der(tsa_cert))
crl_asn1 = asn1_crl.CertificateList.load(crl.public_bytes(serialization.Encoding.DER))


def context():
    return ValidationContext(trust_roots=[root_asn1], crls=[crl_asn1], allow_fetching=False,
                             revocation_mode="hard-fail")


def blank(stream_xrefs):
    """A one-page A4 document with a line of text. With `stream_xrefs`, a cross-reference stream, and
    the page tree, the page and its font inside an object stream."""
    out = pdf_writer.PdfFileWriter(stream_xrefs=stream_xrefs, init_page_tree=False)
    stream = out.prepare_object_stream() if stream_xrefs else None
    n = generic.pdf_name
    font = out.add_object(generic.DictionaryObject({
        n("/Type"): n("/Font"), n("/Subtype"): n("/Type1"), n("/BaseFont"): n("/Helvetica")}), obj_stream=stream)
    content = out.add_object(generic.StreamObject(
        stream_data=b"BT /F1 18 Tf 72 760 Td (Quyet dinh phe duyet cap do) Tj ET"))
    pages = out.allocate_placeholder()
    page = out.add_object(generic.DictionaryObject({
        n("/Type"): n("/Page"), n("/Parent"): pages,
        n("/MediaBox"): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        n("/Resources"): generic.DictionaryObject({n("/Font"): generic.DictionaryObject({n("/F1"): font})}),
        n("/Contents"): content}), obj_stream=stream)
    out.add_object(generic.DictionaryObject({
        n("/Type"): n("/Pages"), n("/Kids"): generic.ArrayObject([page]), n("/Count"): generic.NumberObject(1)}),
        obj_stream=stream, idnum=pages.idnum)
    out.root[n("/Pages")] = pages
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


signer = signers.SimpleSigner(signing_cert=signer_asn1, signing_key=key_info(signer_key),
                              cert_registry=None)
stamper = DummyTimeStamper(tsa_cert=tsa_asn1, tsa_key=key_info(tsa_key))


def sign(data, field="ChuKy1", **options):
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES,
                                        validation_context=context(), **options)
    out = signers.PdfSigner(meta, signer=signer, timestamper=options.get("use_pades_lta") and stamper or None)
    return out.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data))).getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(data)
    return data


dss = write("dss.pdf", sign(blank(False), embed_validation_info=True,
                            dss_settings=DSSContentSettings(placement=SigDSSPlacementPreference.SEPARATE_REVISION)))
write("lta.pdf", sign(blank(True), embed_validation_info=True, use_pades_lta=True))

plain = sign(blank(True))
reader = PdfFileReader(io.BytesIO(plain))
embedded = reader.embedded_signatures[0]
extended = io.BytesIO()
validation.add_validation_info(embedded, context(), output=extended)
write("ltvfix.pdf", extended.getvalue())


def tampered(change):
    """dss.pdf with one more update: the /DSS gets the TSA's certificate, and `change` alters the page."""
    out = IncrementalPdfFileWriter(io.BytesIO(dss))
    DocumentSecurityStore.supply_dss_in_writer(out, None, certs=[tsa_asn1])
    page_ref = out.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    change(out, page)
    out.update_container(page)
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def rotate(out, page):
    page[generic.pdf_name("/Rotate")] = generic.NumberObject(90)


def replace_content(out, page):
    page[generic.pdf_name("/Contents")] = out.add_object(generic.StreamObject(
        stream_data=b"BT /F1 18 Tf 72 760 Td (Quyet dinh huy bo cap do) Tj ET"))


def annotate(out, page):
    note = out.add_object(generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
        generic.pdf_name("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (72, 740, 520, 790)]),
        generic.pdf_name("/Contents"): generic.pdf_string("Da huy"),
        generic.pdf_name("/DA"): generic.pdf_string("/Helv 18 Tf 0 g")}))
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else generic.ArrayObject()
    annots.append(note)
    page[generic.pdf_name("/Annots")] = annots


write("dss-and-page.pdf", tampered(rotate))
write("dss-and-content.pdf", tampered(replace_content))
write("dss-and-annot.pdf", tampered(annotate))
write("two-signatures.pdf", sign(dss, field="ChuKy2"))


def signed_over_change():
    out = IncrementalPdfFileWriter(io.BytesIO(dss))
    page = out.root["/Pages"]["/Kids"][0].get_object()
    rotate(out, page)
    out.update_container(page)
    meta = signers.PdfSignatureMetadata(field_name="ChuKy2", subfilter=fields.SigSeedSubFilter.PADES)
    return signers.PdfSigner(meta, signer=signer).sign_pdf(out).getvalue()


def stamped_over_change():
    with open(os.path.join(OUT, "dss-and-page.pdf"), "rb") as handle:
        data = handle.read()
    out = IncrementalPdfFileWriter(io.BytesIO(data))
    return signers.PdfTimeStamper(stamper).timestamp_pdf(out, md_algorithm="sha256").getvalue()


write("signed-over-change.pdf", signed_over_change())
write("stamped-over-change.pdf", stamped_over_change())
