import Dispatch
import Foundation

/// Runs independent work on every core, keeping the results in input order (so that output stays
/// deterministic).
public enum Parallel {
    public static func map<Input, Output>(_ items: [Input], _ transform: (Input) throws -> Output) throws -> [Output] {
        if items.count < 2 { return try items.map(transform) }
        let results = ResultBox<Output>(count: items.count)
        // concurrentPerform does not escape the closure; the box is written once per index.
        withoutActuallyEscaping(transform) { transform in
            let run = UncheckedSendable(transform)
            let input = UncheckedSendable(items)
            DispatchQueue.concurrentPerform(iterations: input.value.count) { index in
                results.set(index, Result { try run.value(input.value[index]) })
            }
        }
        return try results.values().map { try $0.get() }
    }
}

/// Results written by index from several threads; every index is written exactly once.
private final class ResultBox<Output>: @unchecked Sendable {
    private var storage: [Result<Output, Error>?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<Output, Error>) {
        lock.withLock { storage[index] = value }
    }

    func values() -> [Result<Output, Error>] {
        lock.withLock { storage.map { $0 ?? .failure(ParallelError.missing) } }
    }
}

private enum ParallelError: Error { case missing }

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension Parallel {
    /// Runs `work` for every index on all cores and hands each result to `deliver` in index order,
    /// as soon as it and all before it are done: output streams while later items are still being
    /// worked on. `deliver` runs on one thread at a time; a thread that finds another delivering
    /// leaves its result to it.
    public static func ordered<Output>(count: Int, _ work: (Int) -> Output, deliver: (Int, Output) -> Void) {
        guard count > 1 else {
            for index in 0..<count { deliver(index, work(index)) }
            return
        }
        let queue = OrderedQueue<Output>(count: count)
        withoutActuallyEscaping(work) { work in
            withoutActuallyEscaping(deliver) { deliver in
                let run = UncheckedSendable(work)
                let hand = UncheckedSendable(deliver)
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    queue.complete(index, run.value(index), deliver: hand.value)
                }
            }
        }
    }
}

/// Results waiting for those before them; see `Parallel.ordered`.
private final class OrderedQueue<Output>: @unchecked Sendable {
    private var pending: [Output?]
    private var next = 0
    private var delivering = false
    private let lock = NSLock()

    init(count: Int) {
        pending = Array(repeating: nil, count: count)
    }

    func complete(_ index: Int, _ value: Output, deliver: (Int, Output) -> Void) {
        lock.lock()
        pending[index] = value
        if delivering {
            lock.unlock()
            return
        }
        delivering = true
        while true {
            var ready: [(Int, Output)] = []
            while next < pending.count, let value = pending[next] {
                ready.append((next, value))
                pending[next] = nil
                next += 1
            }
            if ready.isEmpty {
                delivering = false
                lock.unlock()
                return
            }
            // Delivered outside the lock: the other threads go on storing their results.
            lock.unlock()
            for (index, value) in ready { deliver(index, value) }
            lock.lock()
        }
    }
}

/// Work started at once on a thread of its own, its result waited for where it is needed: a step
/// that one core runs alone (loading the rules, copying the catalog) goes on beside a step that
/// keeps every core busy (reading inventories, certificates), instead of leaving the other cores
/// idle before or after it. `tuanthu certs` reads its files this way while its rules load.
public final class Background<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the work's thread before `finished` is signalled; read only after it.
    private var result: Result<Value, Error>?

    public init(_ work: @escaping @Sendable () throws -> Value) {
        // A thread rather than a dispatch queue: `Parallel` runs on dispatch's workers, which
        // this work would otherwise hold. Its stack is the main thread's usual 8 MiB, whatever
        // the platform's default for other threads: the work reads input (rules, policies).
        let thread = Thread { [self] in
            result = Result { try work() }
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work and returns its value, or throws its error. May be called again.
    public func value() throws -> Value {
        finished.wait()
        defer { finished.signal() }
        guard let result else { preconditionFailure("the work signalled before it set its result") }
        return try result.get()
    }
}
