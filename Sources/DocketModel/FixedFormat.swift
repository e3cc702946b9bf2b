import Foundation

/// `d` with exactly `decimals` digits after the point, without Foundation's
/// locale-dependent formatting.
public func formatFixed(_ d: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let negative = d < 0
    let scaled = (abs(d) * scale).rounded()
    guard scaled < 9e15 else { return String(d) }
    let n = Int(scaled)
    let intPart = n / Int(scale)
    var frac = String(n % Int(scale))
    while frac.count < decimals { frac = "0" + frac }
    let body = decimals > 0 ? "\(intPart).\(frac)" : "\(intPart)"
    return negative && n != 0 ? "-" + body : body
}
