import COpenSSL
import Foundation
import Testing
@testable import TuanThuPKI

/// `CertificateParsingProvider`: certificates parsed in tuanthu's library contexts must come out
/// exactly as in a context served by OpenSSL's `default` provider, for every certificate of the
/// conformance suites and of generated key types (RSA, RSA-PSS, EC on named and explicit curves,
/// DSA, Ed25519, Ed448, SM2, X25519, broken keys…).
struct ParsingProviderTests {

    /// What a parse gives, as text: the certificate's encoding, and its public key's type, size
    /// and encoding (or that there is none).
    static func parse(_ der: [UInt8], in context: OpaquePointer?) -> String {
        OpenSSLErrors.clear()
        defer { OpenSSLErrors.clear() }
        let certificate: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return ASN1_item_d2i_ex(nil, &cursor, buffer.count, X509_it(), context, nil)
        }
        guard let certificate else { return "unparseable" }
        defer { X509_free(certificate) }
        return describe(certificate)
    }

    /// A parsed certificate as `parse` describes it.
    static func describe(_ certificate: OpaquePointer) -> String {
        var encoded: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &encoded)
        let bytes = encoded.map { Array(UnsafeBufferPointer(start: $0, count: Int(length))) } ?? []
        tt_OPENSSL_free(encoded)
        guard let key = X509_get0_pubkey(certificate) else { return "\(bytes.count) bytes, no key" }
        var keyBytes: UnsafeMutablePointer<UInt8>?
        let keyLength = i2d_PUBKEY(key, &keyBytes)
        let keyEncoding = keyBytes.map { Array(UnsafeBufferPointer(start: $0, count: Int(keyLength))) } ?? []
        tt_OPENSSL_free(keyBytes)
        let type = EVP_PKEY_get0_type_name(key).map { String(cString: $0) } ?? "?"
        return "\(bytes.hashValue) \(bytes.count) bytes, \(type) \(EVP_PKEY_get_bits(key)) bits "
            + "(\(EVP_PKEY_get_security_bits(key))), key \(keyEncoding.hashValue)"
    }

    /// Every certificate the conformance suites hold, as DER.
    static func corpus() throws -> [(name: String, der: [UInt8])] {
        var result: [(String, [UInt8])] = []
        let pkits = Conformance.folder.appendingPathComponent("pkits/certs")
        for name in try FileManager.default.contentsOfDirectory(atPath: pkits.path).sorted() {
            result.append((name, [UInt8](try Data(contentsOf: pkits.appendingPathComponent(name)))))
        }
        let root = try #require(try Conformance.json("x509-limbo/limbo.json") as? [String: Any])
        for item in try #require(root["testcases"] as? [[String: Any]]) {
            let pems = [item["peer_certificate"] as? String ?? ""] + (item["trusted_certs"] as? [String] ?? [])
                + (item["untrusted_intermediates"] as? [String] ?? [])
            for pem in pems {
                for block in PEM.blocks(Array(pem.utf8), label: "CERTIFICATE") {
                    let body = String(decoding: block, as: UTF8.self).split(separator: "\n")
                        .filter { !$0.hasPrefix("-----") }.joined()
                    if let der = Data(base64Encoded: body) {
                        result.append(("limbo \(item["id"] ?? "")", [UInt8](der)))
                    }
                }
            }
        }
        // Key types the suites lack, made at test time, and a certificate cut short.
        let folder = Scratch.folder("key-types")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Conformance.repositoryRoot.appendingPathComponent("Tests/Fixtures/pki/key-types.sh").path,
                             folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "key-types.sh failed:\n\(output)")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            for certificate in try Certificate.load(contentsOf: folder.appendingPathComponent(name), path: name) {
                var encoded: UnsafeMutablePointer<UInt8>?
                let length = i2d_X509(certificate.pointer, &encoded)
                if let encoded {
                    result.append((name, Array(UnsafeBufferPointer(start: encoded, count: Int(length)))))
                }
                tt_OPENSSL_free(encoded)
            }
        }
        if let first = result.first { result.append(("cut short", Array(first.1.prefix(first.1.count / 2)))) }
        return result
    }

    /// The decoders a context offers, each by its names and property definition (`EC:… | input=der,…`).
    static func decoders(_ context: OpaquePointer?) -> [String] {
        var definitions: [String] = []
        withUnsafeMutablePointer(to: &definitions) { pointer in
            OSSL_DECODER_do_all_provided(context, { decoder, data in
                var names: [String] = []
                withUnsafeMutablePointer(to: &names) { list in
                    _ = OSSL_DECODER_names_do_all(decoder, { name, list in
                        guard let name else { return }
                        list?.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name).uppercased())
                    }, list)
                }
                let definition = OSSL_DECODER_get0_properties(decoder).map { String(cString: $0) } ?? ""
                data?.assumingMemoryBound(to: [String].self).pointee
                    .append(names.sorted().joined(separator: ":") + " | " + definition)
            }, pointer)
        }
        return definitions
    }

    /// The names of a decoder as `decoders` lists it.
    static func names(_ decoder: String) -> Set<String> {
        Set(decoder.split(separator: "|")[0].trimmingCharacters(in: .whitespaces).split(separator: ":").map(String.init))
    }

    /// The property definition of a decoder as `decoders` lists it.
    static func definition(_ decoder: String) -> String {
        decoder.split(separator: "|", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    static func decoderCount(_ context: OpaquePointer?) -> Int { decoders(context).count }

    /// `default`'s SubjectPublicKeyInfo decoders of key types that can sign, and no other (8 of 40
    /// in OpenSSL 3.0: the 12 SubjectPublicKeyInfo decoders but those of DH, DHX, X25519, X448).
    @Test func withoutConfiguredProvidersAContextOffersThePublicKeyDecoders() throws {
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let allPublicKeyDecoders = Self.decoders(plain).filter { decoder in
            Self.definition(decoder).withCString { CertificateParsingProvider.decodesPublicKeys($0) }
        }
        let publicKeyDecoders = allPublicKeyDecoders.filter {
            Self.names($0).isDisjoint(with: CertificateParsingProvider.keyTypesThatCannotSign)
        }
        #expect(!publicKeyDecoders.isEmpty)
        #expect(Self.decoderCount(plain) > allPublicKeyDecoders.count)
        // Each key type left out had a decoder of its own, and only those are left out.
        for keyType in CertificateParsingProvider.keyTypesThatCannotSign {
            #expect(allPublicKeyDecoders.contains { Self.names($0).contains(keyType) }, "no \(keyType) decoder in default")
        }
        #expect(allPublicKeyDecoders.count - publicKeyDecoders.count == CertificateParsingProvider.keyTypesThatCannotSign.count)
        for keyType in ["RSA", "RSA-PSS", "EC", "DSA", "ED25519", "ED448", "SM2"] {
            #expect(publicKeyDecoders.contains { Self.names($0).contains(keyType) }, "\(keyType) decoder left out")
        }
        let made = LibraryContexts.make(configuration: nil)
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        #expect(made.fewerDecoders)
        #expect(Self.decoders(context).sorted() == publicKeyDecoders.sorted())
        // tuanthu's own contexts follow this machine's configuration (which activates no provider
        // on the project's machine and in CI): with the provider, they offer the same decoders.
        if LibraryContexts.parseWithFewerDecoders {
            #expect(Self.decoders(LibraryContexts.current).sorted() == publicKeyDecoders.sorted())
        }
    }

    /// The key managers a context offers, each by its names.
    static func keyManagers(_ context: OpaquePointer?) -> [String] {
        var names: [String] = []
        withUnsafeMutablePointer(to: &names) { pointer in
            EVP_KEYMGMT_do_all_provided(context, { manager, data in
                var all: [String] = []
                withUnsafeMutablePointer(to: &all) { list in
                    _ = EVP_KEYMGMT_names_do_all(manager, { name, list in
                        guard let name else { return }
                        list?.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                    }, list)
                }
                data?.assumingMemoryBound(to: [String].self).pointee.append(all.sorted().joined(separator: ":"))
            }, pointer)
        }
        return names.sorted()
    }

    /// `default`'s key managers of the key types the served decoders make, and no other: those of
    /// key agreement only, key derivation and MACs are left out (7 of 18 in OpenSSL 3.0).
    @Test func aContextOffersTheKeyManagersOfPublicKeyTypesOnly() throws {
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let made = LibraryContexts.make(configuration: nil)
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        let all = Self.keyManagers(plain)
        let offered = Self.keyManagers(context)
        func has(_ name: String, _ list: [String]) -> Bool {
            list.contains { $0.uppercased().split(separator: ":").contains(Substring(name)) }
        }
        for keyType in ["RSA", "RSA-PSS", "EC", "DSA", "ED25519", "ED448", "SM2"] {
            #expect(has(keyType, offered), "\(keyType) missing from \(offered)")
        }
        for other in ["HMAC", "HKDF", "TLS1-PRF", "SCRYPT", "SIPHASH", "POLY1305", "CMAC", "X25519", "X448", "DH", "DHX"] {
            #expect(has(other, all), "\(other) should be one of default's key managers")
            #expect(!has(other, offered), "\(other) offered in a certificate context")
        }
        #expect(Set(offered).isSubset(of: Set(all)))
        #expect(offered.count < all.count)
        // The contexts of leaves signed with RSA or ECDSA keep the RSA and EC key managers only.
        for family in [CertificateParsingProvider.Family.rsaKeys, .namedCurveKeys] {
            let made = LibraryContexts.make(configuration: nil, family: family)
            let context = try #require(made.context)
            defer { OSSL_LIB_CTX_free(context) }
            let kept = Self.keyManagers(context)
            #expect(kept.count == 2 && has("RSA", kept) && has("EC", kept), "\(family): \(kept)")
        }
    }

    /// An OpenSSL configuration file whose `providers` section activates each of `providers` (name
    /// and extra lines of its section).
    static func configuration(_ providers: [(name: String, lines: String)]) throws -> String {
        var text = "openssl_conf = init\n[init]\nproviders = providers\n[providers]\n"
        text += providers.map { "\($0.name) = \($0.name)_section\n" }.joined()
        text += providers.map { "[\($0.name)_section]\n\($0.lines)activate = 1\n" }.joined()
        let folder = Scratch.folder("openssl-conf")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("openssl.cnf")
        try text.write(to: file, atomically: false, encoding: .utf8)
        return file.path
    }

    /// A configuration that activates providers is obeyed: the parsing provider steps aside.
    @Test(arguments: [("", true), ("default", false), ("default legacy", false), ("base", false)])
    func theProviderStepsAsideForConfiguredProviders(activated: String, expected: Bool) throws {
        let names = activated.split(separator: " ").map(String.init)
        let made = LibraryContexts.make(configuration: try Self.configuration(names.map { ($0, "") }))
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        #expect(made.fewerDecoders == expected)
        let active = LibraryContexts.providerNames(context)
        #expect(active == (expected ? [CertificateParsingProvider.name] : names.sorted()))
    }

    /// A provider the configuration fails to activate leaves OpenSSL with none (no fallback to
    /// `default`): certificates then cannot be checked at all, and tuanthu must not quietly
    /// serve `default` instead.
    @Test func aFailedActivationIsNotReplacedByDefault() throws {
        let file = try Self.configuration([("missing", "module = /nonexistent/missing.so\n")])
        let made = LibraryContexts.make(configuration: file)
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        #expect(!made.fewerDecoders)
        #expect(LibraryContexts.providerNames(context) == [])
        #expect(Self.decoderCount(context) == 0)
    }

    @Test func everyConformanceCertificateParsesAsUnderDefault() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count > 1_000)
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let made = LibraryContexts.make(configuration: nil)
        let context = try #require(made.context)
        defer { OSSL_LIB_CTX_free(context) }
        #expect(made.fewerDecoders)
        var byName: [String: String] = [:]
        var differences: [String] = []
        var kinds: Set<String> = []
        for (name, der) in corpus {
            var expected = Self.parse(der, in: plain)
            let kind = expected.split(separator: " ").dropFirst(3).first.map(String.init) ?? expected
            // A key that cannot sign is left undecoded; the certificate is otherwise the same.
            if CertificateParsingProvider.keyTypesThatCannotSign.contains(kind.uppercased()) {
                expected = expected.split(separator: ",")[0].split(separator: " ").dropFirst().joined(separator: " ")
                    + ", no key"
            }
            let got = Self.parse(der, in: context)
            if got != expected { differences.append("\(name): default \(expected); tuanthu \(got)") }
            kinds.insert(kind)
            byName[name] = kind
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        // The corpus covers the key types that matter.
        for kind in ["RSA", "EC", "DSA", "unparseable"] {
            #expect(kinds.contains(kind), "no \(kind) certificate in the corpus: \(kinds.sorted())")
        }
        let generated = ["ed25519.pem": "ED25519", "ed448.pem": "ED448", "rsa-pss.pem": "RSA-PSS",
                         "ec-explicit.pem": "EC", "sm2.pem": "SM2", "x25519.pem": "X25519"]
        for (name, kind) in generated {
            #expect(byName[name] == kind, "\(name) should hold a \(kind) key")
        }
    }

    /// A context for one family of keys decodes every key of that family exactly as `default`
    /// does; and a leaf waiting to be parsed (`PendingCertificate`), which goes to its family's
    /// context, comes out as under `default` whatever its key.
    @Test func familyContextsParseTheirKeysAsUnderDefault() throws {
        let corpus = try Self.corpus()
        let plain = OSSL_LIB_CTX_new()
        defer { OSSL_LIB_CTX_free(plain) }
        let families: [CertificateParsingProvider.Family: Set<String>] = [.ecKeys: ["EC", "SM2"], .rsaKeys: ["RSA"]]
        var differences: [String] = []
        for (family, keyTypes) in families {
            let made = LibraryContexts.make(configuration: nil, family: family)
            let context = try #require(made.context)
            defer { OSSL_LIB_CTX_free(context) }
            #expect(made.fewerDecoders)
            let offered = Self.decoders(context).map(Self.names)
            #expect(offered.allSatisfy { $0.contains("DER") || !$0.isDisjoint(with: keyTypes) })
            #expect(offered.count == keyTypes.count + 1, "\(offered)")
            var decoded = 0
            for (name, der) in corpus {
                let expected = Self.parse(der, in: plain)
                let kind = expected.split(separator: " ").dropFirst(3).first.map(String.init) ?? expected
                guard keyTypes.contains(kind) else { continue }
                decoded += 1
                let got = Self.parse(der, in: context)
                if got != expected { differences.append("\(name) in \(family): default \(expected); tuanthu \(got)") }
            }
            #expect(decoded > 20, "too few \(keyTypes) keys in the corpus: \(decoded)")
        }
        var routed: [CertificateParsingProvider.Family: Int] = [:]
        for (name, der) in corpus {
            guard let family = LeafReading.leafKeyFamily(der) else { continue }
            routed[family, default: 0] += 1
            var expected = Self.parse(der, in: plain)
            let kind = expected.split(separator: " ").dropFirst(3).first.map(String.init) ?? expected
            if CertificateParsingProvider.keyTypesThatCannotSign.contains(kind.uppercased()) {
                expected = expected.split(separator: ",")[0].split(separator: " ").dropFirst().joined(separator: " ")
                    + ", no key"
            }
            let pending = PendingCertificate(der: der, path: name, family: family)
            guard let certificate = try? pending.parse() else {
                if expected != "unparseable" { differences.append("\(name) pending: default \(expected); unparseable") }
                continue
            }
            let got = Self.describe(certificate.pointer)
            if got != expected { differences.append("\(name) pending: default \(expected); tuanthu \(got)") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        #expect(routed[.ecKeys, default: 0] >= 1 && routed[.namedCurveKeys, default: 0] > 10
                && routed[.rsaKeys, default: 0] > 100, "\(routed)")
    }
}
