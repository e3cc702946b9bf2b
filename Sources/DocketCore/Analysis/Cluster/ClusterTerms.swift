/// The weighted terms clustering reads from a ticket, from the text pipeline:
/// title tokens count twice a body token (a title is the reporter's own
/// summary), error signatures three times (a shared exception or module name
/// is the strongest sign of the same problem).
public enum ClusterTerms {
    public static let extract: ClusterAnalysis.Extractor = { t in
        let text = TicketText.analyze(t)
        var out: [(String, Float)] = []
        out.reserveCapacity(text.titleTokens.count + text.bodyTokens.count + text.signatures.count)
        for w in text.titleTokens { out.append((w, 2)) }
        for w in text.bodyTokens { out.append((w, 1)) }
        for s in text.signatures { out.append(("sig:" + s, 3)) }
        return out
    }
}
