import Foundation

/// Recognises the issue-form fields that become facets, and normalises
/// platform names so that "Windows 11 Home" and "windows" group together.
package enum TicketFacets {
    package static let platform = "platform"
    package static let version = "version"
    package static let software = "software"

    /// The facet a form heading answers, if any. "Your Lumen OS Version" is a
    /// version even though it names an OS, so version wins over platform.
    ///
    /// Byte search rather than `String.contains`, which Foundation turns into
    /// a locale-aware search costing more than the rest of the analysis.
    package static func facet(forHeading heading: String) -> String? {
        let h = heading.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if h.contains(subsequence: Self.versionWord) { return version }
        if Self.platformWords.contains(where: { h.contains(subsequence: $0) }) || h.contains(subsequence: Self.os, wholeWord: true) {
            return platform
        }
        if Self.softwareWords.contains(where: { h.contains(subsequence: $0) }) { return software }
        return nil
    }

    private static let versionWord = Array("version".utf8)
    private static let platformWords = ["operating system", "platform"].map { Array($0.utf8) }
    private static let os = Array("os".utf8)
    private static let softwareWords = ["software", "product", "component", "application"].map { Array($0.utf8) }

    /// Platform keywords, matched as whole lower-cased words.
    package static let platforms: [String: String] = [
        "windows": "Windows", "win": "Windows", "win10": "Windows", "win11": "Windows", "windows10": "Windows",
        "windows11": "Windows",
        "macos": "macOS", "mac": "macOS", "osx": "macOS", "darwin": "macOS", "macbook": "macOS", "sonoma": "macOS",
        "sequoia": "macOS", "ventura": "macOS", "monterey": "macOS", "tahoe": "macOS",
        "linux": "Linux", "ubuntu": "Linux", "debian": "Linux", "fedora": "Linux", "arch": "Linux", "mint": "Linux",
        "manjaro": "Linux", "centos": "Linux", "rhel": "Linux", "opensuse": "Linux", "nixos": "Linux", "wsl": "Linux",
        "web": "Web", "browser": "Web",
        "ios": "iOS", "iphone": "iOS", "ipad": "iOS", "ipados": "iOS",
        "android": "Android",
    ]

    /// The platform named first in `value`, or the value itself (trimmed, at
    /// most 40 characters) when it names none we know.
    package static func normalizedPlatform(_ value: String) -> String {
        for word in value.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            if let p = platforms[String(word)] { return p }
        }
        return String(value.trimmedWS(newlines: true).prefix(40))
    }
}

extension [UInt8] {
    /// True when `needle` occurs in these bytes (as a whole word: no ASCII
    /// letter on either side, when asked).
    fileprivate func contains(subsequence needle: [UInt8], wholeWord: Bool = false) -> Bool {
        guard needle.count <= count, let first = needle.first else { return needle.isEmpty }
        for i in 0...(count - needle.count) where self[i] == first {
            var k = 1
            while k < needle.count, self[i + k] == needle[k] { k += 1 }
            guard k == needle.count else { continue }
            if !wholeWord { return true }
            let before = i == 0 || !isASCIILetter(self[i - 1])
            let after = i + k == count || !isASCIILetter(self[i + k])
            if before && after { return true }
        }
        return false
    }
}

@inline(__always) private func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
