import Foundation
import TuanThuPKI

/// The engine's entry point for `tuanthu certs` and `tuanthu verify`: trust material and profiles
/// loaded from the command line, files checked, results as values.
public struct PKISession: Sendable {
    public let checker: CertificateChecker
    public let time: Timestamp

    /// - Parameters:
    ///   - trust: PEM/DER files or folders of anchors (only these are trusted).
    ///   - profile: the profile for the purpose (from `Rules/profiles/`, or the built-in one).
    public init(trust: [URL], untrusted: [URL], crls: [URL], time: Timestamp, profile: CertificateProfile) throws {
        let anchors = try Self.certificates(in: trust)
        guard !anchors.isEmpty else {
            throw EngineError.usage("no trust anchor found in \(trust.map(\.path).joined(separator: ", "))")
        }
        let material = TrustMaterial(anchors: anchors, intermediates: try Self.certificates(in: untrusted),
                                     crls: try crls.flatMap { url in
                                         try Self.wrap { try RevocationList.load(contentsOf: url, path: url.relativePath) }
                                     })
        checker = CertificateChecker(trust: material, profile: profile)
        self.time = time
    }

    /// The profile for a purpose from a rules folder, or the built-in one when there is no folder.
    public static func profile(for purpose: CertificatePurpose, rules: URL?) throws -> CertificateProfile {
        guard let rules else { return purpose.builtInProfile }
        let workspace = try Workspace(root: rules.deletingLastPathComponent())
        return try CatalogLoader(workspace: workspace).load(folder: rules).certificateProfile(for: purpose)
    }

    /// Each file's first certificate, checked; later certificates in a file serve as intermediates.
    public func checkCertificates(_ files: [URL]) throws -> [(file: String, report: CertificateReport)] {
        let loaded = try files.map { url in (url.relativePath, try Self.wrap { try Certificate.load(contentsOf: url, path: url.relativePath) }) }
        let carried = loaded.flatMap { $0.1.dropFirst() }
        return loaded.compactMap { file, certificates in
            certificates.first.map { (file, checker.check($0, at: time, carried: carried)) }
        }
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
