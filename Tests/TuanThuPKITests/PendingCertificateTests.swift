import Foundation
import Testing
@testable import TuanThuPKI

/// A leaf left pending (`CertificateCache.read`) is the certificate `load` reads, and nothing
/// OpenSSL takes for a CA is ever left pending.
struct PendingCertificateTests {
    @Test func aLeafWaitsAndParsesAsLoadParsesIt() throws {
        for name in ["good.pem", "good.der", "ec.pem", "expired.pem", "wrong-eku.pem", "weak.pem"] {
            let bytes = try TestPKI.bytes(name)
            let file = try CertificateCache().read(bytes, path: name)
            guard case .pending(let pending, let rest) = file, rest.isEmpty else {
                Issue.record("\(name) was parsed at once")
                continue
            }
            let later = try pending.parse()
            let now = try Certificate.load(bytes, path: name)
            #expect(now.count == 1)
            #expect(later.info == now[0].info, "\(name)")
            #expect(!later.info.isCA)
        }
    }

    /// A waiting leaf knows its key's family from the algorithm its SubjectPublicKeyInfo names,
    /// and is parsed in that family's context when there is one: the same certificate, key and
    /// all.
    @Test func aLeafKnowsItsKeysFamily() throws {
        for (name, family) in [("good.pem", CertificateParsingProvider.Family.rsaKeys), ("ec.pem", .namedCurveKeys),
                               ("weak.pem", .rsaKeys)] {
            guard case .pending(let pending, _) = try CertificateCache().read(try TestPKI.bytes(name), path: name) else {
                Issue.record("\(name) was parsed at once")
                continue
            }
            #expect(pending.family == family, "\(name)")
            if LibraryContexts.parseWithFewerDecoders {
                #expect(LibraryContexts.current(for: family) != nil)
                #expect(LibraryContexts.current(for: family) != LibraryContexts.current)
            }
            let parsed = try pending.parse()
            #expect(parsed.info == (try Certificate.load(try TestPKI.bytes(name), path: name))[0].info)
            #expect(parsed.info.keyAlgorithm == (family == .rsaKeys ? .rsa : .ec))
        }
        // Another key type, or a certificate whose key's algorithm cannot be read: any decoder.
        let der = try #require(LeafReading.leafDER(try TestPKI.bytes("good.pem")))
        var other = der
        let rsa: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        let at = try #require((0...(other.count - rsa.count)).first { Array(other[$0..<($0 + rsa.count)]) == rsa })
        other[at + rsa.count - 1] = 0x0A  // RSASSA-PSS
        #expect(LeafReading.leafKeyFamily(other) == .publicKeys)
        // Signed with another algorithm than RSA PKCS #1 v1.5 or ECDSA (here RSASSA-PSS, in the
        // outer signatureAlgorithm): the usual context, whose key managers are all there.
        #expect(LeafReading.leafKeyFamily(der) == .rsaKeys)
        let sha256WithRSA: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]
        let outer = try #require((0...(der.count - sha256WithRSA.count)).last {
            Array(der[$0..<($0 + sha256WithRSA.count)]) == sha256WithRSA
        })
        var signedOtherwise = der
        signedOtherwise[outer + sha256WithRSA.count - 1] = 0x0A
        #expect(LeafReading.leafKeyFamily(signedOtherwise) == .publicKeys)
        #expect(LeafReading.leafKeyFamily(try #require(LeafReading.leafDER(try TestPKI.bytes("ec.pem")))) == .namedCurveKeys)
        #expect(LeafReading.leafKeyFamily(Array(der.prefix(der.count - 1))) == nil)
    }

    @Test func certificateAuthoritiesAndUnusualFilesAreParsedAtOnce() throws {
        // CA certificates, and a block with a header.
        var inputs: [(String, [UInt8])] = try ["root.pem", "inter.pem", "root.der"].map { ($0, try TestPKI.bytes($0)) }
        let good = try TestPKI.bytes("good.pem")
        var lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.insert("Comment: x", at: 1)
        inputs.append(("with-header.pem", Array(lines.joined(separator: "\n").utf8)))
        // Parsed at once: the same certificates, or the same error (OpenSSL refuses a PEM header).
        func outcome(_ body: () throws -> [Certificate]) -> String {
            do { return try body().map(\.info.fingerprint).joined(separator: " ") } catch { return "\(error)" }
        }
        for (name, bytes) in inputs {
            #expect(outcome {
                // A pending file would show no certificate here, and differ from `load`.
                guard case .parsed(let certificates) = try CertificateCache().read(bytes, path: name) else { return [] }
                return certificates
            }
                == outcome { try Certificate.load(bytes, path: name) }, "\(name)")
        }
    }

    /// A chain file's leaf waits; the certificates after it are parsed, as `load` parses them; text
    /// around the blocks is ignored as `load` ignores it.
    @Test func aChainsLeafWaitsAndTheRestIsParsed() throws {
        let chain = try TestPKI.bytes("good.pem") + TestPKI.bytes("chain.pem")
        for (name, bytes) in [("leaf-and-chain.pem", chain),
                              ("with-text.pem", Array("subject=CN = someone\n".utf8) + chain)] {
            guard case .pending(let pending, let rest) = try CertificateCache().read(bytes, path: name) else {
                Issue.record("\(name): the leaf was parsed at once")
                continue
            }
            let all = try Certificate.load(bytes, path: name)
            #expect(([try pending.parse()] + rest).map(\.info) == all.map(\.info), "\(name)")
            #expect(!rest.isEmpty)
        }
    }

    @Test func windowsLineEndsAndLongerLinesStillWait() throws {
        let text = String(decoding: try TestPKI.bytes("good.pem"), as: UTF8.self)
        let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        guard case .pending(let pending, _) = try CertificateCache().read(crlf, path: "crlf.pem") else {
            Issue.record("a PEM with CRLF line ends was parsed at once")
            return
        }
        #expect(try pending.parse().info == (try TestPKI.certificate("good.pem")).info)
    }

    @Test func base64AsFoundationDecodesIt() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<200 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = Array(Data(bytes).base64EncodedString().utf8)
            #expect(LeafReading.base64(text) == (count == 0 ? nil : bytes))
        }
        for bad in ["AB=C", "A===", "ABC", "AB C", "AB\u{0}C", "=ABC", "ABCD=BCD", "AB==ABCD", "ABCDA=CD"] {
            #expect(LeafReading.base64(Array(bad.utf8)) == nil, "\(bad)")
        }
        // A byte outside ASCII, in a quad before the last or in the last.
        #expect(LeafReading.base64([0x41, 0x42, 0x43, 0xC3, 0x41, 0x42, 0x43, 0x44]) == nil)
        #expect(LeafReading.base64([0x41, 0x42, 0x43, 0x44, 0x41, 0x42, 0xFF, 0x3D]) == nil)
    }

    /// Damaged certificates: whatever the plain reading leaves pending, OpenSSL either refuses or
    /// reads as no CA — so a CA is never missing from the intermediates.
    @Test func aCertificateAuthorityNeverWaits() throws {
        var generator = SystemRandomNumberGenerator()
        var pendingCount = 0
        for name in ["good.der", "root.der"] {
            let original = try TestPKI.bytes(name)
            for _ in 0..<1_500 {
                var der = original
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    der[Int.random(in: 0..<der.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                guard let leaf = LeafReading.leafDER(der) else { continue }
                pendingCount += 1
                if let parsed = try? Certificate.load(leaf, path: "damaged.der") {
                    #expect(!parsed[0].info.isCA, "\(Data(der).base64EncodedString())")
                }
            }
        }
        #expect(pendingCount > 0)
    }
}

extension LeafReading {
    /// The DER of a file that is one leaf certificate, PEM or DER as `CertificateCache.read` finds it.
    static func leafDER(_ data: [UInt8]) -> [UInt8]? {
        let der: [UInt8]
        if data.first == 0x30 {
            guard !PEM.looksLikePEM(data) else { return nil }
            der = data
        } else {
            let blocks = PEM.blocks(data, label: "CERTIFICATE")
            guard blocks.count == 1, let decoded = blockDER(blocks[0]) else { return nil }
            der = decoded
        }
        return surelyLeaf(der) ? der : nil
    }
}
