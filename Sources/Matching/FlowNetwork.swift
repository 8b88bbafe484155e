/// A residual network for min-cost flow with integer capacities and costs.
struct FlowNetwork {
    private(set) var head: [Int] = []
    private var to: [Int] = []
    private var next: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int64] = []
    private var originalCapacity: [Int] = []

    mutating func addNode() -> Int {
        head.append(-1)
        return head.count - 1
    }

    /// Adds an edge and its reverse; returns the forward edge's id.
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, capacity c: Int, cost w: Int64) -> Int {
        let id = to.count
        to.append(v)
        next.append(head[u])
        capacity.append(c)
        cost.append(w)
        originalCapacity.append(c)
        head[u] = id
        to.append(u)
        next.append(head[v])
        capacity.append(0)
        cost.append(-w)
        originalCapacity.append(0)
        head[v] = id + 1
        return id
    }

    /// The flow on forward edge `id`.
    func flow(_ id: Int) -> Int { originalCapacity[id] - capacity[id] }

    /// Augments from `source` to `sink` while the cheapest path has negative cost (primal–dual).
    mutating func minCostFlow(source: Int, sink: Int) {
        let n = head.count
        let infinity = Int64.max / 4
        // Initial potentials: shortest distances on the original edges (no negative cycles: the graph is layered).
        var potential = [Int64](repeating: infinity, count: n)
        potential[source] = 0
        var changed = true
        var rounds = 0
        while changed && rounds < n {
            changed = false
            rounds += 1
            for u in 0..<n where potential[u] < infinity {
                var e = head[u]
                while e >= 0 {
                    if capacity[e] > 0, potential[u] + cost[e] < potential[to[e]] {
                        potential[to[e]] = potential[u] + cost[e]
                        changed = true
                    }
                    e = next[e]
                }
            }
        }
        for u in 0..<n where potential[u] >= infinity { potential[u] = 0 }

        var distance = [Int64](repeating: infinity, count: n)
        var level = [Int](repeating: -1, count: n)
        var cursor = [Int](repeating: -1, count: n)
        while true {
            // Dijkstra on reduced costs.
            for i in 0..<n { distance[i] = infinity }
            distance[source] = 0
            var heap = MinHeap()
            heap.push(0, source)
            while let (d, u) = heap.pop() {
                if d > distance[u] { continue }
                var e = head[u]
                while e >= 0 {
                    if capacity[e] > 0 {
                        let v = to[e]
                        let candidate = d + cost[e] + potential[u] - potential[v]
                        if candidate < distance[v] {
                            distance[v] = candidate
                            heap.push(candidate, v)
                        }
                    }
                    e = next[e]
                }
            }
            if distance[sink] >= infinity { return }
            for i in 0..<n where distance[i] < infinity { potential[i] += distance[i] }
            // The real cost of the cheapest path; stop when another unit would not lower the total cost.
            if potential[sink] - potential[source] >= 0 { return }
            // Blocking flow on the admissible subgraph (reduced cost 0), Dinic style.
            while true {
                for i in 0..<n { level[i] = -1 }
                level[source] = 0
                var queue = [source]
                var index = 0
                while index < queue.count {
                    let u = queue[index]
                    index += 1
                    var e = head[u]
                    while e >= 0 {
                        let v = to[e]
                        if capacity[e] > 0, level[v] < 0, cost[e] + potential[u] - potential[v] == 0 {
                            level[v] = level[u] + 1
                            queue.append(v)
                        }
                        e = next[e]
                    }
                }
                if level[sink] < 0 { break }
                for i in 0..<n { cursor[i] = head[i] }
                while augment(source, sink, Int.max, &level, &cursor, potential) > 0 {}
            }
        }
    }

    private mutating func augment(
        _ u: Int, _ sink: Int, _ limit: Int, _ level: inout [Int], _ cursor: inout [Int], _ potential: [Int64]
    ) -> Int {
        if u == sink { return limit }
        while cursor[u] >= 0 {
            let e = cursor[u]
            let v = to[e]
            if capacity[e] > 0, level[v] == level[u] + 1, cost[e] + potential[u] - potential[v] == 0 {
                let pushed = augment(v, sink, min(limit, capacity[e]), &level, &cursor, potential)
                if pushed > 0 {
                    capacity[e] -= pushed
                    capacity[e ^ 1] += pushed
                    return pushed
                }
            }
            cursor[u] = next[e]
        }
        return 0
    }
}

/// A binary min-heap of (distance, node).
struct MinHeap {
    private var items: [(Int64, Int)] = []

    mutating func push(_ key: Int64, _ value: Int) {
        items.append((key, value))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if items[child].0 < items[parent].0 {
                items.swapAt(child, parent)
                child = parent
            } else {
                break
            }
        }
    }

    mutating func pop() -> (Int64, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count && items[left].0 < items[smallest].0 { smallest = left }
                if right < items.count && items[right].0 < items[smallest].0 { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }
}
