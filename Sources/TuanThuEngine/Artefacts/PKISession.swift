import Foundation
import TuanThuPKI

/// The engine's entry point for `tuanthu certs` and `tuanthu verify`: trust material and profiles
/// loaded from the command line, files checked, results as values.
public struct PKISession: Sendable {
    public let checker: CertificateChecker
    public let time: Timestamp
    /// The ids of the rules that report each check, as `audit` names them.
    public let rules: PKIRuleIDs

    /// - Parameters:
    ///   - trust: PEM/DER files or folders of anchors given on the command line.
    ///   - anchors: anchors of the rules (used when `trust` is empty; only these are then trusted).
    ///   - profile: the profile for the purpose (from the rules' `profiles/`).
    ///   - rules: the ids of the catalog's rules for the checks.
    ///   - strict: OpenSSL's X509_V_FLAG_X509_STRICT, and profile errors make a certificate invalid.
    public init(trust: [URL], anchors ruleAnchors: [RuleFile] = [], untrusted: [URL], crls: [URL], time: Timestamp,
                profile: CertificateProfile, rules: PKIRuleIDs = .contract, strict: Bool = false) throws {
        let anchors = trust.isEmpty
            ? try ruleAnchors.flatMap { file in try Self.wrap { try Certificate.load(file.bytes, path: file.display) } }
            : try Self.certificates(in: trust)
        guard !anchors.isEmpty else {
            throw EngineError.usage(trust.isEmpty ? "no trust anchor: give them with --trust PATH"
                                    : "no trust anchor found in \(trust.map(\.path).joined(separator: ", "))")
        }
        let material = TrustMaterial(anchors: anchors, intermediates: try Self.certificates(in: untrusted),
                                     crls: try crls.flatMap { url in
                                         try Self.wrap { try RevocationList.load(contentsOf: url, path: url.relativePath) }
                                     })
        var policy = PolicyInputs()
        policy.strict = strict
        checker = CertificateChecker(trust: material, profile: profile, policy: policy, rules: rules.certificate)
        self.time = time
        self.rules = rules
    }

    /// The rules `certs` and `verify` read, in the current folder: `--rules DIR` or the built-in
    /// catalog, with `./Policies` (its extra trust anchors) when there is one.
    public static func catalog(rules: URL?) throws -> RuleCatalog {
        let here = try Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let set = try rules.map { try RuleSet.folder($0, workspace: here) } ?? RuleSet.builtIn
        let policies = try AuditSession.policyFolder(nil, in: here).map { try RuleSet.folder($0, workspace: here) }
        return try CatalogLoader(workspace: here).load(set, policies: policies)
    }

    /// Each file's first certificate, checked; later certificates in a file serve as intermediates.
    public func checkCertificates(_ files: [URL]) throws -> [(file: String, report: CertificateReport)] {
        var results: [(file: String, report: CertificateReport)] = []
        try checkCertificates(try Self.loadCertificates(files), render: { ($0, $1) }, deliver: { results.append($0) })
        return results
    }

    /// Each file's certificates, read and parsed on every core; the first unusable file (in the
    /// order given) throws. Needs no session: `certs` reads its files while the rules load.
    public static func loadCertificates(_ files: [URL]) throws -> [LoadedFile] {
        let loaded = try Parallel.map(files) { url in
            LoadedFile(path: url.relativePath,
                       certificates: try Self.wrap { try Certificate.load(contentsOf: url, path: url.relativePath) })
        }
        // Freed by the exit, not one by one.
        ProcessLifetime.keep(loaded)
        return loaded
    }

    /// A certificate file as given, and what it holds.
    public struct LoadedFile: Sendable {
        public let path: String
        public let certificates: [Certificate]
    }

    /// Checks each file's first certificate (the others serve every file as intermediates) on all
    /// cores, the files read first (`loadCertificates`: an unusable one stops the command before
    /// anything is written). `render` makes each result's output on the thread that checked it;
    /// `deliver` receives the outputs in the order of the files as they are ready.
    public func checkCertificates<Output>(_ loaded: [LoadedFile], render: (String, CertificateReport) throws -> Output,
                                          deliver: (Output) -> Void) throws {
        let carried = loaded.flatMap { $0.certificates.dropFirst() }
        let checker = checker
        let time = time
        var failure: Error?
        Parallel.ordered(count: loaded.count, { index -> Result<Output, Error>? in
            let file = loaded[index].path
            return loaded[index].certificates.first.map { certificate in
                Result { try render(file, checker.check(certificate, at: time, carried: carried)) }
            }
        }, deliver: { _, result in
            guard failure == nil, let result else { return }
            switch result {
            case .success(let output): deliver(output)
            case .failure(let error): failure = error
            }
        })
        if let failure { throw failure }
    }

    /// A signed PDF (every signature), or a CMS signature (`content` when detached).
    public func verify(_ file: URL, content: URL?) throws -> [SignatureReport] {
        let path = file.relativePath
        let data = try Self.wrap { try FileBytes.read(file, path: path, limit: 200 * 1024 * 1024) }
        let verifier = SignatureVerifier(checker: checker)
        if PDFSignatureScanner.isPDF(data) {
            guard content == nil else { throw EngineError.usage("--content is for detached CMS signatures, not PDFs") }
            return verifier.verifyPDF(data, at: time, path: path)
        }
        let signed = try content.map { url in
            try Self.wrap { try FileBytes.read(url, path: url.relativePath, limit: 200 * 1024 * 1024) }
        }
        return [try Self.wrap { try verifier.verify(data, content: signed, at: time, path: path) }]
    }

    private static func certificates(in paths: [URL]) throws -> [Certificate] {
        var result: [Certificate] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw EngineError.usage("'\(path.relativePath)' does not exist")
            }
            let files = isDirectory.boolValue ? certificateFiles(in: path) : [path]
            for file in files {
                result += try wrap { try Certificate.load(contentsOf: file, path: file.relativePath) }
            }
        }
        return result
    }

    /// The certificate files (`.pem`, `.crt`, `.cer`, `.der`) directly in a folder, sorted.
    static func certificateFiles(in folder: URL) -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { ["pem", "crt", "cer", "der"].contains($0.pathExtension.lowercased()) }
            .sorted { $0.path < $1.path }
    }

    /// PKI errors are unusable input: exit code 2, named by file.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PKIError {
            throw EngineError.unreadable(path: error.path, reason: error.reason)
        }
    }
}
