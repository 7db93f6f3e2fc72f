import ArgumentParser
import Foundation
import TuanThuEngine
import TuanThuPKI

extension Timestamp: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

extension CertificatePurpose: ExpressibleByArgument {}

/// The flags `certs` and `verify` share.
struct PKIOptions: ParsableArguments {
    @Option(name: .long, help: "Trust anchors: a PEM/DER file or a folder; repeatable (default: the built-in public roots, and ./Policies/trust when present).")
    var trust: [String] = []

    @Option(name: .long, help: "Intermediate certificates (untrusted); repeatable.")
    var untrusted: [String] = []

    @Option(name: .long, help: "CRL file (PEM or DER); repeatable. With CRLs, revocation is checked.")
    var crl: [String] = []

    @Option(name: .customLong("as-of"), help: "Validation time: YYYY-MM-DDTHH:MM:SSZ (or with ±HH:MM), or YYYY-MM-DD for 00:00 UTC of that day, as an audit judges its certificates (default: now).")
    var asOf: Timestamp?

    @Option(name: .long, help: "document-signing or any.")
    var purpose: CertificatePurpose = .documentSigning

    @Option(name: .long, help: "Rules folder replacing the built-in rules (certificate profiles, trust anchors); for rule authors.")
    var rules: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Judge by the RFC 5280 profile too: OpenSSL's strict checks, and the profile errors PKI.PROFILE lists make a certificate invalid.",
        discussion: "Without it the profile's errors are reported (PKI.PROFILE) but the verdict is OpenSSL's path validation."))
    var strict = false

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func session() throws -> PKISession {
        let catalog = try PKISession.catalog(rules: rules.map { URL(fileURLWithPath: $0) })
        let time = asOf ?? Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        return try PKISession(trust: trust.map { URL(fileURLWithPath: $0) }, anchors: catalog.trustAnchors,
                              untrusted: untrusted.map { URL(fileURLWithPath: $0) },
                              crls: crl.map { URL(fileURLWithPath: $0) }, time: time,
                              profile: catalog.certificateProfile(for: purpose), rules: PKIRuleIDs(catalog),
                              strict: strict)
    }
}
