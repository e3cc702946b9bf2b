@testable import DocketAnalysis
@testable import DocketGenerator
@testable import DocketModel
import XCTest

final class ClusteringTests: XCTestCase {
    private func doc(_ words: String, weight: Float = 1) -> [(String, Float)] {
        words.split(separator: " ").map { (String($0), weight) }
    }

    func testSparseDotAndNormalize() {
        var a = SparseVector(ids: [1, 3, 7], values: [3, 4, 0])
        a.normalize()
        XCTAssertEqual(a.values, [0.6, 0.8, 0], accuracy: 1e-6)
        let b = SparseVector(ids: [3, 5], values: [1, 1])
        XCTAssertEqual(a.dot(b), 0.8, accuracy: 1e-6)
        XCTAssertEqual(b.dot(SparseVector()), 0)
    }

    func testTFIDFDropsRareAndUbiquitousTermsAndIsDeterministic() {
        let docs = [doc("sync conflict common"), doc("sync conflict common"), doc("login loop common"),
                    doc("login loop common"), doc("unique common")]
        let (model, vectors) = TFIDFModel.fit(docs, minDocuments: 2, maxDocumentShare: 0.5)
        XCTAssertEqual(model.terms, ["conflict", "login", "loop", "sync"])  // "common" in all 5, "unique" in 1
        XCTAssertTrue(vectors[4].isEmpty)
        XCTAssertEqual(vectors[0].dot(vectors[1]), 1, accuracy: 1e-6)
        XCTAssertEqual(vectors[0].dot(vectors[2]), 0, accuracy: 1e-6)
        let (_, again) = TFIDFModel.fit(docs, minDocuments: 2, maxDocumentShare: 0.5)
        XCTAssertEqual(again, vectors)
    }

    func testTFIDFInASmallStoreDropsOnlyTermsInEveryDocument() {
        let docs = [doc("engine refused common"), doc("engine refused common"), doc("engine refused common"),
                    doc("export pdf common")]
        let (model, vectors) = TFIDFModel.fit(docs, minDocuments: 2, maxDocumentShare: 0.5)
        XCTAssertEqual(model.terms, ["engine", "refused"])  // in 3 of 4: kept; "common" in all 4: dropped
        XCTAssertEqual(vectors[0].dot(vectors[2]), 1, accuracy: 1e-6)
        XCTAssertTrue(vectors[3].isEmpty)
    }

    func testNeighborsMatchBruteForceCosine() {
        var docs: [[(String, Float)]] = []
        let vocab = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<60 {
            docs.append((0..<4).map { _ in (vocab[Int(rng.next() % UInt64(vocab.count))], 1) })
        }
        let (_, v) = TFIDFModel.fit(docs, minDocuments: 1, maxDocumentShare: 1)
        let nn = Neighbors.topK(v, k: 5, minSimilarity: 0.1)
        for i in 0..<v.count {
            var brute: [(Int, Float)] = []
            for j in 0..<v.count where j != i {
                let s: Float = v[i].dot(v[j])
                if s >= 0.1 { brute.append((j, s)) }
            }
            brute.sort { a, b in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
            let expected: [Float] = brute.prefix(5).map { $0.1 }
            let actual: [Float] = nn[i].map { $0.similarity }
            XCTAssertEqual(actual, expected, accuracy: 1e-5)
        }
    }

    /// A corpus big enough to be split over several worker chunks, with a
    /// skewed vocabulary so some posting lists are long.
    private func randomCorpus(documents: Int, seed: UInt64) -> [SparseVector] {
        var rng = SplitMix64(seed: seed)
        var docs: [[(String, Float)]] = []
        for _ in 0..<documents {
            let length = 3 + Int(rng.next() % 12)
            docs.append((0..<length).map { _ in
                let r = Double(rng.next() % 10_000) / 10_000
                return ("t\(Int(r * r * 300))", rng.next() % 4 == 0 ? 2 : 1)
            })
        }
        return TFIDFModel.fit(docs, minDocuments: 1, maxDocumentShare: 1).1
    }

    private func bruteForce(_ v: [SparseVector], _ i: Int, k: Int, minSimilarity: Float) -> [(Int, Float)] {
        var all: [(Int, Float)] = []
        for j in v.indices where j != i {
            let s = v[i].dot(v[j])
            if s >= minSimilarity { all.append((j, s)) }
        }
        all.sort { a, b in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
        return Array(all.prefix(k))
    }

    func testParallelNeighborsEqualBruteForceWhenNothingIsPruned() {
        let v = randomCorpus(documents: 700, seed: 9)
        let nn = Neighbors.topK(v, k: 7, minSimilarity: 0.05, postingBudget: .max)
        XCTAssertEqual(nn.count, v.count)
        var ranked = 0
        for i in v.indices {
            let expected = bruteForce(v, i, k: 7, minSimilarity: 0.05)
            XCTAssertEqual(nn[i].map(\.similarity), expected.map(\.1), accuracy: 1e-5)
            // Indexes too, wherever rounding cannot reorder a near tie.
            for (r, e) in expected.enumerated() where r < nn[i].count {
                let clear = (r == 0 || expected[r - 1].1 - e.1 > 1e-4) && (r + 1 == expected.count || e.1 - expected[r + 1].1 > 1e-4)
                if clear { XCTAssertEqual(nn[i][r].to, e.0); ranked += 1 }
            }
        }
        XCTAssertGreaterThan(ranked, 2_000)
        XCTAssertEqual(Neighbors.topK(v, k: 7, minSimilarity: 0.05, postingBudget: .max), nn)
    }

    func testPrunedNeighborsHaveExactSimilaritiesAndAreDeterministic() {
        let v = randomCorpus(documents: 700, seed: 11)
        // A budget below the longest posting lists forces partial scoring.
        let nn = Neighbors.topK(v, k: 5, minSimilarity: 0.05, postingBudget: 150, rescored: 20)
        var found = 0, expectedTotal = 0
        for i in v.indices {
            var last = Float.infinity
            for e in nn[i] {
                XCTAssertNotEqual(e.to, i)
                XCTAssertEqual(e.similarity, v[i].dot(v[e.to]), accuracy: 1e-5)
                XCTAssertGreaterThanOrEqual(e.similarity, 0.05)
                XCTAssertLessThanOrEqual(e.similarity, last)
                last = e.similarity
            }
            let truth = Set(bruteForce(v, i, k: 5, minSimilarity: 0.05).map(\.0))
            found += nn[i].filter { truth.contains($0.to) }.count
            expectedTotal += truth.count
        }
        // An approximation, but a close one.
        XCTAssertGreaterThan(Double(found) / Double(expectedTotal), 0.8)
        XCTAssertEqual(Neighbors.topK(v, k: 5, minSimilarity: 0.05, postingBudget: 150, rescored: 20), nn)
    }

    func testCentroidLinkageSeparatesPlantedGroupsDeterministically() {
        var docs: [[(String, Float)]] = []
        for i in 0..<12 { docs.append(doc("sync conflict overwrite device\(i % 3) note\(i % 4)")) }
        for i in 0..<12 { docs.append(doc("login oauth loop browser\(i % 3) note\(i % 4)")) }
        let (_, v) = TFIDFModel.fit(docs, minDocuments: 2, maxDocumentShare: 0.6)
        let nn = Neighbors.topK(v, k: 5, minSimilarity: 0.05)
        let groups = CentroidLinkage.cluster(v, neighbors: nn, threshold: 0.3)
        XCTAssertEqual(groups.map { $0.count }.sorted(), [12, 12], "\(groups)")
        XCTAssertTrue(groups.contains { Set($0) == Set(0..<12) })
        XCTAssertEqual(CentroidLinkage.cluster(v, neighbors: nn, threshold: 0.3), groups)
        // Nothing reaches a threshold above every similarity: all singletons.
        XCTAssertEqual(CentroidLinkage.cluster(v, neighbors: nn, threshold: 1.01).count, 24)
    }

    func testStragglersJoinTheClosestEstablishedCentreAboveTheBar() {
        func unit(_ ids: [Int32], _ values: [Float]) -> SparseVector {
            var v = SparseVector(ids: ids, values: values)
            v.normalize()
            return v
        }
        // Each topic has one loose member, so its weakest member (the floor
        // a straggler must reach) sits near cosine 0.3.
        var v = [SparseVector](repeating: unit([0, 1], [0.9, 0.1]), count: 5)  // 0-5: one topic
        v.append(unit([0, 6], [0.3, 0.954]))
        v += [SparseVector](repeating: unit([2], [1]), count: 5)                // 6-11: another
        v.append(unit([2, 7], [0.3, 0.954]))
        v.append(unit([0, 3], [0.6, 0.8]))  // 12: leans to the first centre (cosine ~0.6)
        v.append(unit([3], [1]))            // 13: shares nothing with either centre
        v.append(SparseVector())            // 14: says nothing
        v.append(unit([2, 3], [0.5, 0.866])) // 15: leans to the second (cosine 0.5)
        v.append(unit([3], [1]))            // 16: its pair-mate; its only neighbour is 15
        var nn = [[Neighbors.Edge]](repeating: [], count: v.count)
        nn[12] = [.init(to: 0, similarity: 0.6)]
        nn[13] = [.init(to: 0, similarity: 0.01), .init(to: 6, similarity: 0.01)]
        nn[15] = [.init(to: 6, similarity: 0.5), .init(to: 16, similarity: 0.87)]
        nn[16] = [.init(to: 15, similarity: 0.87)]
        let groups = [Array(0..<6), Array(6..<12), [12], [13], [14], [15, 16]]
        let out = StragglerAttachment.attach(groups, vectors: v, neighbors: nn, smallSize: 2, bar: 0.15)
        XCTAssertEqual(out, [[0, 1, 2, 3, 4, 5, 12], [6, 7, 8, 9, 10, 11, 15], [13], [14], [16]])
        // Above every cosine nothing moves; with no group above smallSize there is nowhere to go.
        XCTAssertEqual(StragglerAttachment.attach(groups, vectors: v, neighbors: nn, smallSize: 2, bar: 0.7), groups)
        XCTAssertEqual(StragglerAttachment.attach(groups, vectors: v, neighbors: nn, smallSize: 6, bar: 0.15), groups)
        // Tight topics (every member alike) take no straggler less typical than their members.
        let tight = [SparseVector](repeating: unit([0, 1], [0.9, 0.1]), count: 6) + Array(v[6...])
        XCTAssertEqual(StragglerAttachment.attach(groups, vectors: tight, neighbors: nn, smallSize: 2, bar: 0.15),
                       [Array(0..<6), [6, 7, 8, 9, 10, 11, 15], [12], [13], [14], [16]])
        // The same groups in another order give the same partition.
        XCTAssertEqual(StragglerAttachment.attach(groups.reversed(), vectors: v, neighbors: nn, smallSize: 2, bar: 0.15), out)
    }

    func testTicketsMoveToTheClusterTheirSignatureBelongsTo() {
        var sigs = [[String]](repeating: [], count: 45)
        for i in 0..<20 { sigs[i] = ["E_SYNC"] }   // 0-19: E_SYNC's cluster (20 of its 24 carriers)
        for i in 20..<30 { sigs[i] = ["E_AUTH"] }  // 20-29: E_AUTH's (10 of 12)
        sigs[30] = ["E_SYNC"]; sigs[31] = ["E_SYNC", "port:1"]  // 30-36: one problem in other words, two quote E_SYNC
        sigs[37] = ["E_SYNC"]; sigs[38] = ["E_SYNC", "E_AUTH"]  // 37-39: mixed; 37 points one way, 38 two ways
        for i in 40..<43 { sigs[i] = ["E_PDF"] }   // 40-44: E_PDF lives here...
        sigs[43] = ["E_AUTH"]                      // ...but 43 quotes E_AUTH and nothing of its own cluster
        let groups = [Array(0..<20), Array(20..<30), Array(30..<37), [37, 38, 39], Array(40..<45)]
        let out = SignatureHoming.attach(groups, signatures: sigs, smallSize: 3)
        XCTAssertEqual(out, [Array(0..<20) + Array(30..<38), Array(20..<30) + [43], [38, 39], [40, 41, 42, 44]])
        XCTAssertEqual(SignatureHoming.attach(groups.reversed(), signatures: sigs, smallSize: 3), out)

        // Four more E_SYNC carriers in 20-29: 20 of 28 is under four in five, so E_SYNC belongs nowhere
        // and 38 now points only to E_AUTH's cluster.
        var spread = sigs
        for i in 20..<24 { spread[i].append("E_SYNC") }
        XCTAssertEqual(SignatureHoming.attach(groups, signatures: spread, smallSize: 3),
                       [Array(0..<20), Array(20..<30) + [38, 43], Array(30..<37), [37, 39], [40, 41, 42, 44]])

        // Never towards a smaller cluster, and a group moves whole only when a quarter of it quotes the error.
        var big = [[String]](repeating: [], count: 60)
        for i in 0..<10 { big[i] = ["E_SYNC"] }
        big[10] = ["E_SYNC"]; big[11] = ["E_SYNC"]
        XCTAssertEqual(SignatureHoming.attach([Array(0..<10), Array(10..<40)], signatures: big, smallSize: 3),
                       [Array(0..<10), Array(10..<40)])
        for i in 0..<40 { big[i] = ["E_SYNC"] }
        for i in 40..<60 { big[i] = i < 43 ? ["E_SYNC"] : [] }
        XCTAssertEqual(SignatureHoming.attach([Array(0..<40), Array(40..<60)], signatures: big, smallSize: 3),
                       [Array(0..<43), Array(43..<60)])
    }

    func testClusterTermsSpellStemsTheCommonestWayAndDropComplaintWords() {
        let texts = [TicketText(key: TicketKey(source: "t", number: 1), titleTokens: ["launching", "broken"], bodyTokens: ["launch", "fails"]),
                     TicketText(key: TicketKey(source: "t", number: 2), titleTokens: ["launched"], bodyTokens: ["launch", "working"]),
                     TicketText(key: TicketKey(source: "t", number: 3), bodyTokens: ["launches", "sync"])]
        let spelling = ClusterTerms.commonestSpelling(texts)
        XCTAssertEqual(spelling["launching"], "launch")
        XCTAssertEqual(spelling["launches"], "launch")
        XCTAssertNil(spelling["launch"])  // already the commonest spelling
        XCTAssertNil(spelling["sync"])
        var p = ClusterAnalysis.Parameters()
        p.titleWeight = 2
        let terms = ClusterTerms.terms(texts[0], spelling: spelling, parameters: p)
        XCTAssertEqual(terms.map(\.0), ["launch", "launch", "fails"])  // "broken" says nothing about which problem
        XCTAssertEqual(terms.map(\.1), [2, 1, 1])
    }

    func testNewTicketsTakeTheSavedVocabularysSpellingAndTheirOwnForNewStems() {
        let texts = [TicketText(key: TicketKey(source: "t", number: 1), titleTokens: ["launch", "syncing"], bodyTokens: ["synced", "broken"]),
                     TicketText(key: TicketKey(source: "t", number: 2), bodyTokens: ["launch", "launch", "synced"])]
        // The saved model spells the stem "launched"; "sync" is new to it.
        let spelling = ClusterTerms.spelling(of: ["launched", "sig:launch", "zebra"], for: texts)
        XCTAssertEqual(spelling["launch"], "launched")  // though "launch" is commoner here
        XCTAssertEqual(spelling["syncing"], "synced")  // the commonest spelling among the new tickets
        XCTAssertNil(spelling["synced"])
        XCTAssertEqual(spelling["broken"], "")
    }

    func testModelLearnsWordsTwoNewDocumentsShareAndKeepsKnownIds() {
        var (model, _) = TFIDFModel.fit([[("a", 1), ("b", 1)], [("a", 1), ("b", 1)], [("a", 1), ("c", 1)]], maxDocumentShare: 1)
        let known = model.terms
        let added = model.learn([[("d", 1), ("e", 1), ("a", 1)], [("d", 1), ("d", 1)], [("e", 2)], [("f", 1)]])
        XCTAssertEqual(added, ["d", "e"])  // "f" is in one document only
        XCTAssertEqual(Array(model.terms.prefix(known.count)), known)
        XCTAssertEqual(model.vocabulary["d"], Int32(known.count))
        XCTAssertEqual(model.documentFrequency.suffix(2), [2, 2])
        XCTAssertEqual(model.documentCount, 3)
        XCTAssertEqual(model.vector([("d", 1)]).ids, [Int32(known.count)])
    }

    func testMergeHeapPopsTheSameOrderAfterDroppingEntries() {
        var rng = SplitMix64(seed: 3)
        var full = CentroidLinkage.Heap()
        for i in 0..<500 {
            let a = i % 50, b = 50 + i / 50  // distinct pairs: their order is total
            // Coarse scores, so that index tie-breaks decide many pops.
            full.push(.init(score: Float(rng.next() % 20) / 20, a: a, b: b, va: Int(rng.next() % 3), vb: 0))
        }
        var compacted = full
        compacted.keep { $0.va != 1 }
        XCTAssertLessThan(compacted.count, full.count)
        var expected: [CentroidLinkage.Candidate] = []
        while let c = full.pop() { if c.va != 1 { expected.append(c) } }
        var actual: [CentroidLinkage.Candidate] = []
        while let c = compacted.pop() { actual.append(c) }
        XCTAssertEqual(actual.map { [$0.a, $0.b, $0.va] }, expected.map { [$0.a, $0.b, $0.va] })
        XCTAssertEqual(actual.map(\.score), expected.map(\.score))
    }

    func testCentroidSumKeepsTheHeaviestTerms() {
        let x = SparseVector(ids: [1, 2, 5], values: [0.5, 0.1, 0.3])
        let y = SparseVector(ids: [2, 3], values: [0.6, 0.2])
        let sum = CentroidLinkage.add(x, y, keep: 10)
        XCTAssertEqual(sum.ids, [1, 2, 3, 5])
        XCTAssertEqual(sum.values, [0.5, 0.7, 0.2, 0.3], accuracy: 1e-6)
        XCTAssertEqual(CentroidLinkage.add(x, y, keep: 2).ids, [1, 2])
    }
}

private func XCTAssertEqual(_ a: [Float], _ b: [Float], accuracy: Float, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
