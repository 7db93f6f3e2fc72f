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
/// parsed faster.
enum LibraryContexts {
    private static let pool = Pool()

    /// The context of the calling thread (nil: OpenSSL's default context).
    static var current: OpaquePointer? { pool.contexts[pool.currentIndex()] }

    /// How many contexts there are, and which one the calling thread uses: objects that OpenSSL
    /// locks on every use (a certificate store) can be kept one per context.
    static var count: Int { pool.contexts.count }
    static var currentIndex: Int { pool.currentIndex() }

    /// Whether the contexts use `CertificateParsingProvider`.
    static var parseWithFewerDecoders: Bool { pool.parseWithFewerDecoders }

    /// A context set up as OpenSSL sets up its default one, from the configuration `file` (nil:
    /// none). Without a provider activated by the configuration, OpenSSL would load `default` at
    /// the first fetch; the context then uses `CertificateParsingProvider`, which serves
    /// `default`. With providers activated by the configuration (`default` among them or not),
    /// it uses those, as OpenSSL would.
    static func make(configuration file: String?) -> (context: OpaquePointer?, fewerDecoders: Bool) {
        guard let context = OSSL_LIB_CTX_new() else { return (nil, false) }
        if let file { _ = OSSL_LIB_CTX_load_config(context, file) }
        defer { OpenSSLErrors.clear() }
        guard let provider = CertificateParsingProvider.load(into: context, configuration: file) else {
            return (context, false)
        }
        // Loading a provider turns OpenSSL's fallback to `default` off, so the list holds only
        // what the configuration activated, and this one.
        guard providerNames(context) == [CertificateParsingProvider.name] else {
            OSSL_PROVIDER_unload(provider)
            return (context, false)
        }
        return (context, true)
    }

    /// The names of the providers active in `context`.
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
