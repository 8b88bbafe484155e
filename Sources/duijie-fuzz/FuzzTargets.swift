import DuijieCore
import Foundation
import Ingestion
import Sheets

/// One reader, fed arbitrary bytes: it must end (with rows or with an error), never trap or hang. Each target also
/// sends what it reads through the import pipeline, so the header search, the value profiling and the row
/// classifier see hostile rows too.
enum FuzzTarget: String, CaseIterable {
    case xlsx, xls, csv, ssml, amount, date

    /// Runs one input.
    func run(_ data: Data) {
        switch self {
        case .amount:
            let text = String(decoding: data, as: UTF8.self)
            for unit in MoneyUnit.allCases { _ = try? AmountParser.parse(text, defaultUnit: unit) }
        case .date:
            _ = try? DateParser.parse(String(decoding: data, as: UTF8.self))
        case .xlsx, .xls, .csv, .ssml:
            guard let workbook = try? open(data) else { return }
            _ = try? RecordReader(schema: DemandSchema()).read(workbook) { _ in }
            for sheet in workbook.sheets { try? workbook.readRows(of: sheet) { _ in } }
        }
    }

    private func open(_ data: Data) throws -> Workbook {
        switch self {
        case .xlsx: return try XLSXWorkbook(source: .memory(data), fileName: "fuzz.xlsx")
        case .xls: return try XLSWorkbook(data: data, fileName: "fuzz.xls")
        case .csv: return try CSVWorkbook(data: data, fileName: "fuzz.csv")
        case .ssml: return try SpreadsheetMLWorkbook(source: .memory(data), fileName: "fuzz.xml")
        case .amount, .date: throw CocoaError(.fileReadUnknown)
        }
    }

    /// The target named by `DUIJIE_FUZZ_TARGET` (for the libFuzzer build).
    static var fromEnvironment: FuzzTarget {
        ProcessInfo.processInfo.environment["DUIJIE_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .xlsx
    }
}

#if DUIJIE_FUZZING
    /// libFuzzer's entry point (built with `-sanitize=fuzzer -DDUIJIE_FUZZING`, see docs/testing.md).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
        FuzzTarget.fromEnvironment.run(Data(bytes: start, count: count))
        return 0
    }

    /// libFuzzer's driver, from the toolchain's `libclang_rt.fuzzer`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
    ) -> CInt

    /// SwiftPM names an executable's entry `duijie_fuzz_main` and points `main` at it; here it starts libFuzzer.
    @_cdecl("duijie_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runDriver(&count, &arguments) { start, length in
            FuzzTarget.fromEnvironment.run(Data(bytes: start, count: length))
            return 0
        }
    }
#else
    /// Without libFuzzer: replays files through a target (`duijie-fuzz xlsx FILE…`), printing each file's time; the
    /// tests and CI replay the seed corpus and the crashers this way.
    @main
    struct Replay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(
                    Data("usage: duijie-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE…\n".utf8))
                exit(2)
            }
            for path in arguments.dropFirst() {
                let started = Date()
                target.run((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data())
                print(String(format: "%.3f s  %@", Date().timeIntervalSince(started), path))
            }
        }
    }
#endif
