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
