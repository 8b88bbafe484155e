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
        func u16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func u32(_ offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
        }
        let sectorShift = u16(0x1E)
        let miniShift = u16(0x20)
        guard sectorShift == 9 || sectorShift == 12, miniShift == 6 else { throw Damaged(reason: "unknown sector size") }
        sectorSize = 1 << sectorShift
        miniSectorSize = 1 << miniShift
        miniCutoff = Int(u32(0x38))
        let sectorCount = max(0, (bytes.count - sectorSize) / sectorSize + ((bytes.count - sectorSize) % sectorSize > 0 ? 1 : 0))
        let size = sectorSize

        func sectorOffset(_ sector: UInt32) throws -> Int {
            guard Int(sector) < sectorCount else { throw Damaged(reason: "a sector number points past the end of the file") }
            return (Int(sector) + 1) * size
        }
        // The FAT's own sectors: 109 in the header, then the DIFAT chain.
        var fatSectors: [UInt32] = []
        for i in 0..<109 {
            let sector = u32(0x4C + 4 * i)
            if sector != CompoundFile.free && sector != CompoundFile.endOfChain { fatSectors.append(sector) }
        }
        var difat = u32(0x44)
        var difatSeen = 0
        while difat != CompoundFile.endOfChain && difat != CompoundFile.free {
            difatSeen += 1
            guard difatSeen <= sectorCount else { throw Damaged(reason: "the DIFAT chain loops") }
            let offset = try sectorOffset(difat)
            for i in 0..<(size / 4 - 1) {
                let sector = u32(offset + 4 * i)
                if sector != CompoundFile.free && sector != CompoundFile.endOfChain { fatSectors.append(sector) }
            }
            difat = u32(offset + size - 4)
        }
        var fat: [UInt32] = []
        fat.reserveCapacity(fatSectors.count * size / 4)
        for sector in fatSectors {
            let offset = try sectorOffset(sector)
            for i in 0..<(size / 4) { fat.append(u32(offset + 4 * i)) }
        }
        self.fat = fat

        func chain(_ start: UInt32, in table: [UInt32], limit: Int) throws -> [UInt32] {
            var result: [UInt32] = []
            var sector = start
            while sector != CompoundFile.endOfChain {
                guard Int(sector) < table.count, result.count < limit else {
                    throw Damaged(reason: "a sector chain is broken or loops")
                }
                result.append(sector)
                sector = table[Int(sector)]
            }
            return result
        }
        func read(_ start: UInt32) throws -> [UInt8] {
            var out: [UInt8] = []
            for sector in try chain(start, in: fat, limit: sectorCount) {
                let offset = try sectorOffset(sector)
                out.append(contentsOf: bytes[offset..<min(bytes.count, offset + size)])
            }
            return out
        }

        // The directory: 128-byte entries.
        let directory = try read(u32(0x30))
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
            let start =
                UInt32(directory[offset + 0x74]) | UInt32(directory[offset + 0x75]) << 8
                | UInt32(directory[offset + 0x76]) << 16 | UInt32(directory[offset + 0x77]) << 24
            let low =
                Int(directory[offset + 0x78]) | Int(directory[offset + 0x79]) << 8 | Int(directory[offset + 0x7A]) << 16
                | Int(directory[offset + 0x7B]) << 24
            entries.append((String(decoding: units, as: UTF16.self), directory[offset + 0x42], start, low))
            offset += 128
        }
        guard let root = entries.first, root.type == 5 else { throw Damaged(reason: "no root directory entry") }
        self.entries = entries
        // The mini stream (small streams live in it) and its allocation table.
        miniStream = root.start == CompoundFile.endOfChain ? [] : Array(try read(root.start).prefix(root.size))
        let miniFATStart = u32(0x3C)
        if miniFATStart == CompoundFile.endOfChain || miniFATStart == CompoundFile.free {
            miniFAT = []
        } else {
            let table = try read(miniFATStart)
            miniFAT = stride(from: 0, to: table.count - 3, by: 4).map {
                UInt32(table[$0]) | UInt32(table[$0 + 1]) << 8 | UInt32(table[$0 + 2]) << 16 | UInt32(table[$0 + 3]) << 24
            }
        }
    }

    /// The names of the streams.
    var streamNames: [String] { entries.filter { $0.type == 2 }.map(\.name) }

    /// The stream named `name` (case-insensitive), or nil.
    func stream(_ name: String) throws -> [UInt8]? {
        guard let entry = entries.first(where: { $0.type == 2 && $0.name.lowercased() == name.lowercased() }) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(entry.size)
        if entry.size < miniCutoff {
            var sector = entry.start
            var steps = 0
            while sector != CompoundFile.endOfChain && out.count < entry.size {
                steps += 1
                guard Int(sector) < miniFAT.count, steps <= miniFAT.count else {
                    throw Damaged(reason: "a mini sector chain is broken or loops")
                }
                let offset = Int(sector) * miniSectorSize
                guard offset + miniSectorSize <= miniStream.count else { throw Damaged(reason: "a mini sector is out of range") }
                out.append(contentsOf: miniStream[offset..<offset + miniSectorSize])
                sector = miniFAT[Int(sector)]
            }
        } else {
            var sector = entry.start
            var steps = 0
            while sector != CompoundFile.endOfChain && out.count < entry.size {
                steps += 1
                guard Int(sector) < fat.count, steps <= fat.count else {
                    throw Damaged(reason: "a sector chain is broken or loops")
                }
                let offset = (Int(sector) + 1) * sectorSize
                guard offset + sectorSize <= bytes.count || offset < bytes.count else {
                    throw Damaged(reason: "a sector points past the end of the file")
                }
                out.append(contentsOf: bytes[offset..<min(bytes.count, offset + sectorSize)])
                sector = fat[Int(sector)]
            }
        }
        guard out.count >= entry.size else { throw Damaged(reason: "stream '\(entry.name)' is truncated") }
        return Array(out.prefix(entry.size))
    }
}
