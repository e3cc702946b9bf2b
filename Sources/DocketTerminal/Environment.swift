@preconcurrency import CNcursesw

/// The process environment, read through libc so DocketTerminal needs no
/// Foundation.
struct Environment {
    let variables: [String: String]

    init() {
        var variables: [String: String] = [:]
        for name in ["TERM", "NO_COLOR"] {
            if let value = getenv(name) { variables[name] = String(cString: value) }
        }
        self.variables = variables
    }

    subscript(name: String) -> String? { variables[name] }
}
