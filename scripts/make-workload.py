#!/usr/bin/env python3
"""Writes a synthetic workspace of N information systems for `tuanthu-bench audit`.

OUTDIR/Rules is a copy of the repository's Rules/ (its trust folder replaced by the workload's test
root); OUTDIR/Inventories holds one inventory per organisation (50 systems each) with realistic
classification, approvals (some missing, some by the wrong authority), assessments and control
statuses against the real catalog, and M certificates per system (real X.509, signed by a test
CA, one shared EC key so that generation stays fast). Deterministic for a given N and M.
"""
import os
import random
import shutil
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Fixtures", "pki"))
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID  # noqa: E402
from pkilib import certificate, name, pem, rsa_key  # noqa: E402

count, out = int(sys.argv[1]), sys.argv[2]
per_system = int(sys.argv[3]) if len(sys.argv) > 3 else 2
rng = random.Random(20261201)
if os.path.exists(out):
    shutil.rmtree(out)
shutil.copytree(os.path.join(ROOT, "Rules"), os.path.join(out, "Rules"))
for anchor in os.listdir(os.path.join(out, "Rules", "trust")):
    if anchor.endswith(".pem"):
        os.remove(os.path.join(out, "Rules", "trust", anchor))
os.makedirs(os.path.join(out, "Inventories", "certs"))

root_key = rsa_key(3072)
root = certificate(name("Workload Root CA"), root_key, name("Workload Root CA"), root_key, "2020-01-01", "2045-01-01",
                   ca=True)
ca_key = rsa_key()
ca = certificate(name("Workload Issuing CA"), ca_key, root.subject, root_key, "2020-01-01", "2040-01-01", ca=True)
open(os.path.join(out, "Rules", "trust", "workload-root.pem"), "wb").write(pem(root))
leaf_key = ec.generate_private_key(ec.SECP256R1())

controls = {}
for path in ["tcvn11930-2017.yaml", "tcvn14423-2026.yaml", "procedures.yaml"]:
    full = os.path.join(ROOT, "Rules", "requirements", path)
    if os.path.exists(full):
        for rule in yaml.safe_load(open(full))["rules"]:
            controls.setdefault(path, []).append(rule["id"])
ids_11930 = controls.get("tcvn11930-2017.yaml", [])
ids_other = controls.get("procedures.yaml", [])
STATUSES = ["implemented"] * 6 + ["partial", "planned", "not-implemented"]
TYPES = ["internal", "citizen-service", "infrastructure", "internal", "citizen-service"]

serial = 1000
systems_per_org = 50
for org_index in range((count + systems_per_org - 1) // systems_per_org):
    org_id = f"don-vi-{org_index:04d}"
    systems = []
    for offset in range(min(systems_per_org, count - org_index * systems_per_org)):
        number = org_index * systems_per_org + offset
        kind = TYPES[number % len(TYPES)]
        subjects = rng.choice([80, 500, 4000, 12000, 60000, 150000])
        system = {
            "id": f"httt-{number:05d}", "name": f"Hệ thống thông tin số {number}", "owner": org_id,
            "operator": "vp" if number % 3 else "cntt", "type": kind,
            "information": ["public", "personal"] if kind != "infrastructure" else ["private"],
            "classification": {"personal-data-subjects": subjects, "served-scope": rng.choice(["organization", "province"]),
                               "administrative-procedures": kind == "citizen-service" and number % 2 == 0,
                               "online-public-service": "full" if kind == "citizen-service" and number % 4 == 0 else "none"},
            "in-service": f"20{rng.randint(15, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        }
        level = 3 if subjects >= 10000 and kind == "citizen-service" else 2
        system["level"] = {"proposed": level}
        if number % 7:
            approver = "system-owner" if level == 3 else "security-unit"
            if number % 11 == 0:
                approver = "system-owner" if level == 2 else "security-unit"
            system["level"]["approval"] = {"decision": f"{number}/QĐ", "date": "2023-05-15", "regime": "nd85",
                                           "approver": approver, "appraiser": "security-unit"}
        if level >= 3:
            system["assessments"] = [{"date": rng.choice(["2025-03-01", "2025-11-20", "2026-06-01"]), "by": "Tổ chức đánh giá",
                                      "licensed": number % 5 != 0}]
        system["controls"] = {control: rng.choice(STATUSES) for control in ids_11930 + ids_other}
        certs = []
        for index in range(per_system):
            serial += 1
            leaf = certificate(name(f"Người ký {number}-{index}", f"Đơn vị {org_index}"), leaf_key, ca.subject, ca_key,
                               "2025-01-01", rng.choice(["2026-12-20", "2029-01-01", "2029-01-01", "2025-06-01"]),
                               serial=serial, eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
            file = f"certs/c{serial:07d}.pem"
            open(os.path.join(out, "Inventories", file), "wb").write(pem(leaf) + pem(ca))
            certs.append({"file": file, "purpose": "document-signing"})
        system["certificates"] = certs
        systems.append(system)
    inventory = {"organization": {"id": org_id, "name": f"Đơn vị thử tải {org_index}",
                                  "units": [{"id": "vp", "name": "Văn phòng", "security-unit": True},
                                            {"id": "cntt", "name": "Trung tâm CNTT"}]},
                 "systems": systems}
    with open(os.path.join(out, "Inventories", f"{org_id}.yaml"), "w") as handle:
        yaml.safe_dump(inventory, handle, allow_unicode=True, sort_keys=False, width=120)
print(f"{count} systems, {serial - 1000} certificates in {out}")
