import ArgumentParser
import DuijieCore
import Foundation
import Service
import Sheets

/// `duijie-dev bench …`: release-build measurements behind docs/benchmarks.md (run `Benchmarks/run.sh`).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks and their inputs (build with -c release).",
        subcommands: [MakeSheet.self, Read.self, ImportFile.self, MatchScale.self, AssignScale.self, ExportSample.self])

    /// Writes a generated demand workbook of N rows × 10 columns of Chinese text in shared strings.
    struct MakeSheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make-sheet", abstract: "Generate a demand workbook with N rows (shared strings, Chinese text).")

        @Option(help: "Data rows.") var rows = 100_000
        @Option(help: "Distinct strings per text column (fewer means more sharing).") var distinct = 50_000
        @Argument(help: "Output .xlsx path.") var output: String

        func run() throws {
            let writer = try XLSXWriter(strings: .shared)
            var random = SplitMix64(seed: 7)
            let fields = SampleEventData.counties.flatMap(\.industries)
            let header = ["需求编号", "企业名称", "县市区", "所属领域", "需求名称", "需求描述", "预期目标", "合作方式", "预计投入", "联系电话"]
            try writer.addSheet(name: "需求") { emit in
                emit(header.map(CellValue.text))
                for i in 0..<rows {
                    let industry = fields[i % fields.count]
                    let topic = industry.topics[Int(random.next() % UInt64(industry.topics.count))]
                    let variant = Int(random.next() % UInt64(distinct))
                    emit([
                        .text(String(format: "B-%07d", i + 1)),
                        .text(industry.enterprises[i % industry.enterprises.count] + "\(variant % 997)分厂"),
                        .text(SampleEventData.counties[i % SampleEventData.counties.count].county),
                        .text(industry.field),
                        .text(topic.title + "（\(variant)）"),
                        .text(topic.description + "编号\(variant)。"),
                        .text(topic.goals),
                        .text(SampleEventData.cooperationModes[i % SampleEventData.cooperationModes.count]),
                        .number(String(5 + Int(random.next() % 500))),
                        .text("13\(String(format: "%09d", Int(random.next() % 1_000_000_000)))"),
                    ])
                }
            }
            try writer.write(to: URL(fileURLWithPath: output))
        }
    }

    /// Reads every cell of every visible sheet; prints seconds, rows, cells and peak memory.
    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read a workbook into cells (no mapping, no store).")

        @Argument(help: "The workbook.") var file: String
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let started = Date()
            let workbook = try WorkbookOpener.open(URL(fileURLWithPath: file))
            var rows = 0
            var cells = 0
            var bytes = 0
            for sheet in workbook.sheets where !sheet.isHidden {
                try workbook.readRows(of: sheet) { row in
                    rows += 1
                    for cell in row.cells {
                        if case .empty = cell { continue }
                        cells += 1
                        if case .text(let text) = cell { bytes &+= text.utf8.count }
                    }
                }
            }
            let seconds = Date().timeIntervalSince(started)
            try report(["seconds": seconds, "rows": Double(rows), "cells": Double(cells), "text_bytes": Double(bytes)])
        }

        func report(_ figures: [String: Double]) throws {
            var all = figures
            all["peak_rss_mib"] = PeakMemory.mebibytes
            if json { return try printJSON(all) }
            print(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }

    /// Imports a demand workbook into a fresh database; prints seconds and counts.
    struct ImportFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import a demand workbook into a fresh temporary database.")

        @Argument(help: "The workbook.") var file: String
        @Flag(help: "Print one JSON object.") var json = false

        func run() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duijie-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try EventDatabase(path: dir.appendingPathComponent("bench.sqlite").path)
            let started = Date()
            let summary = ImportService(database: store).run(
                ImportRequest(kind: .demands, files: [URL(fileURLWithPath: file)], event: "BENCH"))
            let seconds = Date().timeIntervalSince(started)
            if let error = summary.errors.first { throw ValidationError(error) }
            var figures: [String: Double] = [
                "seconds": seconds, "imported": Double(summary.imported), "rejected": Double(summary.rejected.count),
            ]
            figures["peak_rss_mib"] = PeakMemory.mebibytes
            if json { return try printJSON(figures) }
            print(figures.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
    }
}

/// The process's peak resident memory (VmHWM), from /proc on Linux.
enum PeakMemory {
    static var mebibytes: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return (kib / 1024 * 10).rounded() / 10
    }
}
