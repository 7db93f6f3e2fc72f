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
    @Option(name: .long, help: "Trust anchors: a PEM/DER file or a folder; repeatable (default: Rules/trust).")
    var trust: [String] = []

    @Option(name: .long, help: "Intermediate certificates (untrusted); repeatable.")
    var untrusted: [String] = []

    @Option(name: .long, help: "CRL file (PEM or DER); repeatable. With CRLs, revocation is checked.")
    var crl: [String] = []

    @Option(name: .customLong("as-of"), help: "Validation time: YYYY-MM-DDTHH:MM:SSZ (or with ±HH:MM), or YYYY-MM-DD for 00:00 UTC of that day, as an audit judges its certificates (default: now).")
    var asOf: Timestamp?

    @Option(name: .long, help: "document-signing or any.")
    var purpose: CertificatePurpose = .documentSigning

    @Option(name: .long, help: "Rules folder with certificate profiles (default: ./Rules when present).")
    var rules: String?

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func session() throws -> PKISession {
        let rulesFolder = rules.map { URL(fileURLWithPath: $0) }
            ?? (FileManager.default.fileExists(atPath: "Rules") ? URL(fileURLWithPath: "Rules") : nil)
        var anchors = trust.map { URL(fileURLWithPath: $0) }
        if anchors.isEmpty {
            guard let rulesFolder, FileManager.default.fileExists(atPath: rulesFolder.appendingPathComponent("trust").path) else {
                throw ValidationError("give the trust anchors with --trust PATH")
            }
            anchors = [rulesFolder.appendingPathComponent("trust")]
        }
        let time = asOf ?? Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        return try PKISession(trust: anchors, untrusted: untrusted.map { URL(fileURLWithPath: $0) },
                              crls: crl.map { URL(fileURLWithPath: $0) }, time: time,
                              profile: try PKISession.profile(for: purpose, rules: rulesFolder))
    }
}
