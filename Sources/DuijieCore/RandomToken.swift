/// Unguessable tokens: judges' links, one-time sign-in links, CSRF tokens, error ids in the log.
public enum RandomToken {
    /// 128 bits from the system's random source, as 32 lowercase hex characters.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(32)
        for _ in 0..<2 {
            let word = UInt64.random(in: 0...UInt64.max, using: &generator)
            let hex = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
    }
}
