import Foundation

/// Receipt codes for dossiers: a prefix, six characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, V/U, W), then a check character, e.g. `KS-7HM4QX-9`.
/// The alphabet has 23 characters, a prime, so the weighted check catches every single changed
/// character and every swap of neighbours.
public enum ReceiptCode {
    public static let alphabet = Array("34679ACDEFGHJKMNPQRTUXY")

    /// Builds a code from random numbers (one per character); the caller supplies randomness so
    /// this stays deterministic.
    public static func make(prefix: String, random: [UInt32]) -> String {
        let body = String(random.map { alphabet[Int($0 % UInt32(alphabet.count))] })
        return "\(prefix)-\(body)-\(checkCharacter(for: body))"
    }

    /// True when the code's last character matches its body; case and spaces are forgiven.
    public static func isValid(_ code: String) -> Bool {
        let parts = code.uppercased().replacingOccurrences(of: " ", with: "").split(separator: "-")
        guard parts.count == 3, let check = parts[2].first, parts[2].count == 1 else { return false }
        let body = String(parts[1])
        guard body.allSatisfy({ alphabet.contains($0) }) else { return false }
        return checkCharacter(for: body) == check
    }

    /// A weighted sum modulo the alphabet size, so a changed character or swapped neighbours
    /// change the check character.
    static func checkCharacter(for body: String) -> Character {
        var sum = 0
        for (position, character) in body.enumerated() {
            let index = alphabet.firstIndex(of: character) ?? 0
            sum += (position + 2) * index
        }
        return alphabet[sum % alphabet.count]
    }
}
