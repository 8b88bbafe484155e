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

    /// Sends up to all of `source`'s outgoing capacity to `sink` at minimum cost, where any unit may also go
    /// straight from source to sink at cost 0 — so a unit is routed through the network only when that lowers the
    /// total cost (all pair costs are negative affinities: this maximises total affinity).
    ///
    /// Cost scaling (Goldberg–Tarjan push–relabel): costs are multiplied by n + 1 so that ε-optimality with ε = 1
    /// is optimality; each refine phase divides ε by 8, saturates every arc with negative reduced cost, then pushes
    /// excess along admissible arcs and relabels, FIFO order. The running time does not depend on how many
    /// distinct path costs there are, which is what makes successive shortest paths slow on real affinities.
    mutating func minCostFlow(source: Int, sink: Int) {
        var total = 0
        var e = head[source]
        while e >= 0 {
            if e & 1 == 0 { total += capacity[e] }
            e = next[e]
        }
        guard total > 0 else { return }
        addEdge(source, sink, capacity: total, cost: 0)  // the bypass: a slot may stay empty
        let n = head.count
        let m = to.count
        let scale = Int64(n + 1)
        var scaled = [Int64](repeating: 0, count: m)
        var largest: Int64 = 0
        for a in 0..<m {
            scaled[a] = cost[a] * scale
            largest = max(largest, abs(scaled[a]))
        }
        var from = [Int](repeating: 0, count: m)
        for a in 0..<m { from[a] = to[a ^ 1] }
        var excess = [Int](repeating: 0, count: n)
        excess[source] = total
        excess[sink] = -total
        var price = [Int64](repeating: 0, count: n)
        var current = head
        var queue = [Int]()
        var queued = [Bool](repeating: false, count: n)
        var epsilon = max(1, largest)
        while true {
            epsilon = max(1, epsilon / 8)
            // Make the pseudoflow ε-optimal: saturate every residual arc with negative reduced cost.
            for a in 0..<m where capacity[a] > 0 {
                let u = from[a]
                let v = to[a]
                if scaled[a] + price[u] - price[v] < 0 {
                    let amount = capacity[a]
                    capacity[a] = 0
                    capacity[a ^ 1] += amount
                    excess[u] -= amount
                    excess[v] += amount
                }
            }
            queue.removeAll(keepingCapacity: true)
            for v in 0..<n {
                current[v] = head[v]
                queued[v] = excess[v] > 0
                if excess[v] > 0 { queue.append(v) }
            }
            var index = 0
            while index < queue.count {
                let v = queue[index]
                index += 1
                queued[v] = false
                // Discharge v.
                while excess[v] > 0 {
                    var a = current[v]
                    while a >= 0 {
                        if capacity[a] > 0 {
                            let w = to[a]
                            if scaled[a] + price[v] - price[w] < 0 {
                                let amount = min(excess[v], capacity[a])
                                capacity[a] -= amount
                                capacity[a ^ 1] += amount
                                excess[v] -= amount
                                excess[w] += amount
                                if excess[w] > 0 && !queued[w] {
                                    queued[w] = true
                                    queue.append(w)
                                }
                                if excess[v] == 0 { break }
                            }
                        }
                        a = next[a]
                    }
                    current[v] = a
                    if excess[v] > 0 {
                        // Relabel: the highest price that keeps every residual arc ε-optimal makes one admissible.
                        var best = Int64.min
                        var b = head[v]
                        while b >= 0 {
                            if capacity[b] > 0 { best = max(best, price[to[b]] - scaled[b]) }
                            b = next[b]
                        }
                        guard best != Int64.min else { break }  // no residual arc: cannot happen with the bypass
                        price[v] = best - epsilon
                        current[v] = head[v]
                    }
                }
                if index > 1 << 20 {  // keep the queue from growing without bound
                    queue.removeFirst(index)
                    index = 0
                }
            }
            if epsilon == 1 { return }
        }
    }
}
