import Foundation
@testable import TuanThuPKI

/// The test PKI, generated once per test run by `Tests/Fixtures/pki/generate.py`.
enum TestPKI {
    static let folder: URL = {
        let folder = Scratch.folder("pki")
        let script = Conformance.repositoryRoot.appendingPathComponent("Tests/Fixtures/pki/generate.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            fatalError("cannot run the test PKI generator: \(error)")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("the test PKI generator failed:\n\(output)") }
        return folder
    }()

    static let auditTime = Timestamp(iso: "2026-12-01T00:00:00Z")!

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    static func certificate(_ name: String) throws -> Certificate {
        try Certificate.load(bytes(name), path: name)[0]
    }

    static func trust(crls: [String] = []) throws -> TrustMaterial {
        TrustMaterial(anchors: [try certificate("root.pem")], intermediates: [try certificate("inter.pem")],
                      crls: try crls.flatMap { try RevocationList.load(bytes($0), path: $0) })
    }

    static func checker(profile: CertificateProfile = .documentSigning, crls: [String] = []) throws -> CertificateChecker {
        CertificateChecker(trust: try trust(crls: crls), profile: profile)
    }
}
