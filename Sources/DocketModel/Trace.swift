import Foundation

/// Phase timings on stderr when `DOCKET_TIMINGS=1`: how benchmarks find
/// where the time goes without a profiler.
public enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["DOCKET_TIMINGS"] == "1"

    @discardableResult
    public static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { lap(phase, since: start) }
        return try body()
    }

    /// A mark for `lap`: phases of a function too entangled to wrap in closures.
    public static func mark() -> UInt64 { enabled ? DispatchTime.now().uptimeNanoseconds : 0 }

    /// Prints the time since `since` as `phase` and returns a new mark.
    @discardableResult
    public static func lap(_ phase: String, since: UInt64) -> UInt64 {
        guard enabled else { return 0 }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("docket: \(phase): \(formatFixed(Double(now - since) / 1e6, decimals: 1)) ms\n".utf8))
        return now
    }
}
