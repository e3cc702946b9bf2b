import Foundation

/// Where the store lives: `--store DIR`, else `$DOCKET_STORE`, else
/// `$XDG_DATA_HOME/docket`, else `~/.local/share/docket`.
public enum StoreLocation {
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let f = flag, !f.isEmpty { return expand(f, environment) }
        if let e = environment["DOCKET_STORE"], !e.isEmpty { return expand(e, environment) }
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty { return expand(x, environment) + "/docket" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/docket"
    }

    private static func expand(_ p: String, _ env: [String: String]) -> String {
        if p == "~" || p.hasPrefix("~/"), let home = env["HOME"] { return home + p.dropFirst() }
        return p
    }
}
