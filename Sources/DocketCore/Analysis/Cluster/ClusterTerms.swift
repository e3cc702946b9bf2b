/// The weighted terms clustering reads from tickets, from the text pipeline:
/// title tokens count twice a body token (a title is the reporter's own
/// summary), error signatures three times (a shared exception or module name
/// is the strongest sign of the same problem). Lines that recur across many
/// tickets (templates an app or a form fills in) are learned as boilerplate
/// first and left out.
public enum ClusterTerms {
    /// Documents for `tickets`, in order.
    /// - Complexity: O(total text), using both cores.
    public static func documents(for tickets: [Ticket]) -> [[(String, Float)]] {
        TicketText.analyze(tickets, boilerplate: boilerplate(for: tickets)).map(terms)
    }

    /// The template lines of this corpus, left out of every document.
    public static func boilerplate(for tickets: [Ticket]) -> Boilerplate {
        Boilerplate.learn(from: tickets, minShare: 0.05, minCount: 5)
    }

    public static func terms(_ text: TicketText) -> [(String, Float)] {
        var out: [(String, Float)] = []
        out.reserveCapacity(text.titleTokens.count + text.bodyTokens.count + text.signatures.count)
        for w in text.titleTokens { out.append((w, 2)) }
        for w in text.bodyTokens { out.append((w, 1)) }
        for s in text.signatures { out.append(("sig:" + s, 3)) }
        return out
    }
}
