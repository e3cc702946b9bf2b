// The demo data ships inside the binary (SwiftPM's embedInCode), so
// `docket demo` works from any installed copy without resource bundles.

/// Docket's built-in demo tickets: invented, GitHub REST shaped.
public enum DemoData {
    /// `demo-tickets.json`: issue pages followed by comment pages.
    public static var ticketsJSON: [UInt8] { PackageResources.demo_tickets_json }
}
