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
}

extension FlowNetwork {
    /// Routes each source's supply to `sink` at minimum total cost by successive shortest paths, one source at a
    /// time (Jonker–Volgenant style). Every source must have a zero-cost arc to the sink (the "leave the slot
    /// empty" option), so all supply can always be routed and a unit goes through the network only when that is
    /// cheaper. Dijkstra on reduced costs stops as soon as it reaches the sink and only the nodes it settled get new
    /// potentials, so each augmentation touches a small neighbourhood; with small supplies per source (a demand
    /// needs 3 teams) this is much faster than cost scaling on the same graph.
    mutating func minCostFlow(sources: [(node: Int, supply: Int)], sink: Int) {
        let n = head.count
        let infinity = Int64.max / 4
        // Initial potentials: shortest distances from a virtual node with zero-cost arcs to every source.
        var potential = [Int64](repeating: infinity, count: n)
        for (node, _) in sources { potential[node] = 0 }
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
        var parentEdge = [Int](repeating: -1, count: n)
        var settled = [Bool](repeating: false, count: n)
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
                    var e = head[u]
                    while e >= 0 {
                        if capacity[e] > 0 {
                            let v = to[e]
                            if !settled[v] {
                                let candidate = d + cost[e] + potential[u] - potential[v]
                                if candidate < distance[v] {
                                    if distance[v] == infinity { touched.append(v) }
                                    distance[v] = candidate
                                    parentEdge[v] = e
                                    heap.push(candidate, v)
                                }
                            }
                        }
                        e = next[e]
                    }
                }
                heap.removeAll()
                if reached {
                    let limit = distance[sink]
                    for v in touched where settled[v] { potential[v] += distance[v] - limit }
                    var v = sink
                    while v != source {
                        let e = parentEdge[v]
                        capacity[e] -= 1
                        capacity[e ^ 1] += 1
                        v = to[e ^ 1]
                    }
                }
                for v in touched {
                    distance[v] = infinity
                    settled[v] = false
                    parentEdge[v] = -1
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
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
