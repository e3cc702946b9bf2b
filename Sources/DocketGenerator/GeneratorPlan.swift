extension TicketGenerator {
    static let staffLogins = ["mira-acme", "tobias-lumen", "acme-jsato", "lumen-dana", "rkoval-acme", "acme-lee", "pt-lumen"]
    static let triageBot = "lumen-triage[bot]"
    static let housekeeperBot = "lumen-housekeeper[bot]"

    /// Decisions that span the whole corpus: issue numbers, creation times,
    /// which numbers are pull requests, the user population and theme bursts.
    /// Per-issue details are drawn later from each issue's own stream.
    struct Plan {
        let seed: UInt64
        let end: Int64
        let start: Int64
        let issueCount: Int
        /// Issues plus pull requests; numbers run 1...total.
        let total: Int
        let catalog: Catalog
        /// Indexed by number - 1. Nondecreasing, as GitHub numbers follow creation order.
        private(set) var created: [Int64] = []
        private(set) var isPullRequest: [Bool] = []
        /// Logins of the reporting population, unique.
        private(set) var logins: [[UInt8]] = []
        /// Per theme: a window of a few days in which it is reported five times as often
        /// (a bad release, an expired certificate), as real trackers show.
        private(set) var bursts: [(from: Int64, to: Int64)] = []

        init(_ options: GeneratorOptions, catalog: Catalog = .shared) {
            seed = options.seed
            self.catalog = catalog
            let endSeconds = options.end.timeIntervalSince1970.rounded(.down)
            end = Int64(max(-9e15, min(9e15, endSeconds)))
            let days = max(1, min(options.days, 36_500))
            start = end - Int64(days) * 86_400
            issueCount = max(0, options.tickets)
            let prCount = options.includePullRequests && issueCount >= 10 ? max(1, issueCount / 50) : 0
            total = issueCount + prCount
            placePullRequests(prCount)
            spreadCreationTimes(hours: days * 24)
            makeUsers()
            makeBursts(days: days)
        }

        private mutating func placePullRequests(_ count: Int) {
            isPullRequest = Array(repeating: false, count: total)
            guard count > 0 else { return }
            var rng = SplitMix64(seed: seed, stream: 0x5052)
            let segment = total / count
            for k in 0..<count {
                isPullRequest[k * segment + rng.below(segment)] = true
            }
        }

        /// Maps evenly spaced quantiles through a weighted hour-by-hour density
        /// (quiet nights and weekends, slow growth), so times stay in number order.
        private mutating func spreadCreationTimes(hours: Int) {
            created = []
            created.reserveCapacity(total)
            guard total > 0 else { return }
            // Relative activity by UTC hour: Europe and the Americas overlap in the afternoon.
            let byHour = [40, 35, 30, 28, 28, 32, 45, 60, 75, 85, 90, 92, 95, 100, 100, 98, 95, 90, 85, 78, 70, 62, 55, 48]
            var cumulative = [Int64](repeating: 0, count: hours + 1)
            for h in 0..<hours {
                let t = start + Int64(h) * 3600
                let hour = CivilTime(t).hour
                let day = CivilTime.weekday(t) >= 5 ? 55 : 100
                let trend = 85 + 30 * h / max(1, hours)
                cumulative[h + 1] = cumulative[h] + Int64(byHour[hour] * day * trend)
            }
            let weight = cumulative[hours]
            var rng = SplitMix64(seed: seed, stream: 0x54494D45)
            var bucket = 0
            let n = Int64(total)
            for i in 0..<total {
                let target = (Int64(i) * weight + Int64(rng.below(Int(weight)))) / n
                while bucket < hours - 1 && cumulative[bucket + 1] <= target { bucket += 1 }
                let width = cumulative[bucket + 1] - cumulative[bucket]
                let offset = width > 0 ? (target - cumulative[bucket]) * 3600 / width : 0
                created.append(start + Int64(bucket) * 3600 + min(3599, offset))
            }
        }

        private mutating func makeUsers() {
            let count = max(40, issueCount * 6 / 10)
            let first = ["ana", "bo", "chen", "dmitri", "elif", "femi", "greta", "hiro", "ines", "jonas", "kofi", "lena",
                         "mateo", "nadia", "omar", "priya", "quinn", "rosa", "sven", "tomas", "uma", "vik", "wen", "yara",
                         "zoe", "arjun", "bea", "carlos", "dana", "emeka", "farah", "gus", "hana", "ivan", "jia", "kai"]
            let last = ["berg", "costa", "diaz", "eriksen", "fischer", "garcia", "haddad", "ito", "jensen", "kowalski",
                        "lind", "mensah", "novak", "okafor", "park", "quispe", "rossi", "sato", "tanaka", "ueda",
                        "varga", "wong", "xu", "yilmaz", "zhang", "ahmed", "baker", "cruz", "dubois", "evans"]
            let adjectives = ["quiet", "lazy", "rusty", "cosmic", "tiny", "grumpy", "sleepy", "swift", "blue", "neon", "dusty", "brave"]
            let nouns = ["fox", "otter", "pixel", "kernel", "moth", "panda", "falcon", "byte", "cactus", "comet", "lynx", "owl"]
            var seen = Set<String>()
            logins.reserveCapacity(count)
            for uid in 0..<count {
                var r = SplitMix64(seed: seed, stream: 0x55534552, UInt64(uid))
                let f = first[r.below(first.count)], l = last[r.below(last.count)]
                var login: String
                switch r.below(9) {
                case 0: login = f + l
                case 1: login = f + "-" + l
                case 2: login = String(f.prefix(1)) + l
                case 3: login = f + String(r.within(1...99))
                case 4: login = adjectives[r.below(adjectives.count)] + nouns[r.below(nouns.count)] + String(r.within(1...999))
                case 5: login = f + "_" + l
                case 6: login = (f.prefix(1).uppercased() + f.dropFirst()) + (l.prefix(1).uppercased() + l.dropFirst())
                case 7: login = "dev-" + f
                default: login = f + l + String(r.within(1970...2009))
                }
                if seen.contains(login) { login += "-" + String(uid) }
                seen.insert(login)
                logins.append(Array(login.utf8))
            }
        }

        private mutating func makeBursts(days: Int) {
            var rng = SplitMix64(seed: seed, stream: 0x4255_5253)
            bursts = catalog.themes.map { _ in
                guard rng.chance(650) else { return (from: 0, to: 0) }
                let from = start + Int64(rng.below(days)) * 86_400
                return (from: from, to: from + Int64(rng.within(2...6)) * 86_400)
            }
        }

        /// A user id skewed towards low values, so some people file many tickets.
        func reporter(_ rng: inout SplitMix64) -> Int {
            min(rng.below(logins.count), rng.below(logins.count))
        }

        /// The first draw of an issue's stream, so `plantedThemes` need not build the rest.
        func theme(at time: Int64, _ rng: inout SplitMix64) -> Int {
            var total = 0
            for (i, theme) in catalog.themes.enumerated() {
                total += theme.weight * (bursts[i].from <= time && time < bursts[i].to ? 5 : 1)
            }
            var r = rng.below(total)
            for (i, theme) in catalog.themes.enumerated() {
                let w = theme.weight * (bursts[i].from <= time && time < bursts[i].to ? 5 : 1)
                if r < w { return i }
                r -= w
            }
            return catalog.themes.count - 1
        }

        /// The app release current at `time`: one every six days, counted from 2025-01-01.
        static func release(at time: Int64) -> Int {
            var day = time / 86_400
            if time % 86_400 < 0 { day -= 1 }
            let since = day - 20_089
            return Int(since >= 0 ? since / 6 : (since - 5) / 6)
        }

        func userID(_ uid: Int) -> Int {
            // Spaced so ids are unique per login; the jitter keeps them from looking sequential.
            var r = SplitMix64(seed: seed, stream: 0x4944, UInt64(uid))
            return 1_200_000 + uid * 1_009 + r.below(1_000)
        }
    }
}
