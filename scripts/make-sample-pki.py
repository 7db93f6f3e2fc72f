#!/usr/bin/env python3
"""Makes the sample workspace's certificates and signed documents (committed; run again only on purpose).

A test root (Policies/trust/sample-test-root.pem — TEST ONLY, remove it in a real workspace) and an
issuing CA; the department's signing certificates (good, expiring, revoked, SHA-1 legacy) with a CRL;
signed, updated and unsigned documents; approval decisions (one valid, one tampered); and, on
purpose, a private key left beside its certificate, which INV.PRIVATE-KEY reports.
Every date is fixed (validity periods, CRL dates, signing times), so a regenerated PKI gives the same
findings at the sample's audit date whatever the day it is made; only keys, signatures and fingerprints
change. Re-record Reports/ afterwards (RECORD_SNAPSHOTS=1 swift test).
"""
import os
import sys

sys.dont_write_bytecode = True

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Fixtures", "pki"))
from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID  # noqa: E402
from pkilib import certificate, crl, key_pem, name, pem, rsa_key, sha1_certificate, sign_cms, signed_pdf  # noqa: E402

INVENTORIES = os.path.join(ROOT, "Inventories")
ORG = "Sở Lao động - Thương binh và Xã hội tỉnh Tuyên Quang"


def write(path, data):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as handle:
        handle.write(data)


root_key = rsa_key(3072)
root_name = name("tuanthu Sample Root CA (TEST ONLY)", "tuanthu sample")
root = certificate(root_name, root_key, root_name, root_key, "2020-01-01", "2045-01-01", ca=True)
ca_key = rsa_key()
ca = certificate(name("tuanthu Sample Issuing CA (TEST ONLY)", "tuanthu sample"), ca_key, root.subject, root_key,
                 "2020-01-01", "2040-01-01", ca=True)
write("Policies/trust/sample-test-root.pem", pem(root))

EMAIL = [ExtendedKeyUsageOID.EMAIL_PROTECTION]


def person(common, start, end, serial, **extra):
    key = rsa_key()
    cert = certificate(name(common, ORG), key, ca.subject, ca_key, start, end, serial=serial, **extra)
    return cert, key


van_thu, van_thu_key = person("Văn thư Sở", "2025-03-01", "2028-03-01", 0x1001, eku=EMAIL)
giam_doc, _ = person("Giám đốc Sở", "2023-12-20", "2026-12-20", 0x1002, eku=EMAIL)
ke_toan, _ = person("Kế toán (đã nghỉ việc)", "2024-01-01", "2027-01-01", 0x1003)
legacy_key = rsa_key()
legacy = sha1_certificate(name("Hộp thư công vụ (cũ)", ORG), legacy_key, ca, ca_key, "2024-07-01", "2029-07-01",
                          serial=0x1004)

write("Inventories/certs/van-thu-so.pem", pem(van_thu) + pem(ca))
write("Inventories/certs/giam-doc.pem", pem(giam_doc) + pem(ca))
write("Inventories/certs/ke-toan-cu.pem", pem(ke_toan) + pem(ca))
write("Inventories/certs/thu-cong-vu-cu.pem", pem(legacy) + pem(ca))
write("Inventories/certs/sample-issuing-ca.crl", crl(ca, ca_key, revoked=[(0x1003, "2026-09-30")], number=7,
                                                      last="2026-11-01", next_update="2039-01-01")
      .public_bytes(Encoding.PEM))
write("Inventories/certs/sample-root-ca.crl", crl(root, root_key, number=3, last="2026-11-01",
                                                  next_update="2039-01-01").public_bytes(Encoding.PEM))
# Left here by mistake on purpose: INV.PRIVATE-KEY must find it (and never print it).
write("Inventories/certs/van-thu-so.key", key_pem(van_thu_key))


def by_van_thu(data):
    # Signed at the fixtures' fixed instant (2026-11-01T00:00:00Z), the /M date of the signed PDFs too.
    return sign_cms(data, van_thu, van_thu_key, [ca])


write("Inventories/signed/qd-01-ke-hoach-chuyen-doi-so.pdf", signed_pdf(by_van_thu, title=b"Van thu So"))
write("Inventories/signed/cv-02-bao-cao-6-thang.pdf", signed_pdf(by_van_thu, update=True, title=b"Van thu So"))
notice = "Thông báo lịch tiếp công dân tháng 11/2026 (bản mẫu)\n".encode()
write("Inventories/signed/tb-03-lich-tiep-dan.txt", notice)
write("Inventories/signed/tb-03-lich-tiep-dan.txt.p7s", by_van_thu(notice))
write("Inventories/signed/bc-04-thong-ke-ho-so.pdf",
      b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
write("Inventories/approvals/qd-45-phe-duyet-cap-do-mot-cua.pdf", signed_pdf(by_van_thu, title=b"Van thu So"))
write("Inventories/approvals/qd-78-phe-duyet-cap-do-cong-thong-tin.pdf",
      signed_pdf(by_van_thu, tamper=True, title=b"Van thu So"))
print("sample PKI written")
