import TuanThuEngine

// The systems of the JSON report write themselves, like findings (`FindingJSON.swift`): going
// through the encoder tree cost a dynamic cast and a boxed value per member. Members are written
// in sorted key order and nil ones left out, so that the text is byte for byte what their
// `Encodable` conformance gives (a test runs the sample's systems through both).

extension JSONTextWriter {
    mutating func field(_ name: StaticString, _ value: Int?, indent: Int) {
        guard let value else { return }
        field(name, value, indent: indent)
    }

    mutating func field(_ name: StaticString, _ value: Bool?, indent: Int) {
        guard let value else { return }
        field(name, value, indent: indent)
    }

    mutating func field(_ name: StaticString, _ values: [String], indent: Int) {
        key(name, indent: indent)
        writeArray(values, indent: indent + 2) { writer, value, _ in writer.writeString(value) }
    }

    mutating func field<Item: DirectJSONWritable>(_ name: StaticString, _ items: [Item], indent: Int) {
        key(name, indent: indent)
        writeArray(items, indent: indent + 2) { writer, item, indent in item.writeJSON(&writer, indent: indent) }
    }
}

extension JSONReport.SystemInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("approval", approval, indent: indent)
        writer.field("approvalStatus", approvalStatus, indent: indent)
        writer.field("approvedLevel", approvedLevel, indent: indent)
        writer.field("baseline", baseline, indent: indent)
        writer.field("certificates", certificates, indent: indent)
        writer.field("compliance", compliance, indent: indent)
        writer.field("criteria", criteria, indent: indent)
        writer.field("documents", documents, indent: indent)
        writer.field("effectiveLevel", effectiveLevel, indent: indent)
        writer.field("id", id, indent: indent)
        writer.field("ladder", ladder, indent: indent)
        writer.field("location", location, indent: indent)
        writer.field("name", name, indent: indent)
        writer.field("operator", `operator`, indent: indent)
        writer.field("proposedLevel", proposedLevel, indent: indent)
        writer.field("regime", regime, indent: indent)
        writer.field("requiredLevel", requiredLevel, indent: indent)
        writer.field("requiredLevelUnderRegimeInForce", requiredLevelUnderRegimeInForce, indent: indent)
        writer.field("requirementsRegime", requirementsRegime, indent: indent)
        writer.field("signedDocuments", signedDocuments, indent: indent)
        writer.field("transition", transition, indent: indent)
        writer.field("transitionDeadline", transitionDeadline, indent: indent)
        writer.field("type", type, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.ApprovalInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("appraiser", appraiser, indent: indent)
        writer.field("approver", approver, indent: indent)
        writer.field("date", date, indent: indent)
        writer.field("decision", decision, indent: indent)
        writer.field("document", document, indent: indent)
        writer.field("regime", regime, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.ComplianceInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("failed", failed, indent: indent)
        writer.field("manual", manual, indent: indent)
        writer.field("notApplicable", notApplicable, indent: indent)
        writer.field("notAssessed", notAssessed, indent: indent)
        writer.field("passed", passed, indent: indent)
        writer.field("percent", percent, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.CertificateEntry: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("failedChecks", failedChecks, indent: indent)
        writer.field("file", file, indent: indent)
        writer.field("fingerprint", fingerprint, indent: indent)
        writer.field("holder", holder, indent: indent)
        writer.field("issuer", issuer, indent: indent)
        writer.field("key", key, indent: indent)
        writer.field("notAfter", notAfter, indent: indent)
        writer.field("notBefore", notBefore, indent: indent)
        writer.field("organization", organization, indent: indent)
        writer.field("purpose", purpose, indent: indent)
        writer.field("serial", serial, indent: indent)
        writer.field("signatureAlgorithm", signatureAlgorithm, indent: indent)
        writer.field("subject", subject, indent: indent)
        writer.field("valid", valid, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.DocumentEntry: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("path", path, indent: indent)
        writer.field("problem", problem, indent: indent)
        writer.field("signatures", signatures, indent: indent)
        writer.field("valid", valid, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.SignatureEntry: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("certificateValidity", certificateValidity, indent: indent)
        writer.field("coverage", coverage, indent: indent)
        writer.field("integrity", integrity, indent: indent)
        writer.field("issuer", issuer, indent: indent)
        writer.field("organization", organization, indent: indent)
        writer.field("signer", signer, indent: indent)
        writer.field("signingTime", signingTime, indent: indent)
        writer.field("valid", valid, indent: indent)
        writer.field("validAtSigningTime", validAtSigningTime, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.SignedShare: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("total", total, indent: indent)
        writer.field("valid", valid, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension JSONReport.LadderInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("nextLevel", nextLevel, indent: indent)
        writer.field("nextLevelGaps", nextLevelGaps, indent: indent)
        writer.field("transitionBaseline", transitionBaseline, indent: indent)
        writer.field("transitionDeadline", transitionDeadline, indent: indent)
        writer.field("transitionGaps", transitionGaps, indent: indent)
        writer.closeObject(indent: indent)
    }
}

/// The manifest lists every file the audit read (a thousand for an organisation of 500 systems
/// with two certificates each): through the encoder tree, each entry and each of its members
/// cost a few dynamic casts, searches for a conformance that fail (2.5% of a large audit).
extension JSONReport.ManifestInfo: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("files", files, indent: indent)
        writer.field("sha256", sha256, indent: indent)
        writer.closeObject(indent: indent)
    }
}

extension InputManifest.Entry: DirectJSONWritable {
    func writeJSON(_ writer: inout JSONTextWriter, indent: Int) {
        writer.openObject()
        writer.field("bytes", bytes, indent: indent)
        writer.field("kind", kind.rawValue, indent: indent)
        writer.field("path", path, indent: indent)
        writer.field("sha256", sha256, indent: indent)
        writer.closeObject(indent: indent)
    }
}
