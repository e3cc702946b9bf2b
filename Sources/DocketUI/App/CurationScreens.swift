import DocketModel
import DocketReport

/// What a text being edited (in the line editor or in `$EDITOR`) is for,
/// so the accepted text knows where to go.
public enum EditPurpose: Hashable, Sendable {
    /// A new recommendation's title; its text is asked next.
    case addTitle(period: String)
    /// A new recommendation's text, after its title.
    case addText(period: String, title: String)
    /// An existing recommendation's title; its text is asked next.
    case title(period: String, id: String)
    /// An existing recommendation's text (with the title just accepted).
    case text(period: String, id: String, title: String)
    /// An existing recommendation's text, edited in `$EDITOR`.
    case externalText(period: String, id: String)

    /// The period key (`Recommendations.key(for:)`) the edit belongs to.
    public var period: String {
        switch self {
        case let .addTitle(p), let .addText(p, _), let .title(p, _), let .text(p, _, _), let .externalText(p, _): return p
        }
    }

    /// The prompt before the field.
    var label: String {
        switch self {
        case .addTitle: return "New title"
        case .addText: return "New text"
        case .title: return "Title"
        case .text, .externalText: return "Text"
        }
    }
}

/// The line editor while it is open: keys go to it until Enter or Esc.
public struct EditorSession: Sendable, Equatable {
    public var purpose: EditPurpose
    public var field: LineEditor

    public init(_ purpose: EditPurpose, text: String = "") {
        self.purpose = purpose
        field = LineEditor(text)
    }
}

/// The Recommendations screen's own state.
public struct RecommendationsScreen: Sendable, Equatable {
    /// Generated recommendations by period key, as the runtime computed them
    /// from the saved clusters; people's edits are merged in when shown.
    public var generated: [String: [Recommendation]] = [:]
    /// The selected recommendation, and the first one shown.
    public var cursor = ListCursor()
    public init() {}
}

/// The Report screen's own state.
public struct ReportScreen: Sendable, Equatable {
    public var kind: Report.Kind = .weekly
    /// The Markdown preview, as sanitized lines, and what it is of.
    public var preview: (kind: Report.Kind, day: CivilDate, lines: [String])?
    /// The first (wrapped) line shown.
    public var scroll = 0
    /// Where `x` writes the files (`docket --out DIR`).
    public var outDirectory = "reports"
    public init() {}

    public static func == (a: ReportScreen, b: ReportScreen) -> Bool {
        a.kind == b.kind && a.scroll == b.scroll && a.outDirectory == b.outDirectory
            && a.preview?.kind == b.preview?.kind && a.preview?.day == b.preview?.day && a.preview?.lines == b.preview?.lines
    }
}

extension AppState {
    /// The day the Recommendations and Report screens are about: the one
    /// chosen with `[`/`]`, else the last day of the browser's period when
    /// that is a Monday-to-Sunday week, else today.
    public var reportDay: CivilDate {
        if let d = chosenDay { return d }
        if !period.isAll, period.days == 7, period.first == period.first.monday { return period.last }
        return today
    }

    /// The week whose recommendations are shown.
    public var recommendationsPeriod: Period { Period.week(of: reportDay) }

    /// The period's recommendations as shown: generated ones merged with
    /// people's edits; nil until the generated ones are loaded.
    public var shownRecommendations: [Recommendation]? {
        let key = Recommendations.key(for: recommendationsPeriod)
        guard let generated = recs.generated[key] else { return nil }
        return Recommendations.merge(generated: generated, overrides: curation.recommendations[key] ?? RecommendationOverrides())
    }
}
