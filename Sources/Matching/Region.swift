import DuijieCore

/// Where a demand or a team is, resolved through a small gazetteer: county → city → province → 京津冀.
public struct Place: Hashable, Sendable {
    /// The county or district, when known (枣强县).
    public var county: String?
    /// The prefecture-level city (衡水).
    public var city: String?
    /// The province or municipality (河北, 天津).
    public var province: String?

    /// Whether the province is Beijing, Tianjin or Hebei.
    public var isJingJinJi: Bool { province.map { ["北京", "天津", "河北"].contains($0) } ?? false }
}

/// How close two places are, and what each closeness is worth in the score (configurable per run).
public struct RegionWeights: Sendable, Codable, Equatable {
    /// Same county or district.
    public var sameCounty: Double = 1.0
    /// Same city.
    public var sameCity: Double = 0.6
    /// Same province.
    public var sameProvince: Double = 0.4
    /// Both in 京津冀.
    public var jingJinJi: Double = 0.2

    /// The default weights.
    public init() {}
}

/// Resolves region names to places.
public enum Gazetteer {
    static let hengshuiCounties = [
        "桃城", "冀州", "枣强", "武邑", "武强", "饶阳", "安平", "故城", "景县", "阜城", "深州", "衡水高新", "滨湖",
    ]
    static let hebeiCities = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水"]
    static let cityProvince: [String: String] = [
        "武汉": "湖北", "上海": "上海", "成都": "四川", "青岛": "山东", "济南": "山东", "哈尔滨": "黑龙江", "西安": "陕西",
        "无锡": "江苏", "南京": "江苏", "苏州": "江苏", "杭州": "浙江", "宁波": "浙江", "大连": "辽宁", "沈阳": "辽宁",
        "太原": "山西", "广州": "广东", "深圳": "广东", "长沙": "湖南", "长春": "吉林", "郑州": "河南", "重庆": "重庆",
        "合肥": "安徽", "福州": "福建", "厦门": "福建", "昆明": "云南", "兰州": "甘肃", "南昌": "江西",
    ]
    static let provinces = [
        "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东",
        "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
    ]

    /// The place a region text names, as precisely as the gazetteer knows it.
    public static func place(_ text: String?) -> Place {
        guard let raw = text, !raw.isEmpty else { return Place() }
        let name = TextNormalizer.collapsedWhitespace(raw)
        var place = Place()
        if let county = hengshuiCounties.first(where: { name.contains($0) }) {
            place.county = county
            place.city = "衡水"
            place.province = "河北"
            return place
        }
        if let city = hebeiCities.first(where: { name.contains($0) }) {
            place.city = city
            place.province = "河北"
            return place
        }
        if let (city, province) = cityProvince.first(where: { name.contains($0.key) }) {
            place.city = city
            place.province = province
            return place
        }
        if let province = provinces.first(where: { name.hasPrefix($0) }) {
            place.province = province
            if province == "北京" || province == "天津" || province == "上海" || province == "重庆" { place.city = province }
            return place
        }
        if name.hasSuffix("县") || name.hasSuffix("区") { place.county = name }
        return place
    }

    /// The closeness of two places, with a label for explanations, or nil when they are not close.
    public static func closeness(_ a: Place, _ b: Place, weights: RegionWeights) -> (value: Double, label: String)? {
        if let ca = a.county, let cb = b.county, ca == cb { return (weights.sameCounty, "same county \(ca)") }
        if let ca = a.city, let cb = b.city, ca == cb { return (weights.sameCity, "same city \(ca)") }
        if let pa = a.province, let pb = b.province, pa == pb { return (weights.sameProvince, "same province \(pa)") }
        if a.isJingJinJi && b.isJingJinJi { return (weights.jingJinJi, "京津冀") }
        return nil
    }
}
