#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of Tests/Fixtures/fuzz/TARGET/ (shapes of issue 20).

Inputs the fuzzer finds (scripts/fuzz.sh) are added beside them as they were found, named
`found-*`. FuzzRegressionTests replays every file through `tuanthu-fuzz TARGET`.
Run from this folder: python3 make-seeds.py
"""
import os


def w(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as out:
        out.write(data if isinstance(data, bytes) else data.encode())


base = "organization:\n  id: so\n  name: S\nsystems:\n  - id: a\n    name: A\n"
w('inventory/nul-escape.yaml', base.replace('name: A', 'name: "A\\0B"'))
w('inventory/esc-escape.yaml', base.replace('name: A', 'name: "A\\e[2JB"'))
w('inventory/merge-key.yaml', "base: &b { owner: so }\n" + base + "    <<: *b\n")
w('inventory/python-tag.yaml', base + "    note: !!python/object:os.system [rm]\n")
w('inventory/deep-nesting.yaml', "a: " + "[" * 5000 + "]" * 5000 + "\n")
w('inventory/alias-bomb.yaml', "a0: &a0 [x, x, x, x, x, x, x, x]\n"
  + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 8) + "]\n" for i in range(1, 40)))
w('baseline/deep.json', '{"schemaVersion": "1.0", "findings": ' + "[" * 10000 + "]" * 10000 + "}")
w('baseline/nul-escape.json', '{"schemaVersion": "1.0", "findings": [{"rule": "R\\u0000", "system": "a", "status": "fail"}]}')
w('baseline/lone-surrogate.json', '{"schemaVersion": "1.0", "findings": [{"rule": "\\ud800", "system": "a", "status": "fail"}]}')
w('baseline/truncated.json', '{"schemaVersion": "1.0", "findings": [{"rule": "R", "sys')
w('baseline/yaml-not-json.json', 'schemaVersion: "1.0"\nfindings: []\n')
w('waivers/duplicate.yaml', "waivers:\n"
  + "  - { rule: R, system: s, justification: j, approved-by: a, expires: 2027-01-01 }\n" * 2)
w('rules/unknown-kind.yaml', "pack: { id: p, title: P }\nrules:\n  - id: X.Y\n    check: { kind: nope }\n")
w('keys/header-only.pem', "-----BEGIN PRIVATE KEY-----\n")
w('keys/truncated-der.bin', bytes([0x30, 0x82, 0xFF, 0xFF, 0x02, 0x01, 0x00]))
w('certificate/empty-block.pem', "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
w('certificate/huge-length.der', bytes([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x30, 0x00]))
w('crl/empty-block.pem', "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n")
w('cms/huge-length.p7s', bytes([0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x06, 0x09]) + b'\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02')
# PDFs: a /Prev chain that loops; fifty signature dictionaries whose /ByteRange runs past the end;
# arrays nested 5,000 deep.
pdf = (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
xref_at = len(pdf)
pdf += (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
        b"trailer\n<< /Size 3 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (xref_at, xref_at))
w('pdf/prev-loop.pdf', pdf)
sig = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
       b"/ByteRange [0 10 99999999 10] /Contents <3082> >>\n")
w('pdf/byterange-past-end.pdf', b"%PDF-1.7\n" + sig * 50 + b"%%EOF\n")
w('pdf/nested-arrays.pdf', b"%PDF-1.7\n1 0 obj\n" + b"[" * 5000 + b"]" * 5000 + b"\nendobj\nstartxref\n9\n%%EOF\n")
