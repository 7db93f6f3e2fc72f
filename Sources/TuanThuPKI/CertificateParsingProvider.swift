import COpenSSL
import Foundation

/// An OpenSSL provider that serves OpenSSL's own `default` provider unchanged, except that its
/// only decoders are those from a DER SubjectPublicKeyInfo to a public key of a type that can
/// sign, the ones a certificate parse uses, and its only key managers those of the key types
/// these decoders make.
///
/// Why: OpenSSL 3.0 decodes every certificate's public key through the provider decoders, and
/// first builds a decoder context by walking every decoder the library context offers (OpenSSL
/// issues 17950 and 19119; 3.1 caches it). The `default` provider offers 40. With the 12 that
/// decode a SubjectPublicKeyInfo (one per key type, and the generic one), a certificate parse
/// costs 40% fewer instructions; without the 4 of key types that cannot sign (see
/// `keyTypesThatCannotSign`), 8 remain. The same walk visits every key manager, twice: `default`
/// has 18, of which 7 manage a key type these decoders make (RSA, RSA-PSS, EC, DSA, Ed25519,
/// Ed448, SM2); the others (DH, DHX, X25519, X448, and TLS1-PRF, HKDF, SCRYPT, HMAC, SIPHASH,
/// POLY1305, CMAC for key derivation and MACs) are used by no certificate parse or path
/// validation. The same implementations decode the same keys: the
/// filtered decoders and key managers are the `default` provider's own entries, with their own
/// property definitions.
///
/// How (the pattern of OpenSSL's test provider `filterprov`): each library context that uses it
/// gets a hidden context of its own with `default` loaded; this provider answers every query with
/// that provider's algorithms and gives OpenSSL that provider's context, so each algorithm runs
/// exactly as under `default`. Only the list of decoders is shortened, so a context served by it
/// parses certificates and validates paths (the PKITS and x509-limbo tests run through such
/// contexts) but reads no private key, PKCS#12 or PEM-wrapped key: those go to OpenSSL's default
/// context.
enum CertificateParsingProvider {
    static let name = "tuanthu-certificates"

    /// Which public key decoders an instance serves: all of them, or, for a context that parses
    /// only certificates whose key is of one family, those that can take part in decoding such a
    /// key (see `Family.serves`).
    enum Family: CaseIterable, Sendable {
        /// Every decoder from DER SubjectPublicKeyInfo to a key type that can sign.
        case publicKeys
        /// An `id-ecPublicKey` key: the EC decoder, the SM2 one (an SM2 key carries that OID, and
        /// OpenSSL hands it to the SM2 decoder by its curve) and the generic one.
        case ecKeys
        /// An `rsaEncryption` key: the RSA decoder and the generic one.
        case rsaKeys
        /// An `id-ecPublicKey` key on P-256, P-384 or P-521: tuanthu's `NamedCurveDecoder` only,
        /// which declines any other.
        case namedCurveKeys

        /// The names of the decoders this family keeps, besides the generic SubjectPublicKeyInfo
        /// one (named `DER`), which turns the structure into one of a named key type first.
        var keyTypes: Set<String>? {
            switch self {
            case .publicKeys: nil
            case .ecKeys: ["EC", "SM2"]
            case .rsaKeys: ["RSA"]
            case .namedCurveKeys: ["EC"]
            }
        }

        /// The key managers this family keeps (by a name of theirs; nil: every one of a key type
        /// that can sign). A leaf goes to `rsaKeys` or `namedCurveKeys` only when its signature
        /// algorithm is RSA PKCS #1 v1.5 or ECDSA (`LeafReading.leafKeyFamily`): its issuer's key,
        /// with which OpenSSL verifies it in the leaf's own context, is then RSA or EC. The other
        /// five are walked by every decoder context OpenSSL builds and used by nothing here.
        var keyManagerTypes: Set<String>? {
            switch self {
            case .publicKeys, .ecKeys: nil
            case .rsaKeys, .namedCurveKeys: ["RSA", "EC"]
            }
        }

        /// Whether a public key decoder (by its names) is one this family serves.
        func serves(names: Set<String>) -> Bool {
            guard let keyTypes else { return true }
            return names.contains("DER") || !names.isDisjoint(with: keyTypes)
        }
    }

    /// Adds and loads the provider in `context`; nil if OpenSSL refused. The hidden context reads
    /// the same configuration `file` as `context` (its default properties, say). `family`: the
    /// decoders the instance serves; its key managers are always those of every key type that can
    /// sign, so that a certificate parsed in it is verified with an issuer's key of any type.
    static func load(into context: OpaquePointer, configuration file: String?,
                     family: Family = .publicKeys) -> OpaquePointer? {
        instances.loading.withLock {
            instances.configuration = file
            instances.family = family
            guard OSSL_PROVIDER_add_builtin(context, name, initialiseProvider) == 1 else { return nil }
            return OSSL_PROVIDER_load(context, name)
        }
    }

    /// What each instance forwards to: its hidden `default` provider, by the context that provider
    /// gave (OpenSSL passes that context back to every call). Written while contexts are made.
    final class Instances: @unchecked Sendable {
        private var providers: [UnsafeMutableRawPointer: (provider: OpaquePointer, family: Family, hidden: OpaquePointer)] = [:]
        private var decoders: [Family: UnsafeMutablePointer<OSSL_ALGORITHM>] = [:]
        private var keyManagers: [Family: UnsafeMutablePointer<OSSL_ALGORITHM>] = [:]
        private var file: String?
        private var nextFamily = Family.publicKeys
        private let lock = NSLock()
        /// Held while a context loads the provider, so that its hidden context reads its file.
        let loading = NSLock()

        /// The configuration the next hidden context reads.
        var configuration: String? {
            get { lock.withLock { file } }
            set { lock.withLock { file = newValue } }
        }

        /// The decoders the next instance serves.
        var family: Family {
            get { lock.withLock { nextFamily } }
            set { lock.withLock { nextFamily = newValue } }
        }

        /// The provider's functions for OpenSSL, a table that lives as long as the process.
        let dispatch: UnsafePointer<OSSL_DISPATCH> = {
            let query: Query = providerQuery
            let unquery: Unquery = providerUnquery
            let gettableParams: GettableParams = providerGettableParams
            let getParams: GetParams = providerGetParams
            let getCapabilities: GetCapabilities = providerGetCapabilities
            let teardown: Teardown = providerTeardown
            let entries: [(Int32, UnsafeRawPointer)] = [
                (OSSL_FUNC_PROVIDER_TEARDOWN, unsafeBitCast(teardown, to: UnsafeRawPointer.self)),
                (OSSL_FUNC_PROVIDER_GETTABLE_PARAMS, unsafeBitCast(gettableParams, to: UnsafeRawPointer.self)),
                (OSSL_FUNC_PROVIDER_GET_PARAMS, unsafeBitCast(getParams, to: UnsafeRawPointer.self)),
                (OSSL_FUNC_PROVIDER_QUERY_OPERATION, unsafeBitCast(query, to: UnsafeRawPointer.self)),
                (OSSL_FUNC_PROVIDER_UNQUERY_OPERATION, unsafeBitCast(unquery, to: UnsafeRawPointer.self)),
                (OSSL_FUNC_PROVIDER_GET_CAPABILITIES, unsafeBitCast(getCapabilities, to: UnsafeRawPointer.self)),
            ]
            return CertificateParsingProvider.dispatchTable(entries)
        }()

        func add(_ provider: OpaquePointer, family: Family, context: UnsafeMutableRawPointer, hidden: OpaquePointer) {
            lock.withLock { providers[context] = (provider, family, hidden) }
        }

        /// The hidden library context of the instance whose provider context is `context`.
        func hiddenContext(for context: UnsafeMutableRawPointer?) -> OpaquePointer? {
            guard let context else { return nil }
            return lock.withLock { providers[context]?.hidden }
        }

        func provider(for context: UnsafeMutableRawPointer?) -> OpaquePointer? {
            instance(for: context)?.provider
        }

        func instance(for context: UnsafeMutableRawPointer?) -> (provider: OpaquePointer, family: Family)? {
            guard let context else { return nil }
            return lock.withLock { providers[context].map { ($0.provider, $0.family) } }
        }

        /// The SubjectPublicKeyInfo decoders of `default` that `family` serves, listed once per
        /// family (the list is the provider's static table, the same for every instance) and kept
        /// for the life of the process.
        func publicKeyDecoders(of provider: OpaquePointer, family: Family = .publicKeys) -> UnsafePointer<OSSL_ALGORITHM>? {
            lock.withLock {
                if let table = decoders[family] { return UnsafePointer(table) }
                guard let all = decodersLocked(of: provider) else { return nil }
                if family == .publicKeys { return all }
                var kept = Self.entries(all).filter { family.serves(names: CertificateParsingProvider.names($0.algorithm_names)) }
                if family == .namedCurveKeys {
                    // `default`'s EC decoder's names and properties, tuanthu's implementation; alone.
                    kept = kept.filter { !CertificateParsingProvider.names($0.algorithm_names).contains("DER") }.map {
                        OSSL_ALGORITHM(algorithm_names: $0.algorithm_names, property_definition: $0.property_definition,
                                       implementation: NamedCurveDecoder.dispatch, algorithm_description: nil)
                    }
                    guard kept.count == 1 else { return nil }
                }
                guard !kept.isEmpty else { return nil }
                let table = Self.table(kept)
                decoders[family] = table
                return UnsafePointer(table)
            }
        }

        /// The key managers of `default` that manage a key type one of its SubjectPublicKeyInfo
        /// decoders makes (they share a name), or those `family` keeps; listed once like the
        /// decoders.
        func publicKeyManagers(of provider: OpaquePointer, family: Family = .publicKeys) -> UnsafePointer<OSSL_ALGORITHM>? {
            lock.withLock {
                if let table = keyManagers[family] { return UnsafePointer(table) }
                guard let decoders = decodersLocked(of: provider) else { return nil }
                var keyTypes: Set<String> = []
                for decoder in Self.entries(decoders) {
                    keyTypes.formUnion(CertificateParsingProvider.names(decoder.algorithm_names))
                }
                var noCache: Int32 = 0
                guard let all = OSSL_PROVIDER_query_operation(provider, OSSL_OP_KEYMGMT, &noCache) else { return nil }
                let wanted = family.keyManagerTypes ?? keyTypes
                let kept = Self.entries(all).filter {
                    !wanted.isDisjoint(with: CertificateParsingProvider.names($0.algorithm_names))
                }
                guard !kept.isEmpty else { return nil }
                let table = Self.table(kept)
                keyManagers[family] = table
                return UnsafePointer(table)
            }
        }

        /// Every SubjectPublicKeyInfo decoder served (`Family.publicKeys`).
        private func decodersLocked(of provider: OpaquePointer) -> UnsafePointer<OSSL_ALGORITHM>? {
            if let table = decoders[.publicKeys] { return UnsafePointer(table) }
            var noCache: Int32 = 0
            guard let all = OSSL_PROVIDER_query_operation(provider, OSSL_OP_DECODER, &noCache) else { return nil }
            let kept = Self.entries(all).filter {
                CertificateParsingProvider.serves(names: $0.algorithm_names, definition: $0.property_definition)
            }
            let table = Self.table(kept)
            decoders[.publicKeys] = table
            return UnsafePointer(table)
        }

        /// The entries of an algorithm table, up to its terminating empty entry.
        private static func entries(_ table: UnsafePointer<OSSL_ALGORITHM>) -> [OSSL_ALGORITHM] {
            var result: [OSSL_ALGORITHM] = []
            var index = 0
            while table[index].algorithm_names != nil {
                result.append(table[index])
                index += 1
            }
            return result
        }

        /// A table of `entries` with its terminating empty entry, kept for the life of the process.
        private static func table(_ entries: [OSSL_ALGORITHM]) -> UnsafeMutablePointer<OSSL_ALGORITHM> {
            let table = UnsafeMutablePointer<OSSL_ALGORITHM>.allocate(capacity: entries.count + 1)
            table.initialize(from: entries, count: entries.count)
            (table + entries.count).initialize(to: OSSL_ALGORITHM())
            return table
        }
    }

    static let instances = Instances()

    /// A dispatch table of C functions by OpenSSL function id, with its terminating empty entry,
    /// kept for the life of the process.
    static func dispatchTable(_ entries: [(Int32, UnsafeRawPointer)]) -> UnsafePointer<OSSL_DISPATCH> {
        let table = UnsafeMutablePointer<OSSL_DISPATCH>.allocate(capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() {
            let function = unsafeBitCast(entry.1, to: (@convention(c) () -> Void).self)
            (table + index).initialize(to: OSSL_DISPATCH(function_id: entry.0, function: function))
        }
        (table + entries.count).initialize(to: OSSL_DISPATCH())
        return UnsafePointer(table)
    }

    /// The names of an algorithm (`RSA:rsaEncryption:1.2.840.113549.1.1.1`), upper-cased: OpenSSL
    /// compares them without case.
    static func names(_ list: UnsafePointer<CChar>?) -> Set<String> {
        guard let list else { return [] }
        return Set(String(cString: list).uppercased().split(separator: ":").map(String.init))
    }

    /// Key types that cannot sign: key agreement only (Diffie-Hellman, X25519, X448). No
    /// certificate chain or signed document is verified with such a key, and no signing profile
    /// can allow one (`CertificateInfo.KeyAlgorithm` has no case for them): a certificate holding
    /// one is parsed with its key left undecoded, and shows as an `other` key, as before, which
    /// fails the key check of every profile.
    ///
    /// Why leave them out: OpenSSL 3.0 builds a decoder context for every certificate it parses,
    /// walking each decoder and key manager the context offers; four fewer of each made the
    /// audit of 1,000 systems 2.5% cheaper (docs/performance.md).
    static let keyTypesThatCannotSign: Set<String> = ["DH", "DHX", "X25519", "X448"]

    /// A decoder this provider serves: from DER SubjectPublicKeyInfo (its property definition
    /// says so), and not of a key type that cannot sign.
    static func serves(names: UnsafePointer<CChar>?, definition: UnsafePointer<CChar>?) -> Bool {
        decodesPublicKeys(definition) && self.names(names).isDisjoint(with: keyTypesThatCannotSign)
    }

    /// A decoder from DER SubjectPublicKeyInfo (its property definition says so).
    static func decodesPublicKeys(_ definition: UnsafePointer<CChar>?) -> Bool {
        guard let definition else { return false }
        let properties = Set(String(cString: definition).lowercased().split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) })
        return properties.contains("input=der") && properties.contains("structure=subjectpublickeyinfo")
    }
}

// MARK: - The provider's functions, as OpenSSL calls them

private typealias Query = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafeMutablePointer<Int32>?)
    -> UnsafePointer<OSSL_ALGORITHM>?
private typealias Unquery = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<OSSL_ALGORITHM>?) -> Void
private typealias GettableParams = @convention(c) (UnsafeMutableRawPointer?) -> UnsafePointer<OSSL_PARAM>?
private typealias GetParams = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<OSSL_PARAM>?) -> Int32
private typealias ParamsCallback = @convention(c) (UnsafePointer<OSSL_PARAM>?, UnsafeMutableRawPointer?) -> Int32
private typealias GetCapabilities = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?,
                                                    ParamsCallback?, UnsafeMutableRawPointer?) -> Int32
private typealias Teardown = @convention(c) (UnsafeMutableRawPointer?) -> Void

private func initialiseProvider(_ handle: OpaquePointer?, _ core: UnsafePointer<OSSL_DISPATCH>?,
                                _ out: UnsafeMutablePointer<UnsafePointer<OSSL_DISPATCH>?>?,
                                _ providerContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32 {
    let instances = CertificateParsingProvider.instances
    guard let out, let providerContext, let hidden = OSSL_LIB_CTX_new() else { return 0 }
    NamedCurveDecoder.takeCoreFunctions(core)
    if let file = instances.configuration { _ = OSSL_LIB_CTX_load_config(hidden, file) }
    let family = instances.family
    guard let inner = OSSL_PROVIDER_load(hidden, "default"), let context = OSSL_PROVIDER_get0_provider_ctx(inner),
          instances.publicKeyDecoders(of: inner, family: family) != nil,
          instances.publicKeyManagers(of: inner, family: family) != nil else {
        OSSL_LIB_CTX_free(hidden)
        return 0
    }
    instances.add(inner, family: family, context: context, hidden: hidden)
    providerContext.pointee = context
    out.pointee = instances.dispatch
    return 1
}

private func providerQuery(_ context: UnsafeMutableRawPointer?, _ operation: Int32,
                           _ noCache: UnsafeMutablePointer<Int32>?) -> UnsafePointer<OSSL_ALGORITHM>? {
    let instances = CertificateParsingProvider.instances
    guard let (inner, family) = instances.instance(for: context) else { return nil }
    switch operation {
    case OSSL_OP_DECODER:
        noCache?.pointee = 0
        return instances.publicKeyDecoders(of: inner, family: family)
    case OSSL_OP_KEYMGMT:
        noCache?.pointee = 0
        return instances.publicKeyManagers(of: inner, family: family)
    default:
        return OSSL_PROVIDER_query_operation(inner, operation, noCache)
    }
}

private func providerUnquery(_ context: UnsafeMutableRawPointer?, _ operation: Int32,
                             _ algorithms: UnsafePointer<OSSL_ALGORITHM>?) {
    guard operation != OSSL_OP_DECODER, operation != OSSL_OP_KEYMGMT,
          let inner = CertificateParsingProvider.instances.provider(for: context) else { return }
    OSSL_PROVIDER_unquery_operation(inner, operation, algorithms)
}

private func providerGettableParams(_ context: UnsafeMutableRawPointer?) -> UnsafePointer<OSSL_PARAM>? {
    CertificateParsingProvider.instances.provider(for: context).flatMap { OSSL_PROVIDER_gettable_params($0) }
}

private func providerGetParams(_ context: UnsafeMutableRawPointer?,
                               _ parameters: UnsafeMutablePointer<OSSL_PARAM>?) -> Int32 {
    guard let inner = CertificateParsingProvider.instances.provider(for: context) else { return 0 }
    return OSSL_PROVIDER_get_params(inner, parameters)
}

private func providerGetCapabilities(_ context: UnsafeMutableRawPointer?, _ capability: UnsafePointer<CChar>?,
                                     _ callback: ParamsCallback?, _ argument: UnsafeMutableRawPointer?) -> Int32 {
    guard let inner = CertificateParsingProvider.instances.provider(for: context) else { return 0 }
    return OSSL_PROVIDER_get_capabilities(inner, capability, callback, argument)
}

/// tuanthu's contexts live as long as the process. A context freed earlier (in tests) leaves its
/// hidden context behind: a few hundred kilobytes, never used again.
private func providerTeardown(_ context: UnsafeMutableRawPointer?) {}
