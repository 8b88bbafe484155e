import Foundation
import Testing

@testable import QRCode

@Suite struct QRCodeTests {
    let link = "http://192.168.1.20:8080/judge/0123456789abcdef0123456789abcdef"

    @Test func aLinkBecomesASquareSymbolWithItsFinderPatterns() throws {
        let modules = try #require(QRCode.modules(link))
        // Version 4 (33 modules) or so for a 60-byte URL at level M; always square, 21 + 4k wide.
        #expect(modules.allSatisfy { $0.count == modules.count })
        #expect((modules.count - 21) % 4 == 0)
        // The three finder patterns: a dark 7×7 ring around a light ring around a dark 3×3 centre.
        let n = modules.count
        for (x0, y0) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            #expect((0..<7).allSatisfy { modules[y0][x0 + $0] && modules[y0 + 6][x0 + $0] })
            #expect(!modules[y0 + 1][x0 + 1] && modules[y0 + 3][x0 + 3])
        }
    }

    @Test func theSVGDrawsTheDarkModulesWithAQuietZoneAndIsNamed() throws {
        let modules = try #require(QRCode.modules(link))
        let svg = try #require(QRCode.svg(link, size: 180, label: "评委 \"王\" <链接>"))
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("viewBox=\"0 0 \(modules.count + 8) \(modules.count + 8)\""))
        #expect(svg.contains("aria-label=\"评委 &quot;王&quot; &lt;链接>\""))
        // One path segment per horizontal run of dark modules.
        var runs = 0
        for row in modules {
            for (x, dark) in row.enumerated() where dark && (x == 0 || !row[x - 1]) { runs += 1 }
        }
        #expect(svg.components(separatedBy: "z").count - 1 == runs)
    }

    @Test func nothingIsMadeOfAnEmptyOrOverlongText() {
        #expect(QRCode.modules("") == nil)
        #expect(QRCode.svg(String(repeating: "x", count: 5_000), label: "x") == nil)
    }
}
