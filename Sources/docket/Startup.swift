import Foundation

/// When the process started, for the first-frame measurement.
nonisolated(unsafe) var processStart = Date()
