import COpenSSL
import Foundation

/// OpenSSL library contexts, one per core, so that threads parsing and validating certificates
/// do not share one.
///
/// In OpenSSL 3.0 every certificate parse builds a key decoder, and every signature check fetches
/// algorithms, through the library context's method stores; their locks are taken so often that
/// two threads on one context run barely faster than one. With a context per thread they scale.
/// Each context is set up as OpenSSL sets up its default one: it reads the OpenSSL configuration
/// (`OPENSSL_CONF`, or the built-in path), and uses the `default` provider unless that
/// configuration activates others. Contexts live as long as the process: the objects made with
/// them may be freed on any thread, at any time.
///
/// When the configuration leaves the providers to OpenSSL (which then serves `default`), the
/// contexts use `CertificateParsingProvider` instead: the same algorithms, and certificates
/// parsed faster. Its decoders are only those of public keys, and its key managers those of the
/// key types they make: these contexts are for parsing certificates and validating paths,
/// nothing else (private keys, PKCS#12 and CMS are read in OpenSSL's default context).
enum LibraryContexts {
    private static let pool = Pool()

    /// The context of the calling thread (nil: OpenSSL's default context).
    static var current: OpaquePointer? { pool.contexts[pool.currentIndex()] }

    /// The calling thread's context for parsing a certificate whose key is of `family`: one whose
    /// provider serves only the decoders such a key can need, so that the decoder OpenSSL builds
    /// for each parse walks a few instead of eight (`PendingCertificate.parse`). Nil when the
    /// contexts do not use `CertificateParsingProvider`.
    static func current(for family: CertificateParsingProvider.Family) -> OpaquePointer? {
        guard family != .publicKeys else { return current }
        return pool.familyContexts[family]?[pool.currentIndex()] ?? nil
    }

    /// How many contexts there are, and which one the calling thread uses: objects that OpenSSL
    /// locks on every use (a certificate store) can be kept one per context.
    static var count: Int { pool.contexts.count }
    static var currentIndex: Int { pool.currentIndex() }

    /// Whether the contexts use `CertificateParsingProvider` (see `make`).
    static var parseWithFewerDecoders: Bool { pool.parseWithFewerDecoders }

    /// A context set up as OpenSSL sets up its default one, from the configuration `file` (nil:
    /// none). Where OpenSSL would serve it with `default` and nothing else, it uses
    /// `CertificateParsingProvider` instead, which serves `default`'s algorithms. Whatever else
    /// the configuration makes of it (other providers, or an activation that failed and left
    /// none) stays exactly as OpenSSL makes it.
    static func make(configuration file: String?, family: CertificateParsingProvider.Family = .publicKeys)
        -> (context: OpaquePointer?, fewerDecoders: Bool) {
        defer { OpenSSLErrors.clear() }
        guard let context = configured(file) else { return (nil, false) }
        // What OpenSSL would serve: listing the providers of a context set up the same way makes
        // it fall back to `default` if the configuration activated none and left the fallback on.
        guard let probe = configured(file) else { return (context, false) }
        let served = providerNames(probe)
        OSSL_LIB_CTX_free(probe)
        guard served == ["default"],
              let provider = CertificateParsingProvider.load(into: context, configuration: file, family: family) else {
            return (context, false)
        }
        // The configuration activated `default` itself: it stays, and this provider steps aside.
        guard providerNames(context) == [CertificateParsingProvider.name] else {
            OSSL_PROVIDER_unload(provider)
            return (context, false)
        }
        return (context, true)
    }

    private static func configured(_ file: String?) -> OpaquePointer? {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        if let file { _ = OSSL_LIB_CTX_load_config(context, file) }
        return context
    }

    /// The names of the providers active in `context`, sorted. Listing them makes OpenSSL fall back
    /// to `default` first, when nothing was activated and the fallback is still on.
    static func providerNames(_ context: OpaquePointer) -> [String] {
        var names: [String] = []
        _ = withUnsafeMutablePointer(to: &names) { pointer in
            OSSL_PROVIDER_do_all(context, { provider, data in
                guard let provider, let name = OSSL_PROVIDER_get0_name(provider) else { return 1 }
                data?.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                return 1
            }, pointer)
        }
        return names.sorted()
    }

    private final class Pool: @unchecked Sendable {
        let contexts: [OpaquePointer?]
        let parseWithFewerDecoders: Bool
        /// Per family of keys, a context per core like `contexts`; none when those do not use
        /// `CertificateParsingProvider` (or a family's could not be made so).
        let familyContexts: [CertificateParsingProvider.Family: [OpaquePointer?]]
        private var key = pthread_key_t()
        private var next = 0
        private let lock = NSLock()

        init() {
            let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16))
            let file = CONF_get1_default_config_file()
            defer { tt_OPENSSL_free(file) }
            let configuration = file.flatMap { access($0, R_OK) == 0 ? String(cString: $0) : nil }
            let made = (0..<count).map { _ in LibraryContexts.make(configuration: configuration) }
            contexts = made.map(\.context)
            parseWithFewerDecoders = made.allSatisfy(\.fewerDecoders)
            var families: [CertificateParsingProvider.Family: [OpaquePointer?]] = [:]
            if parseWithFewerDecoders {
                for family in CertificateParsingProvider.Family.allCases where family != .publicKeys {
                    let contexts = (0..<count).map { _ in LibraryContexts.make(configuration: configuration, family: family) }
                    if contexts.allSatisfy(\.fewerDecoders) {
                        families[family] = contexts.map(\.context)
                    } else {
                        contexts.compactMap(\.context).forEach { OSSL_LIB_CTX_free($0) }
                    }
                }
            }
            familyContexts = families
            pthread_key_create(&key, nil)
            OpenSSLErrors.clear()
        }

        /// Threads are given the contexts in turn, and keep theirs.
        func currentIndex() -> Int {
            if let slot = pthread_getspecific(key) { return Int(bitPattern: slot) - 1 }
            let index = lock.withLock {
                defer { next += 1 }
                return next % contexts.count
            }
            pthread_setspecific(key, UnsafeRawPointer(bitPattern: index + 1))
            return index
        }
    }
}
