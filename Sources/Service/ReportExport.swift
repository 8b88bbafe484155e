import Foundation

/// Writes a report as CSV, XLSX or JSON; formula-like text is neutralised.
public enum ReportExport {
    /// The report as table rows: the totals, each breakdown, then the science-plan list.
    public static func rows(_ report: ReportDTO) -> [[String]] {
        var rows: [[String]] = [["指标 figure", "数量 count", "金额(元) amount_yuan", "技术交易额(元) tech_amount_yuan", "金额(万元)"]]
        for (name, total) in [
            ("已签约 signed", report.signed), ("已认定登记 registered", report.registered), ("意向 intention", report.intention),
        ] {
            rows.append([name, String(total.count), total.amountYuan, total.techAmountYuan ?? "", total.amountWan])
        }
        for (title, list) in [
            ("合同类别", report.byCategory), ("县市区", report.byCounty), ("领域", report.byField), ("单位", report.byInstitution),
            ("月份", report.byMonth),
        ] {
            rows.append([])
            rows.append([title, "数量", "金额(元)", "", "金额(万元)"])
            for total in list { rows.append([total.name ?? "", String(total.count), total.amountYuan, "", total.amountWan]) }
        }
        rows.append([])
        rows.append(["登记号 registration", "企业 enterprise", "合作单位 solver", "类别 category", "合同金额(元)", "技术交易额(元)"])
        for entry in report.sciencePlan {
            rows.append([
                entry.registration, entry.enterprise, entry.solver, entry.category ?? "", entry.amountYuan,
                entry.techAmountYuan ?? "",
            ])
        }
        return rows
    }

    /// Writes the report to a file in the format its extension names.
    public static func write(_ report: ReportDTO, to url: URL) throws {
        try TableExport.write(report, rows: rows(report), sheet: "报表", to: url)
    }

    /// The report's bytes in a format.
    public static func data(_ report: ReportDTO, format: TableExport.Format) throws -> Data {
        try TableExport.data(report, rows: rows(report), sheet: "报表", format: format)
    }
}
