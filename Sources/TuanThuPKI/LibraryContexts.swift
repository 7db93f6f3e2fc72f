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
enum LibraryContexts {
    private static let pool = Pool()

    /// The context of the calling thread (nil: OpenSSL's default context).
    static var current: OpaquePointer? { pool.contexts[pool.currentIndex()] }

    /// How many contexts there are, and which one the calling thread uses: objects that OpenSSL
    /// locks on every use (a certificate store) can be kept one per context.
    static var count: Int { pool.contexts.count }
    static var currentIndex: Int { pool.currentIndex() }

    private final class Pool: @unchecked Sendable {
        let contexts: [OpaquePointer?]
        private var key = pthread_key_t()
        private var next = 0
        private let lock = NSLock()

        init() {
            let count = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16))
            contexts = (0..<count).map { _ in
                guard let context = OSSL_LIB_CTX_new() else { return nil }
                if let file = CONF_get1_default_config_file() {
                    if access(file, R_OK) == 0 { _ = OSSL_LIB_CTX_load_config(context, file) }
                    tt_OPENSSL_free(file)
                }
                // Without a provider activated by the configuration, OpenSSL loads `default` at
                // the first fetch, exactly as in the default context.
                return context
            }
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
