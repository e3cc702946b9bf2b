import DocketAnalysis
import DocketModel
import DocketReport
import DocketStore
import Foundation

/// What the application layer reads of a store at one moment: values, so
/// that work on another thread never touches the store that goes on taking
/// edits (a `TicketStore` is not thread-safe; these are).
public struct StoreContents: Sendable {
    public var tickets: [Ticket]
    public var annotations: [TicketKey: TicketAnnotation]
    public var curation: Curation

    public init(tickets: [Ticket], annotations: [TicketKey: TicketAnnotation] = [:], curation: Curation = Curation()) {
        self.tickets = tickets
        self.annotations = annotations
        self.curation = curation
    }
}

extension TicketStore {
    /// The store's data as values (copy-on-write: no copying happens here).
    public var contents: StoreContents { StoreContents(tickets: tickets, annotations: annotations, curation: curation) }
}

/// Cluster analysis as a workflow: the only place where an analysis is run
/// and saved. Reading a store never analyses; a command that needs current
/// clusters asks for them here, explicitly.
public enum AnalysisService {
    /// Analyses the store's tickets against the last saved analysis and
    /// people's edits, and saves the result.
    @discardableResult
    public static func analyze(_ store: any TicketStore, now: Date, mode: ClusterAnalyzer.Mode = .automatic,
                               parameters: ClusterAnalysis.Parameters = .init()) throws -> (ClusterSnapshot, ClusterAnalyzer.Stats) {
        let previous = try Trace.measure("  load clusters") { try store.loadClusters() }
        let (snapshot, stats) = Trace.measure("  cluster") {
            ClusterAnalyzer.run(store.tickets, previous: previous, curation: store.clusterCuration, now: now, mode: mode,
                                parameters: parameters)
        }
        try Trace.measure("  save clusters") { try store.saveClusters(snapshot) }
        return (snapshot, stats)
    }

    /// The saved analysis, brought up to date first (and saved) when tickets
    /// arrived since: incrementally, so this is quick. `analyzed` is set when
    /// it had to analyse.
    public static func upToDate(_ store: any TicketStore, now: Date) throws -> (snapshot: ClusterSnapshot, analyzed: ClusterAnalyzer.Stats?) {
        if let s = try store.loadClusters(), isCurrent(s, for: store.tickets) { return (s, nil) }
        let (s, stats) = try analyze(store, now: now)
        return (s, stats)
    }

    /// Whether `snapshot` has seen every ticket of `tickets`.
    public static func isCurrent(_ snapshot: ClusterSnapshot, for tickets: [Ticket]) -> Bool {
        tickets.allSatisfy { snapshot.analyzed.contains($0.key) }
    }

    /// `snapshot` brought up to date with `contents`, as a pure function (for
    /// a background task; the caller saves the result).
    public static func analyzed(_ snapshot: ClusterSnapshot?, contents: StoreContents, now: Date,
                                parameters: ClusterAnalysis.Parameters = .init()) -> (ClusterSnapshot, ClusterAnalyzer.Stats) {
        ClusterAnalyzer.run(contents.tickets, previous: snapshot, curation: contents.curation.clusters, now: now,
                            mode: .automatic, parameters: parameters)
    }
}

/// The recommendations people see for a period.
public enum RecommendationService {
    /// Generated from the clusters (people's cluster edits applied, hidden
    /// ones left out), before the period's recommendation edits are merged in.
    public static func generated(_ contents: StoreContents, snapshot: ClusterSnapshot, period: Period) -> [Recommendation] {
        generated(contents, curated: contents.curation.clusters.apply(to: snapshot.clusters), period: period)
    }

    /// `generated` from clusters with people's edits already applied (a
    /// period's `PeriodClusters.curated`).
    public static func generated(_ contents: StoreContents, curated: [CuratedCluster], period: Period) -> [Recommendation] {
        let clusters = curated.filter { !$0.hidden }.map {
            RecommendationInput.Cluster(id: $0.id, title: $0.title, keywords: $0.keywords, tickets: $0.members)
        }
        return Trace.measure("recommendations") {
            RecommendationGenerator.generate(RecommendationInput(clusters: clusters, tickets: contents.tickets, period: period))
        }
    }

    /// The generated ones merged with the recommendation edits stored for the period.
    public static func current(_ contents: StoreContents, snapshot: ClusterSnapshot, period: Period) -> [Recommendation] {
        current(contents, curated: contents.curation.clusters.apply(to: snapshot.clusters), period: period)
    }

    public static func current(_ contents: StoreContents, curated: [CuratedCluster], period: Period) -> [Recommendation] {
        let overrides = contents.curation.recommendations[Recommendations.key(for: period)] ?? RecommendationOverrides()
        return Recommendations.merge(generated: generated(contents, curated: curated, period: period), overrides: overrides)
    }
}

/// Reports: the builder fed from a store's contents and its clusters.
public enum ReportService {
    /// The report of `kind` for the period around `day`, from `contents` and
    /// an up-to-date `snapshot` (nil: the store has no tickets to cluster).
    public static func build(_ kind: Report.Kind, day: CivilDate, zone: TimeZone = .utc, generatedAt: Date,
                             contents: StoreContents, snapshot: ClusterSnapshot?, out: String) -> Report {
        let period = ReportExport.period(kind, day: day, zone: zone)
        var inputs = ReportBuilder.Inputs(kind: kind, tickets: contents.tickets, period: period, generatedAt: generatedAt)
        inputs.annotations = contents.annotations
        if let snapshot, !contents.tickets.isEmpty {
            // The period's clusters, once, for the report's list and its recommendations.
            let clusters = PeriodClusters(snapshot, curation: contents.curation.clusters, tickets: contents.tickets, period: period,
                                          model: inputs.model, reference: ReportBuilder.reference(for: period, generatedAt: generatedAt))
            inputs.clusters = clusters.listed
            let numbers = Dictionary(contents.tickets.map { ($0.key, $0.number) }, uniquingKeysWith: { a, _ in a })
            inputs.recommendations = RecommendationService.current(contents, curated: clusters.curated, period: period).map {
                Report.Recommendation(title: $0.title, text: $0.text, clusters: $0.clusterIDs,
                                      tickets: $0.tickets.compactMap { numbers[$0] })
            }
        }
        if kind == .weekly { inputs.dailyReports = ReportPaths.dailies(out: out, week: day) }
        return ReportBuilder.build(inputs)
    }

    /// The report of a store: its clusters brought up to date first (and
    /// saved), as `docket report` and the browser's report screen build it.
    public static func build(_ kind: Report.Kind, day: CivilDate, zone: TimeZone = .utc, generatedAt: Date,
                             store: any TicketStore, out: String) throws -> Report {
        let snapshot = store.tickets.isEmpty ? nil : try AnalysisService.upToDate(store, now: generatedAt).snapshot
        return build(kind, day: day, zone: zone, generatedAt: generatedAt, contents: store.contents, snapshot: snapshot, out: out)
    }
}
