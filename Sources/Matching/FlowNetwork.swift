/// A residual network for min-cost flow with integer capacities and costs: edges as parallel arrays, each forward
/// edge followed by its reverse (`e ^ 1`); the solver groups them by node (CSR) when it runs.
struct FlowNetwork {
    private(set) var nodeCount = 0
    private var from: [Int] = []
    private var to: [Int] = []
    private var capacity: [Int] = []
    private var cost: [Int64] = []
    private var originalCapacity: [Int] = []

    mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    /// Adds an edge and its reverse; returns the forward edge's id.
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, capacity c: Int, cost w: Int64) -> Int {
        let id = to.count
        from.append(u)
        to.append(v)
        capacity.append(c)
        cost.append(w)
        originalCapacity.append(c)
        from.append(v)
        to.append(u)
        capacity.append(0)
        cost.append(-w)
        originalCapacity.append(0)
        return id
    }

    /// The flow on forward edge `id`.
    func flow(_ id: Int) -> Int { originalCapacity[id] - capacity[id] }
}

extension FlowNetwork {
    /// Routes each source's supply to `sink` at minimum total cost by successive shortest paths, one source at a
    /// time (Jonker–Volgenant style). Every source must have a zero-cost arc to the sink (the "leave the slot
    /// empty" option), so all supply can always be routed and a unit goes through the network only when that is
    /// cheaper. Dijkstra on reduced costs stops as soon as it reaches the sink and only the nodes it settled get new
    /// potentials, so each augmentation touches a small neighbourhood; with small supplies per source (a demand
    /// needs 3 teams) this is much faster than cost scaling on the same graph.
    ///
    /// The solver works on a compressed copy of the graph with each node's arcs contiguous (CSR): a team node has
    /// hundreds of incoming arcs whose reverse arcs are almost all empty, and walking them as a linked list was a
    /// cache miss per arc (88% of the time in a profile). Capacities go back into the network at the end.
    mutating func minCostFlow(sources: [(node: Int, supply: Int)], sink: Int) {
        let n = nodeCount
        let m = to.count
        let infinity = Int64.max / 4
        // Flat buffers for the hot loop (no bounds or uniqueness checks); freed on return.
        func buffer<T>(_ count: Int, _ value: T) -> UnsafeMutableBufferPointer<T> {
            let pointer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: value)
            return pointer
        }
        // CSR: the arcs of node u are start[u]..<start[u + 1]; pair[a] is the reverse of arc a.
        let start = buffer(n + 1, 0)
        // 32-bit arc fields halve the memory the Dijkstra loop streams through.
        let arcTo = buffer(m, Int32(0))
        let arcCost = buffer(m, Int64(0))
        let arcCapacity = buffer(m, Int32(0))
        let pair = buffer(m, Int32(0))
        let potential = buffer(n, infinity)
        let distance = buffer(n, infinity)
        let parentArc = buffer(n, -1)
        let settled = buffer(n, false)
        defer {
            for pointer in [arcTo, arcCapacity, pair] { pointer.deallocate() }
            start.deallocate()
            parentArc.deallocate()
            arcCost.deallocate()
            potential.deallocate()
            distance.deallocate()
            settled.deallocate()
        }
        for e in 0..<m { start[from[e] + 1] += 1 }
        for u in 0..<n { start[u + 1] += start[u] }
        var position = [Int](repeating: 0, count: m)
        var fill = Array(start)
        for e in 0..<m {
            position[e] = fill[from[e]]
            fill[from[e]] += 1
        }
        for e in 0..<m {
            let a = position[e]
            arcTo[a] = Int32(to[e])
            arcCost[a] = cost[e]
            arcCapacity[a] = Int32(capacity[e])
            pair[a] = Int32(position[e ^ 1])
        }

        // Initial potentials: shortest distances from a virtual node with zero-cost arcs to every source.
        for (node, _) in sources { potential[node] = 0 }
        var changed = true
        var rounds = 0
        while changed && rounds < n {
            changed = false
            rounds += 1
            for u in 0..<n where potential[u] < infinity {
                for a in start[u]..<start[u + 1]
                where arcCapacity[a] > 0 && potential[u] + arcCost[a] < potential[Int(arcTo[a])] {
                    potential[Int(arcTo[a])] = potential[u] + arcCost[a]
                    changed = true
                }
            }
        }
        for u in 0..<n where potential[u] >= infinity { potential[u] = 0 }

        var touched: [Int] = []
        var heap = MinHeap()
        for (source, supply) in sources {
            for _ in 0..<supply {
                // Dijkstra from `source` on reduced costs, stopping at the sink.
                distance[source] = 0
                touched.append(source)
                heap.push(0, source)
                var reached = false
                while let (d, u) = heap.pop() {
                    if settled[u] || d > distance[u] { continue }
                    settled[u] = true
                    if u == sink {
                        reached = true
                        break
                    }
                    let pu = potential[u]
                    for a in start[u]..<start[u + 1] where arcCapacity[a] > 0 {
                        let v = Int(arcTo[a])
                        if settled[v] { continue }
                        let candidate = d + arcCost[a] + pu - potential[v]
                        if candidate < distance[v] {
                            if distance[v] == infinity { touched.append(v) }
                            distance[v] = candidate
                            parentArc[v] = a
                            heap.push(candidate, v)
                        }
                    }
                }
                heap.removeAll()
                if reached {
                    let limit = distance[sink]
                    for v in touched where settled[v] { potential[v] += distance[v] - limit }
                    var v = sink
                    while v != source {
                        let a = parentArc[v]
                        arcCapacity[a] -= 1
                        arcCapacity[Int(pair[a])] += 1
                        v = Int(arcTo[Int(pair[a])])
                    }
                }
                for v in touched {
                    distance[v] = infinity
                    settled[v] = false
                    parentArc[v] = -1
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        for e in 0..<m { capacity[e] = Int(arcCapacity[position[e]]) }
    }
}

/// A binary min-heap of (distance, node).
struct MinHeap {
    private var items: [(Int64, Int)] = []

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

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
