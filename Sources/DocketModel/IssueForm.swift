/// The sections of a GitHub issue form, parsed from a ticket body.
///
/// Issue forms render as `### Heading\n\nvalue` blocks. The raw body is kept
/// on the ticket; this is a view over it, with the common fields (platform,
/// version, software) recognised by their headings.
public struct IssueForm: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var heading: String
        public var value: String
    }

    public var fields: [Field]
    /// Text before the first heading (free-form bodies have only this).
    public var preamble: String

    public init(body: String) {
        var fields: [Field] = []
        var preamble: [Substring] = []
        var heading: String?
        var value: [Substring] = []
        var inFence = false
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        func flush() {
            if let h = heading {
                fields.append(Field(heading: h, value: Self.trimmed(value)))
            }
        }
        for line in lines {
            let t = line.trimmedWS()
            if t.hasPrefix("```") || t.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, t.hasPrefix("### ") {
                flush()
                heading = String(t.dropFirst(4)).trimmedWS()
                value = []
                continue
            }
            if heading == nil { preamble.append(line) } else { value.append(line) }
        }
        flush()
        self.fields = fields
        self.preamble = Self.trimmed(preamble)
    }

    private static func trimmed(_ lines: [Substring]) -> String {
        var ls = lines
        while let f = ls.first, f.trimmedWS().isEmpty { ls.removeFirst() }
        while let l = ls.last, l.trimmedWS().isEmpty { ls.removeLast() }
        return ls.joined(separator: "\n")
    }

    /// The answer of the first field whose heading answers `facet`, by the
    /// same heading rule the analysis uses (`TicketFacets`): its first line
    /// of text, as the analysis reads it (`TicketText.facets`). A version
    /// field answered "4.2.1" and then a paragraph is "4.2.1"; GitHub's
    /// "_No response_" and fence lines are not answers.
    func value(forFacet facet: String) -> String? {
        for f in fields where TicketFacets.facet(forHeading: f.heading) == facet {
            for line in f.value.split(whereSeparator: { $0 == "\n" }) {
                let v = line.trimmedWS()
                if v.isEmpty || v == "_No response_" || v.hasPrefix("```") || v.hasPrefix("~~~") { continue }
                return v
            }
            return nil
        }
        return nil
    }

    /// Operating system / platform field, as written.
    public var platform: String? { value(forFacet: TicketFacets.platform) }
    /// Version field (e.g. "Your App Version").
    public var version: String? { value(forFacet: TicketFacets.version) }
    /// Which product or component the reporter used.
    public var software: String? { value(forFacet: TicketFacets.software) }
}

extension StringProtocol {
    /// Trims spaces and tabs (and newlines when asked) from both ends.
    package func trimmedWS(newlines: Bool = false) -> String {
        let isWS: (Character) -> Bool = newlines ? { $0.isWhitespace } : { $0 == " " || $0 == "\t" }
        var s = Substring(self)
        while let f = s.first, isWS(f) { s = s.dropFirst() }
        while let l = s.last, isWS(l) { s = s.dropLast() }
        return String(s)
    }
}
