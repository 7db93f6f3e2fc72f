#!/usr/bin/env python3
"""Writes a synthetic workspace of N information systems for `tuanthu-bench audit`.

    make-workload.py N OUTDIR [M] [--per-organization K] [--levels 1,2,2,3] [--controls C] [--leaf-only]
    make-workload.py N OUTDIR --first-inventory

OUTDIR/Policies/trust holds the workload's test root, which the audit adds to the built-in trust
anchors as it adds a department's own (the rules are the built-in ones, as in a user's workspace);
OUTDIR/Inventories holds one inventory per organisation (50 systems each by default) with realistic
classification, approvals (some missing, some by the wrong authority), assessments and
control statuses against the real catalog, and M certificates per system (default 2; real X.509,
signed by a test CA, one shared EC key so that generation stays fast), each file carrying its
issuing CA after the leaf. Deterministic for a given set of arguments.

The options shape an inventory otherwise:
  --per-organization K   K systems per organisation (inventory file);
  --levels L1,L2,…       proposed levels given in turn (default: 3 for large citizen services, else 2);
  --controls C           only C controls declared per system, drawn from every requirement pack
                         (default: every control of TCVN 11930 and the procedures);
  --leaf-only            certificate files hold the leaf alone; its issuing CA is in no file and not
                         in the trust folder, as when an officer exports only the signer's certificate.
  --first-inventory      a department's first real inventory: --per-organization 500
                         --levels 1,2,2,3,3,3,4 --controls 40 --leaf-only (the speed issue's shape).
"""
import argparse
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

parser = argparse.ArgumentParser(description="synthetic workspace for tuanthu-bench audit")
parser.add_argument("count", type=int)
parser.add_argument("out")
parser.add_argument("per_system", type=int, nargs="?", default=2)
parser.add_argument("--per-organization", type=int, default=50)
parser.add_argument("--levels", default=None)
parser.add_argument("--controls", type=int, default=None)
parser.add_argument("--leaf-only", action="store_true")
parser.add_argument("--first-inventory", action="store_true")
parser.add_argument("--leaf-key", choices=["ec", "rsa"], default="ec",
                    help="the signers' key: EC P-256 (default) or RSA 2048, as most Vietnamese CAs issue")
args = parser.parse_args()
if args.first_inventory:
    args.per_organization, args.levels, args.controls, args.leaf_only = 500, "1,2,2,3,3,3,4", 40, True
count, out, per_system = args.count, args.out, args.per_system
levels = [int(level) for level in args.levels.split(",")] if args.levels else None
rng = random.Random(20261201)
if os.path.exists(out):
    shutil.rmtree(out)
os.makedirs(os.path.join(out, "Policies", "trust"))
os.makedirs(os.path.join(out, "Inventories", "certs"))

root_key = rsa_key(3072)
root = certificate(name("Workload Root CA"), root_key, name("Workload Root CA"), root_key, "2020-01-01", "2045-01-01",
                   ca=True)
ca_key = rsa_key()
ca = certificate(name("Workload Issuing CA"), ca_key, root.subject, root_key, "2020-01-01", "2040-01-01", ca=True)
open(os.path.join(out, "Policies", "trust", "workload-root.pem"), "wb").write(pem(root))
leaf_key = ec.generate_private_key(ec.SECP256R1()) if args.leaf_key == "ec" else rsa_key()

controls = {}
for path in ["tcvn11930-2017.yaml", "tcvn14423-2026.yaml", "procedures.yaml"]:
    full = os.path.join(ROOT, "Rules", "requirements", path)
    if os.path.exists(full):
        for rule in yaml.safe_load(open(full))["rules"]:
            controls.setdefault(path, []).append(rule["id"])
ids_11930 = controls.get("tcvn11930-2017.yaml", [])
ids_other = controls.get("procedures.yaml", [])
every_control = sorted(set(ids_11930 + controls.get("tcvn14423-2026.yaml", []) + ids_other))
STATUSES = ["implemented"] * 6 + ["partial", "planned", "not-implemented"]
TYPES = ["internal", "citizen-service", "infrastructure", "internal", "citizen-service"]

serial = 1000
systems_per_org = args.per_organization
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
        if levels:
            level = levels[number % len(levels)]
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
        declared = ids_11930 + ids_other if args.controls is None else rng.sample(every_control, args.controls)
        system["controls"] = {control: rng.choice(STATUSES) for control in declared}
        certs = []
        for index in range(per_system):
            serial += 1
            leaf = certificate(name(f"Người ký {number}-{index}", f"Đơn vị {org_index}"), leaf_key, ca.subject, ca_key,
                               "2025-01-01", rng.choice(["2026-12-20", "2029-01-01", "2029-01-01", "2025-06-01"]),
                               serial=serial, eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
            file = f"certs/c{serial:07d}.pem"
            open(os.path.join(out, "Inventories", file), "wb").write(pem(leaf) + (b"" if args.leaf_only else pem(ca)))
            certs.append({"file": file, "purpose": "document-signing"})
        system["certificates"] = certs
        systems.append(system)
    inventory = {"organization": {"id": org_id, "name": f"Đơn vị thử tải {org_index}",
                                  "units": [{"id": "vp", "name": "Văn phòng", "security-unit": True},
                                            {"id": "cntt", "name": "Trung tâm CNTT"}]},
                 "systems": systems}
    with open(os.path.join(out, "Inventories", f"{org_id}.yaml"), "w") as handle:
        yaml.safe_dump(inventory, handle, allow_unicode=True, sort_keys=False, width=120)
print(f"{count} systems, {serial - 1000} certificates in {out}" + (" (first-inventory shape)" if args.first_inventory else ""))
