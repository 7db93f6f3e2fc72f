import Foundation
import Testing
@testable import TuanThuPKI

struct CertificateCheckerTests {
    func report(_ name: String, crls: [String] = ["inter.crl.pem", "root.crl.pem"],
                profile: CertificateProfile = .documentSigning) throws -> CertificateReport {
        try TestPKI.checker(profile: profile, crls: crls).check(try TestPKI.certificate(name), at: TestPKI.auditTime)
    }

    func failed(_ report: CertificateReport) -> Set<CertificateCheck.Kind> {
        Set(report.checks.filter { $0.status == .fail }.map(\.kind))
    }

    @Test func goodCertificatePassesEveryCheck() throws {
        let result = try report("good.pem")
        #expect(result.isValid)
        #expect(failed(result).isEmpty)
        #expect(result.chain.count == 3)
        #expect(result.certificate.subjectOrganization == "Sở Lao động - Thương binh và Xã hội")
        #expect(result.certificate.subjectCommonName == "Văn thư good")
        #expect(result.certificate.keyAlgorithm == .rsa && result.certificate.keyBits == 2048)
        #expect(result.certificate.extendedKeyUsage == ["emailProtection"])
        #expect(try report("ec.pem").isValid)
    }

    @Test(arguments: [
        ("expired.pem", CertificateCheck.Kind.validity),
        ("notyet.pem", .validity),
        ("weak.pem", .key),
        ("weak-ec.pem", .key),
        ("dsa.pem", .key),
        ("sha1.pem", .signatureAlgorithm),
        ("wrong-ku.pem", .keyUsage),
        ("wrong-eku.pem", .keyUsage),
        ("revoked.pem", .revoked),
        ("untrusted.pem", .chain),
    ])
    func eachDefectFailsItsOwnCheck(name: String, kind: CertificateCheck.Kind) throws {
        let result = try report(name)
        #expect(!result.isValid, "\(name)")
        #expect(failed(result) == [kind], "\(name): \(result.checks.filter { $0.status == .fail }.map(\.message.en))")
    }

    @Test func expiringSoonIsAWarningNotInvalid() throws {
        let result = try report("expiring.pem")
        #expect(result.isValid)
        #expect(failed(result) == [.expiring])
    }

    @Test func withoutCRLsRevocationIsUnchecked() throws {
        let result = try report("revoked.pem", crls: [])
        #expect(result.check(.revoked)?.status == .unchecked)
        #expect(result.isValid)
    }

    @Test func staleCRLMakesRevocationUnknown() throws {
        let result = try report("good.pem", crls: ["stale.crl.pem", "root.crl.pem"])
        #expect(result.check(.revoked)?.status == .fail)
        #expect(result.check(.revoked)?.message.en.contains("cannot be determined") == true)
    }

    @Test func anyPurposeIgnoresKeyUsage() throws {
        #expect(try report("wrong-eku.pem", profile: .any).isValid)
        #expect(!(try report("weak.pem", profile: .any).isValid))
    }

    @Test func onlyConfiguredAnchorsAreTrusted() throws {
        let checker = CertificateChecker(trust: TrustMaterial(anchors: [try TestPKI.certificate("other-root.pem")],
                                                              intermediates: [try TestPKI.certificate("inter.pem")]),
                                         profile: .documentSigning)
        let result = checker.check(try TestPKI.certificate("good.pem"), at: TestPKI.auditTime)
        #expect(result.check(.chain)?.status == .fail)
    }

    @Test func derAndPEMAreBothRead() throws {
        let der = try TestPKI.certificate("good.der")
        let pem = try TestPKI.certificate("good.pem")
        #expect(der.info.fingerprint == pem.info.fingerprint)
        #expect(try Certificate.load(TestPKI.bytes("chain.pem"), path: "chain.pem").count == 2)
        #expect(try RevocationList.load(TestPKI.bytes("inter.crl.der"), path: "x").count == 1)
    }

    @Test(arguments: ["notes.txt", "truncated.pem", "good.key", "garbage.p7s", "inter.crl.pem"])
    func garbageIsAnErrorNotACrash(name: String) throws {
        #expect(throws: PKIError.self) { try Certificate.load(TestPKI.bytes(name), path: name) }
    }

    @Test func privateKeyPEMIsNamedAsSuch() throws {
        do {
            _ = try Certificate.load(TestPKI.bytes("good.key"), path: "good.key")
        } catch let error as PKIError {
            #expect(error.description.contains("private key"))
        }
    }

    @Test func encryptedPrivateKeyIsFoundWithoutAskingForItsPassphrase() throws {
        let plain = try #require(PrivateKeyDetector.inspect(TestPKI.bytes("good.key"), fileName: "good.key"))
        #expect(plain.publicKey != nil)
        let encrypted = try #require(PrivateKeyDetector.inspect(TestPKI.bytes("good-encrypted.key"), fileName: "e.key"))
        #expect(encrypted.kind == "PEM private key")
        #expect(encrypted.publicKey == nil)
    }

    /// Whatever the file's name and wherever the key lies in it (issue 20).
    @Test func keysAreFoundInEveryEncodingAndPosition() throws {
        let kinds = try ["stray-encrypted-pkcs8.bin", "stray-pkcs1.bin", "stray-bundle.dat", "stray-openssh.txt"].map {
            try #require(PrivateKeyDetector.inspect(TestPKI.bytes($0), fileName: $0), "\($0)").kind
        }
        #expect(kinds == ["encrypted DER private key (PKCS#8)", "DER private key", "PKCS#12 bundle", "PEM private key"])
        let pkcs1 = try #require(PrivateKeyDetector.inspect(TestPKI.bytes("stray-pkcs1.bin"), fileName: "x"))
        #expect(try pkcs1.publicKey == TestPKI.certificate("good.pem").publicKeyDER)
        // Past the first 64 KiB of a text file.
        let late = Array(String(repeating: "không phải khóa\n", count: 8_000).utf8) + (try TestPKI.bytes("good.key"))
        #expect(late.count > 100_000)
        #expect(PrivateKeyDetector.inspect(late, fileName: "notes.md")?.kind == "PEM private key")
        // A key appended to a file too big to read at once (the scanner reads at most 10 MiB).
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-big-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: big) }
        var bytes = [UInt8](repeating: 0x41, count: (12 << 20) - 7)
        try Data(bytes + (try TestPKI.bytes("good.key"))).write(to: big)
        #expect(PrivateKeyDetector.inspectLarge(atPath: big.path)?.kind == "PEM private key")
        bytes[9_000_000] = 0x2D
        try Data(bytes).write(to: big)
        #expect(PrivateKeyDetector.inspectLarge(atPath: big.path) == nil)
        // Public artefacts are not keys, DER ones included.
        for name in ["good.pem", "root.der", "doc.txt.p7s", "inter.crl.pem", "signed.pdf"] {
            #expect(PrivateKeyDetector.inspect(try TestPKI.bytes(name), fileName: name) == nil, "\(name)")
        }
    }

    @Test func cacheParsesARepeatedPEMBlockOnce() throws {
        let cache = CertificateCache()
        let chain = try TestPKI.bytes("chain.pem")
        let first = try cache.load(chain, path: "a.pem")
        let second = try cache.load(try TestPKI.bytes("inter.pem") + chain, path: "b.pem")
        #expect(first.count == 2 && second.count == 3)
        #expect(first[0] === second[0] && first[0] === second[1], "the same intermediate is one object")
        #expect(throws: PKIError.self) { try cache.load(TestPKI.bytes("truncated.pem"), path: "t.pem") }
    }

    /// PEM is read as `PEM_read_bio_X509` reads it: the same labels, headers and errors; an
    /// encrypted block is refused without asking for a password.
    @Test func pemBlocksAreReadAsOpenSSLReadsThem() throws {
        let good = String(decoding: try TestPKI.bytes("good.pem"), as: UTF8.self)
        func reason(_ text: String) -> String {
            do {
                _ = try Certificate.load(Array(text.utf8), path: "c.pem")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(reason(good) == "accepted")
        let old = good.replacingOccurrences(of: "BEGIN CERTIFICATE-----", with: "BEGIN X509 CERTIFICATE-----")
            .replacingOccurrences(of: "END CERTIFICATE-----", with: "END X509 CERTIFICATE-----")
        #expect(reason(old) == "accepted")
        let trusted = good.replacingOccurrences(of: "CERTIFICATE-----", with: "TRUSTED CERTIFICATE-----")
        #expect(reason(trusted).contains("no start line"), "\(reason(trusted))")
        let header = good.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\n",
                                               with: "-----BEGIN CERTIFICATE-----\nComment: x\n\n")
        #expect(reason(header).contains("not proc type"), "\(reason(header))")
        let encryption = "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"
        let encrypted = good.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\n",
                                                  with: "-----BEGIN CERTIFICATE-----\n" + encryption)
        #expect(reason(encrypted) != "accepted")
        let damaged = "-----BEGIN CERTIFICATE-----\nMIIBAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n"
        #expect(reason(damaged).contains("ASN1 lib"), "\(reason(damaged))")
    }

    /// Distinguished-name values are escaped as RFC 2253 §2.4 says (and `X509_NAME_print_ex` with
    /// `XN_FLAG_RFC2253` writes, UTF-8 kept); a value with nothing to escape comes back as it is.
    @Test(arguments: [
        ("Sở Nội vụ tỉnh Tuyên Quang", "Sở Nội vụ tỉnh Tuyên Quang"), ("", ""), ("a,b", "a\\,b"), ("a+b", "a\\+b"),
        ("say \"hi\"", "say \\\"hi\\\""), ("back\\slash", "back\\\\slash"), ("<x>", "\\<x\\>"), ("x;", "x\\;"),
        ("#1", "\\#1"), ("a#1", "a#1"), (" lead", "\\ lead"), ("trail ", "trail\\ "), ("in side", "in side"),
        ("bell\u{07}", "bell\\07"), ("del\u{7F}", "del\\7F"), ("c1\u{85}", "c1\u{85}"), ("Công ty, Chi nhánh", "Công ty\\, Chi nhánh"),
    ])
    func distinguishedNameValuesAreEscapedAsRFC2253Says(value: String, escaped: String) {
        #expect(Names.escape(value) == escaped)
        #expect(Names.needsEscape(value) == (escaped != value))
    }
}
