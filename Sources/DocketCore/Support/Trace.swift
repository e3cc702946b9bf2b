import Foundation

/// Phase timings on stderr when `DOCKET_TIMINGS=1`: how benchmarks find
/// where the time goes without a profiler.
public enum Trace {
    static let enabled = ProcessInfo.processInfo.environment["DOCKET_TIMINGS"] == "1"

    @discardableResult
    public static func measure<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            FileHandle.standardError.write(Data("docket: \(phase): \(formatFixed(ms, decimals: 1)) ms\n".utf8))
        }
        return try body()
    }
}
