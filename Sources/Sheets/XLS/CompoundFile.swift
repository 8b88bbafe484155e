/// A Compound File Binary (OLE2) container, as `.xls` files use: enough to read one named stream.
///
/// Hand-written because no kept Swift package reads OLE2 containers. The whole file is in memory (legacy `.xls`
/// files are limited to 65,536 rows and are small); every sector number and chain is checked, so a damaged or
/// hostile file stops with an error instead of looping or reading out of bounds.
struct CompoundFile {
    private let bytes: [UInt8]
    private let sectorSize: Int
    private let miniSectorSize: Int
    private let miniCutoff: Int
    private let fat: [UInt32]
    private let miniFAT: [UInt32]
    private let entries: [(name: String, type: UInt8, start: UInt32, size: Int)]
    private let miniStream: [UInt8]

    /// A problem with the container, in plain words.
    struct Damaged: Error {
        let reason: String
    }

    private static let endOfChain: UInt32 = 0xFFFF_FFFE
    private static let free: UInt32 = 0xFFFF_FFFF

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 512, bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) else {
            throw Damaged(reason: "no OLE2 header")
        }
        func u16(_ offset: Int) -> Int { CompoundFile.u16(bytes, offset) }
        func u32(_ offset: Int) throws -> UInt32 {
            guard offset >= 0, offset + 4 <= bytes.count else { throw Damaged(reason: "a table runs past the end of the file") }
            return CompoundFile.u32(bytes, offset)
        }
        let sectorShift = u16(0x1E)
        let miniShift = u16(0x20)
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else { throw Damaged(reason: "unknown sector size") }
        sectorSize = 1 << sectorShift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(try u32(0x38))
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + ((bytes.count - sectorSize) % sectorSize > 0 ? 1 : 0))
        let size = sectorSize

        /// Where a whole sector of a table (the FAT, the DIFAT) starts; a partial last sector cannot hold one.
        func sectorOffset(_ sector: UInt32) throws -> Int {
            guard Int(sector) < sectorCount, (Int(sector) + 2) * size <= bytes.count else {
                throw Damaged(reason: "a table sector points past the end of the file")
            }
            return (Int(sector) + 1) * size
        }
        // The FAT's own sectors: 109 in the header, then the DIFAT chain.
        var fatSectors: [UInt32] = []
        for i in 0..<109 {
            let sector = try u32(0x4C + 4 * i)
            if sector != CompoundFile.free && sector != CompoundFile.endOfChain { fatSectors.append(sector) }
        }
        var difat = try u32(0x44)
        var difatSeen = 0
        while difat != CompoundFile.endOfChain && difat != CompoundFile.free {
            difatSeen += 1
            guard difatSeen <= sectorCount else { throw Damaged(reason: "the DIFAT chain loops") }
            let offset = try sectorOffset(difat)
            for i in 0..<(size / 4 - 1) {
                let sector = try u32(offset + 4 * i)
                if sector != CompoundFile.free && sector != CompoundFile.endOfChain { fatSectors.append(sector) }
            }
            difat = try u32(offset + size - 4)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * size / 4)
        for sector in fatSectors {
            let offset = try sectorOffset(sector)
            for i in 0..<(size / 4) { fat.append(try u32(offset + 4 * i)) }
        }
        self.fat = fat

        func read(_ start: UInt32) throws -> [UInt8] {
            try CompoundFile.follow(start, table: fat, in: bytes, base: size, size: size, wholeSectors: false)
        }

        // The directory: 128-byte entries.
        let directory = try read(try u32(0x30))
        var entries: [(name: String, type: UInt8, start: UInt32, size: Int)] = []
        var offset = 0
        while offset + 128 <= directory.count {
            let nameLength = min(64, Int(directory[offset + 0x40]) | Int(directory[offset + 0x41]) << 8)
            var units: [UInt16] = []
            var i = 0
            while i + 1 < nameLength {
                let unit = UInt16(directory[offset + i]) | UInt16(directory[offset + i + 1]) << 8
                if unit != 0 { units.append(unit) }
                i += 2
            }
            let start = CompoundFile.u32(directory, offset + 0x74)
            let low = Int(CompoundFile.u32(directory, offset + 0x78))
            entries.append((String(decoding: units, as: UTF16.self), directory[offset + 0x42], start, low))
            offset += 128
        }
        guard let root = entries.first, root.type == 5 else { throw Damaged(reason: "no root directory entry") }
        self.entries = entries
        // The mini stream (small streams live in it) and its allocation table.
        miniStream = root.start == CompoundFile.endOfChain ? [] : Array(try read(root.start).prefix(root.size))
        let miniFATStart = try u32(0x3C)
        if miniFATStart == CompoundFile.endOfChain || miniFATStart == CompoundFile.free {
            miniFAT = []
        } else {
            let table = try read(miniFATStart)
            miniFAT = stride(from: 0, to: table.count - 3, by: 4).map { CompoundFile.u32(table, $0) }
        }
    }

    /// The names of the streams.
    var streamNames: [String] { entries.filter { $0.type == 2 }.map(\.name) }

    /// The stream named `name` (case-insensitive), or nil.
    func stream(_ name: String) throws -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.lowercased() == name.lowercased() }) else { return nil }
        // Small streams live in the mini stream (whole 64-byte sectors); others in the file's sectors.
        let out =
            entry.size < miniCutoff
            ? try CompoundFile.follow(
                entry.start, table: miniFAT, in: miniStream, base: 0, size: miniSectorSize, upTo: entry.size,
                wholeSectors: true)
            : try CompoundFile.follow(
                entry.start, table: fat, in: bytes, base: sectorSize, size: sectorSize, upTo: entry.size,
                wholeSectors: false)
        guard out.count >= entry.size else { throw Damaged(reason: "stream '\(entry.name)' is truncated") }
        return Array(out.prefix(entry.size))
    }

    /// Reads a sector chain: sector `n` is at `base + n × size` in `data`, the next one is `table[n]`. A chain longer
    /// than its table loops; a sector outside `data` (or, with `wholeSectors`, not wholly inside) is damage.
    private static func follow(
        _ start: UInt32, table: [UInt32], in data: [UInt8], base: Int, size: Int, upTo limit: Int = .max,
        wholeSectors: Bool
    ) throws -> [UInt8] {
        var out: [UInt8] = []
        var sector = start
        var steps = 0
        while sector != endOfChain && out.count < limit {
            steps += 1
            guard Int(sector) < table.count, steps <= table.count else {
                throw Damaged(reason: "a sector chain is broken or loops")
            }
            let offset = base + Int(sector) * size
            guard offset < data.count, !wholeSectors || offset + size <= data.count else {
                throw Damaged(reason: "a sector points past the end of its data")
            }
            out.append(contentsOf: data[offset..<min(data.count, offset + size)])
            sector = table[Int(sector)]
        }
        return out
    }

    static func u16(_ data: [UInt8], _ offset: Int) -> Int { Int(data[offset]) | Int(data[offset + 1]) << 8 }

    static func u32(_ data: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(data[offset]) | UInt32(data[offset + 1]) << 8 | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24
    }
}
