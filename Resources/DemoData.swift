/// Docket's built-in demo tickets: invented, GitHub REST shaped, compiled
/// into the binary so `docket demo` works from any installed copy.
public enum DemoData {
    /// The bytes of `demo-tickets.json`: issue pages followed by comment pages.
    public static var ticketsJSON: [UInt8] { Array(embedded.utf8) }
}
