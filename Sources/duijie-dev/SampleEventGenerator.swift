import DuijieCore
import Foundation
import Judging
import Sheets

/// Generates Fixtures/sample-event: demand workbooks per county in every accepted format, and team profiles.
///
/// Deterministic (a fixed SplitMix64 seed), so regenerating gives the same files. Deliberate dirt is mixed in,
/// as real county sheets have it: merged title rows, a `单位：万元` row, blank rows, totals, notes, a hidden
/// instructions sheet, 面议 budgets, mixed units, a few rows that must be rejected and one duplicate.
struct SampleEventGenerator {
    private var random = SplitMix64(seed: 2020)
    private var nextRef = 1
    private var taken: Set<String> = []

    struct GeneratedDemand {
        var ref: String
        var enterprise: String
        var county: String
        var field: String
        var topic: SampleEventData.Topic
        var mode: String
        var budget: String
        var contact: String
        var phone: String
        var deadline: CivilDate
    }

    mutating func write(to folder: URL) throws {
        let demands = folder.appendingPathComponent("demands")
        let solvers = folder.appendingPathComponent("solvers")
        for dir in [demands, solvers] {
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        var byCounty: [String: [GeneratedDemand]] = [:]
        for (county, industries) in SampleEventData.counties {
            byCounty[county] = makeDemands(county: county, industries: industries, count: 16)
        }
        try writeCityWorkbook(byCounty, to: demands.appendingPathComponent("01-衡水市技术需求汇总.xlsx"))
        try writeAnping(byCounty["安平县"]!, to: demands.appendingPathComponent("02-安平县技术需求.xlsx"))
        try writeZaoqiang(byCounty["枣强县"]!, to: demands.appendingPathComponent("03-枣强县技术需求.csv"))
        try writeJingGuchengWuyi(
            byCounty, duplicate: byCounty["桃城区"]![2], to: demands.appendingPathComponent("04-景县故城武邑需求.csv"))
        try writeSpreadsheetML(byCounty, to: demands.appendingPathComponent("05-深州饶阳阜城武强需求.xml"))
        try writeSolvers(to: solvers)
        try writeFinal(to: folder.appendingPathComponent("final"))
        try writeDeals(byCounty, to: folder.appendingPathComponent("deals"))
    }

    // MARK: Deals

    /// The deals after the final: 36 signed contracts worth exactly 5200万元 (12 of them registered), 8 intention
    /// agreements, one voided, expected investment about 6.6亿元 — plus a totals row and four rows that must be
    /// rejected (技术交易额 above the contract, 已认定登记 without a number, an unknown category, a duplicate number).
    private mutating func writeDeals(_ byCounty: [String: [GeneratedDemand]], to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let demands = SampleEventData.counties.flatMap { byCounty[$0.county]! }
        let institutions = SampleEventData.institutions.map(\.0)
        let categories = ["技术开发", "技术开发", "技术开发", "技术服务", "技术转让", "技术咨询"]
        let weights: [Int] = (0..<36).map { _ in 50 + Int(random.next() % 150) }
        var amounts = weights.prefix(35).map { 5200 * $0 / weights.reduce(0, +) }  // 万元, shares of 5200
        amounts.append(5200 - amounts.reduce(0, +))
        var rows: [[CellValue]] = [
            [.text("2020年衡水市创新挑战赛技术合同签约情况汇总")],
            [
                "合同编号", "企业名称", "合作单位", "需求编号", "阶段", "合同类别", "合同金额(万元)", "技术交易额(万元)", "预计总投资(万元)", "签订日期", "领域", "县市区", "登记号",
                "登记日期",
            ]
            .map(CellValue.text),
        ]
        var investment = 0
        for (i, amount) in amounts.enumerated() {
            let demand = demands[(i * 5) % demands.count]
            let registered = i < 12
            let day = CivilDate(year: 2020, month: 10 + i % 3, day: 1 + i % 27)!
            let invest = i == 35 ? 66000 - investment : amount * (10 + Int(random.next() % 6))
            investment += invest
            rows.append([
                .text(String(format: "HT2020-%03d", i + 1)), .text(demand.enterprise),
                .text(institutions[(i * 7) % institutions.count]),
                .text(demand.ref), .text(registered ? "已认定登记" : "已签约"), .text(categories[i % categories.count]),
                .number(String(amount)), registered ? .number(String(amount * 9 / 10)) : .empty, .number(String(invest)),
                .date(day),
                .text(demand.field), .text(demand.county),
                registered ? .number(String(format: "202013110%05d", 101 + i)) : .empty,
                registered ? .date(CivilDate(year: 2020, month: 12, day: 1 + i)!) : .empty,
            ])
        }
        for i in 0..<8 {
            let demand = demands[(i * 11 + 3) % demands.count]
            rows.append([
                .text(String(format: "YX2020-%03d", i + 1)), .text(demand.enterprise),
                .text(institutions[(i * 5 + 2) % institutions.count]),
                .text(demand.ref), .text("意向协议"), .empty, .text("\(50 + i * 10)万元"), .empty, .empty,
                .text("2020年10月28日"), .text(demand.field), .text(demand.county), .empty, .empty,
            ])
        }
        rows.append([
            .text("ZF2020-001"), .text(demands[7].enterprise), .text(institutions[9]), .text(demands[7].ref), .text("作废"),
            .text("技术服务"),
            .number("40"), .empty, .empty, .text("2020/11/5"), .text(demands[7].field), .text(demands[7].county), .empty, .empty,
        ])
        rows.append([.text("合计"), .empty, .empty, .empty, .empty, .empty, .number("5200")])
        // Rows that must be rejected.
        rows.append([
            .text("HT2020-901"), .text("衡水某某橡塑有限公司"), .text("河北工业大学"), .empty, .text("已签约"), .text("技术开发"), .number("100"),
            .number("120"), .empty, .text("2020-11-11"), .empty, .text("景县"), .empty, .empty,
        ])
        rows.append([
            .text("HT2020-902"), .text("衡水某某化工有限公司"), .text("天津大学"), .empty, .text("已认定登记"), .text("技术开发"), .number("80"),
            .number("70"), .empty, .text("2020-11-12"), .empty, .text("桃城区"), .empty, .empty,
        ])
        rows.append([
            .text("HT2020-903"), .text("衡水某某食品有限公司"), .text("江南大学"), .empty, .text("已签约"), .text("技术培训"), .number("30"),
            .empty, .empty, .text("2020-11-13"), .empty, .text("阜城县"), .empty, .empty,
        ])
        rows.append([
            .text("HT2020-904"), .text("衡水某某铸造有限公司"), .text("华北理工大学"), .empty, .text("已认定登记"), .text("技术服务"),
            .number("50"), .number("50"), .empty, .text("2020-11-14"), .empty, .text("冀州区"), .number("20201311000101"), .empty,
        ])
        let writer = try XLSXWriter()
        try writer.addSheet(name: "签约汇总", merges: ["A1:N1"], rows: rows)
        try writer.write(to: folder.appendingPathComponent("deals.xlsx"))
    }

    // MARK: The final

    /// The on-site final as Hengshui 2020 ran it: the three demands of the final, three teams each, seven judges,
    /// one of whom (a professor at a school of 华中科技大学) must avoid the team from 华中科技大学.
    private mutating func writeFinal(to folder: URL) throws {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let judges: [(String, String, String, Int)] = [  // name, affiliation, avoid, leniency in half points
            ("王建国", "华中科技大学材料科学与工程学院", "华中科技大学", 2), ("李红梅", "河北省科学技术厅", "", -4),
            ("张志强", "天津大学化工学院", "天津大学", 0), ("刘海燕", "衡水市科学技术局", "", 3),
            ("陈立新", "中国科学院过程工程研究所", "", -1), ("杨振华", "北京科技大学", "", 1),
            ("赵晓东", "燕山大学机械工程学院", "", -2),
        ]
        let writer = try XLSXWriter()
        try writer.addSheet(
            name: "评委名单",
            rows: [["评委", "单位", "回避单位"].map(CellValue.text)]
                + judges.map { [.text($0.0), .text($0.1), $0.2.isEmpty ? .empty : .text($0.2)] })
        try writer.write(to: folder.appendingPathComponent("judges.xlsx"))

        let groups: [(demand: String, teams: [(String, Int)])] = [  // team ref, quality 0–100
            ("HS2020-033", [("T006", 90), ("T046", 82), ("T026", 74)]),
            ("HS2020-065", [("T015", 88), ("T001", 86), ("T042", 79)]),
            ("内接式波纹管衬砌结构关键技术", [("T012", 91), ("T036", 84), ("T069", 77)]),
        ]
        let maxima = [300, 300, 200, 200]
        var rows: [[CellValue]] = [
            [.text("2020年衡水市创新挑战赛决赛评分汇总表")],
            ["评委", "需求编号", "团队编号", "技术先进性", "方案可行性", "团队实力", "经济社会效益", "总分"].map(CellValue.text),
        ]
        for (demand, teams) in groups {
            for (team, quality) in teams {
                for (judge, _, _, leniency) in judges {
                    var points: [Int] = []
                    for max in maxima {
                        let noise = Int(random.next() % 5) - 2
                        var value = (max * quality / 100 / 5 + leniency + noise) * 5
                        value = Swift.min(max, Swift.max(0, value))
                        points.append(value)
                    }
                    rows.append(
                        [.text(judge), .text(demand), .text(team)] + points.map { .number(Judging.points($0)) }
                            + [.number(Judging.points(points.reduce(0, +)))])
                }
            }
        }
        let sheet = try XLSXWriter()
        try sheet.addSheet(name: "决赛评分", merges: ["A1:H1"], rows: rows)
        try sheet.write(to: folder.appendingPathComponent("scores.xlsx"))
    }

    // MARK: Demands

    private mutating func makeDemands(county: String, industries: [SampleEventData.Industry], count: Int) -> [GeneratedDemand] {
        var result: [GeneratedDemand] = []
        let offset = Int(random.next() % 5)
        let finals: [String: (SampleEventData.Industry, String)] = [
            "衡水高新区": (SampleEventData.chemicals, "衡水新光新材料科技有限公司"),
            "安平县": (SampleEventData.filtration, "河北联达过滤器材有限公司"),
            "景县": (SampleEventData.rubber, "衡水益通管业有限责任公司"),
        ]
        if let (industry, enterprise) = finals[county] {
            result.append(demand(enterprise: enterprise, county: county, industry: industry, topic: industry.topics[0]))
        }
        var k = 0
        while result.count < count {
            let industry = industries[k % industries.count]
            let round = k / industries.count
            let topicIndex = (round + offset + 1) % industry.topics.count
            let enterprise = industry.enterprises[(round + offset + round / industry.topics.count) % industry.enterprises.count]
            let topic = industry.topics[topicIndex]
            k += 1
            let local = Self.localise(enterprise, county: county, industry: industry)
            if taken.contains(local + topic.title) { continue }
            if finals.values.contains(where: { $0.0.topics[0].title == topic.title }) && topicIndex == 0 { continue }
            result.append(demand(enterprise: local, county: county, industry: industry, topic: topic))
        }
        return result
    }

    /// Industries found in several counties get enterprises named after the county they are in.
    private static func localise(_ enterprise: String, county: String, industry: SampleEventData.Industry) -> String {
        let shared = SampleEventData.counties.filter { $0.industries.contains { $0.field == industry.field } }.count > 1
        guard shared else { return enterprise }
        var stem = Substring(enterprise)
        let places = SampleEventData.counties.map(\.county) + ["衡水市", "衡水", "河北省", "河北", "深州市", "武强县", "故城县", "武邑县"]
        for place in places.sorted(by: { $0.count > $1.count }) where stem.hasPrefix(place) {
            stem = stem.dropFirst(place.count)
            break
        }
        return county + stem
    }

    private mutating func demand(
        enterprise: String, county: String, industry: SampleEventData.Industry, topic: SampleEventData.Topic
    ) -> GeneratedDemand {
        let ref = String(format: "HS2020-%03d", nextRef)
        nextRef += 1
        taken.insert(enterprise + topic.title)
        let roll = random.next() % 100
        let budget: String
        if roll < 14 {
            budget = "面议"
        } else if roll < 20 {
            budget = "\(10 + random.next() % 40).5"
        } else {
            budget = "\((2 + random.next() % 100) * 5)"
        }
        let name =
            SampleEventData.surnames[Int(random.next() % UInt64(SampleEventData.surnames.count))]
            + SampleEventData.givenNames[Int(random.next() % UInt64(SampleEventData.givenNames.count))]
        let phone = "13\(Int(random.next() % 10))\(String(format: "%08d", Int(random.next() % 100_000_000)))"
        let days = CivilDate(year: 2021, month: 3, day: 31)!.daysSinceEpoch + Int(random.next() % 600)
        return GeneratedDemand(
            ref: ref, enterprise: enterprise, county: county, field: industry.field, topic: topic,
            mode: SampleEventData.cooperationModes[Int(random.next() % UInt64(SampleEventData.cooperationModes.count))],
            budget: budget, contact: name, phone: phone, deadline: CivilDate(daysSinceEpoch: days))
    }

    private static let cityHeader = ["需求编号", "企业名称", "所属领域", "需求名称", "需求描述", "预期目标", "合作方式", "预计投入", "联系人", "联系电话", "截止日期"]

    /// A city workbook: one sheet per district named after it (no county column), title and unit rows,
    /// date cells in a Chinese format, a totals row, shared strings, a hidden instructions sheet.
    private func writeCityWorkbook(_ byCounty: [String: [GeneratedDemand]], to url: URL) throws {
        let writer = try XLSXWriter(strings: .shared)
        for county in ["桃城区", "冀州区", "衡水高新区", "滨湖新区"] {
            var rows: [[CellValue]] = [
                [.text("2020年衡水市创新挑战赛企业技术需求汇总表（\(county)）")],
                [.empty, .empty, .empty, .empty, .empty, .empty, .empty, .text("单位：万元")],
                Self.cityHeader.map(CellValue.text),
            ]
            var total = 0.0
            for (index, d) in byCounty[county]!.enumerated() {
                var budget: CellValue = d.budget == "面议" ? .text("面议") : .number(d.budget)
                if county == "冀州区" && index == 5 { budget = .text("约五十万") }  // must be rejected
                total += Double(d.budget) ?? 0
                let title: CellValue = county == "冀州区" && index == 9 ? .empty : .text(d.topic.title)  // no title: rejected
                rows.append([
                    .text(d.ref), .text(d.enterprise), .text(d.field), title, .text(d.topic.description),
                    .text(d.topic.goals), .text(d.mode), budget, .text(d.contact), .number(d.phone), .date(d.deadline),
                ])
                if index == 7 { rows.append([]) }
            }
            rows.append([.text("合计"), .empty, .empty, .empty, .empty, .empty, .empty, .number(String(format: "%.1f", total))])
            try writer.addSheet(name: county, merges: ["A1:K1"], rows: rows)
        }
        try writer.addSheet(
            name: "填表说明", hidden: true,
            rows: [[.text("1. 每行填写一项技术需求；2. 预计投入以万元为单位；3. 截止日期填写日期格式。")]])
        try writer.write(to: url)
    }

    /// A county workbook with inline strings, a county column, amounts written with their units and text dates.
    private mutating func writeAnping(_ demands: [GeneratedDemand], to url: URL) throws {
        let writer = try XLSXWriter(strings: .inline)
        var rows: [[CellValue]] = [
            [.text("安平县企业技术需求征集表")],
            ["序号", "需求编号", "企业名称", "县市区", "技术领域", "需求名称", "需求内容", "预期目标", "合作方式", "拟投入资金", "联系人", "电话", "完成时限"]
                .map(CellValue.text),
        ]
        let units = ["50万元", "面议", "0.5亿", "1,200,000元", "12.5万元", "120万", "80", "30万元"]
        for (index, d) in demands.enumerated() {
            let budget = index < units.count ? units[index] : (d.budget == "面议" ? "面议" : d.budget + "万元")
            rows.append([
                .number(String(index + 1)), .text(d.ref), .text(d.enterprise), .text(d.county), .text(d.field),
                .text(d.topic.title), .text(d.topic.description), .text(d.topic.goals), .text(d.mode), .text(budget),
                .text(d.contact), .text(d.phone), .text("\(d.deadline.year)年\(d.deadline.month)月\(d.deadline.day)日"),
            ])
            if index == 10 { rows.append([]) }
        }
        rows.append([.text("注：拟投入资金未注明单位的按万元计。")])
        try writer.addSheet(name: "需求表", merges: ["A1:M1"], rows: rows)
        try writer.write(to: url)
    }

    /// A GB18030 CSV as Chinese Excel saves it: CRLF, quoted multi-line descriptions, `2021/6/30` dates.
    private func writeZaoqiang(_ demands: [GeneratedDemand], to url: URL) throws {
        var text = TextEncoder.csvRecord(
            ["需求编号", "企业名称", "县市区", "技术领域", "需求名称", "需求内容", "预期目标", "合作方式", "预计投入（万元）", "联系人", "联系电话", "完成时限"])
        for (index, d) in demands.enumerated() {
            let description = index % 3 == 0 ? d.topic.description + "\n现状：已有初步试验，需高校院所合作攻关，\"急需\"。" : d.topic.description
            text += TextEncoder.csvRecord([
                d.ref, d.enterprise, d.county, d.field, d.topic.title, description, d.topic.goals, d.mode, d.budget,
                d.contact, d.phone, "\(d.deadline.year)/\(d.deadline.month)/\(d.deadline.day)",
            ])
        }
        try Data(try TextEncoder.gb18030(text)).write(to: url)
    }

    /// A UTF-8 (BOM) CSV gathered from three counties, with another header vocabulary and no refs, one
    /// demand repeated from the city workbook (a duplicate) and one impossible date (rejected).
    private func writeJingGuchengWuyi(_ byCounty: [String: [GeneratedDemand]], duplicate: GeneratedDemand, to url: URL) throws {
        var text =
            "\u{FEFF}"
            + TextEncoder.csvRecord(
                ["单位名称", "所属县区", "行业领域", "项目名称", "需求简介", "技术指标", "合作模式", "拟投入金额", "负责人", "手机", "要求完成时间"])
        var rows: [GeneratedDemand] = []
        for county in ["景县", "故城县", "武邑县"] { rows += byCounty[county]! }
        rows.append(duplicate)
        for (index, d) in rows.enumerated() {
            let budget = d.budget == "面议" ? "面议" : (index % 4 == 0 ? d.budget + "万" : d.budget)
            let deadline = index == 20 ? "2021年13月1日" : d.deadline.description
            text += TextEncoder.csvRecord([
                d.enterprise, d.county, d.field, d.topic.title, d.topic.description, d.topic.goals, d.mode, budget,
                d.contact, d.phone, deadline,
            ])
        }
        text += TextEncoder.csvRecord(["合计", "", "", "", "", "", "", "", "", "", ""])
        try Data(text.utf8).write(to: url)
    }

    /// An Excel 2003 XML Spreadsheet with one worksheet per county, Number budgets and DateTime deadlines.
    private func writeSpreadsheetML(_ byCounty: [String: [GeneratedDemand]], to url: URL) throws {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?mso-application progid="Excel.Sheet"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">

            """
        let header = ["需求编号", "企业名称", "领域", "需求题目", "需求描述", "预期效果", "合作方式", "预计投入(万元)", "联系人", "联系方式", "截止时间"]
        for county in ["深州市", "饶阳县", "阜城县", "武强县"] {
            xml += " <Worksheet ss:Name=\"\(county)\">\n  <Table>\n"
            xml += "   <Row>" + header.map { "<Cell><Data ss:Type=\"String\">\($0)</Data></Cell>" }.joined() + "</Row>\n"
            for d in byCounty[county]! {
                let budget =
                    d.budget == "面议"
                    ? "<Cell><Data ss:Type=\"String\">面议</Data></Cell>"
                    : "<Cell><Data ss:Type=\"Number\">\(d.budget)</Data></Cell>"
                let strings = [d.ref, d.enterprise, d.field, d.topic.title, d.topic.description, d.topic.goals, d.mode]
                xml += "   <Row>" + strings.map { "<Cell><Data ss:Type=\"String\">\(XMLEscape.text($0))</Data></Cell>" }.joined()
                xml += budget
                xml +=
                    "<Cell><Data ss:Type=\"String\">\(d.contact)</Data></Cell><Cell><Data ss:Type=\"String\">\(d.phone)</Data></Cell>"
                xml += "<Cell><Data ss:Type=\"DateTime\">\(d.deadline)T00:00:00.000</Data></Cell></Row>\n"
            }
            xml += "  </Table>\n </Worksheet>\n"
        }
        xml += "</Workbook>\n"
        try Data(xml.utf8).write(to: url)
    }

    // MARK: Solvers

    private mutating func writeSolvers(to folder: URL) throws {
        var teams: [[String]] = []
        var number = 1
        for (institution, region, list) in SampleEventData.institutions {
            for (team, directions, achievement) in list {
                let leader =
                    SampleEventData.surnames[Int(random.next() % UInt64(SampleEventData.surnames.count))]
                    + SampleEventData.givenNames[Int(random.next() % UInt64(SampleEventData.givenNames.count))]
                let phone = "010-\(String(format: "%08d", Int(random.next() % 100_000_000)))"
                teams.append([
                    String(format: "T%03d", number), team, institution, region, directions, achievement, leader + "教授", phone,
                ])
                number += 1
            }
        }
        let header = ["团队编号", "团队名称", "依托单位", "所在地区", "研究方向", "代表性成果", "团队负责人", "联系电话"]
        let first = teams.prefix(35)
        let second = teams.dropFirst(35).prefix(25)
        let third = teams.dropFirst(60)

        let writer = try XLSXWriter(strings: .shared)
        try writer.addSheet(
            name: "科研团队", merges: ["A1:H1"],
            rows: [[.text("2020年衡水市创新挑战赛高校院所科研团队名单")], header.map(CellValue.text)]
                + first.map { $0.map(CellValue.text) })
        try writer.write(to: folder.appendingPathComponent("01-高校院所科研团队.xlsx"))

        var csv = TextEncoder.csvRecord(["编号", "团队名称", "所在单位", "地区", "主要研究方向", "主要成果", "负责人", "电话"])
        for (index, team) in second.enumerated() {
            var row = team
            if index == 4 {
                row[1] = ""  // a team without a name: rejected
            }
            row[4] = row[4].replacingOccurrences(of: "；", with: "、")
            csv += TextEncoder.csvRecord(row)
        }
        try Data(try TextEncoder.gb18030(csv)).write(to: folder.appendingPathComponent("02-省内外科研团队.csv"))

        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
             <Worksheet ss:Name="团队补充">
              <Table>

            """
        xml += "   <Row>" + header.map { "<Cell><Data ss:Type=\"String\">\($0)</Data></Cell>" }.joined() + "</Row>\n"
        for team in third {
            xml +=
                "   <Row>" + team.map { "<Cell><Data ss:Type=\"String\">\(XMLEscape.text($0))</Data></Cell>" }.joined()
                + "</Row>\n"
        }
        xml += "  </Table>\n </Worksheet>\n</Workbook>\n"
        try Data(xml.utf8).write(to: folder.appendingPathComponent("03-科研团队补充.xml"))
    }
}

/// A small deterministic generator (SplitMix64) for fixtures and benchmark data.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
