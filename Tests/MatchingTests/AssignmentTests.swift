import Testing

@testable import Matching

@Suite struct AssignmentTests {
    @Test func beatsGreedyWhenGreedyBlocksABetterPlan() {
        // Greedy gives team 0 to demand 0 (0.9) and leaves demand 1 with 0.1; optimal swaps: 0.8 + 0.7.
        let problem = AssignmentProblem(
            candidates: [[(0, 0.9), (1, 0.8)], [(0, 0.7), (1, 0.1)]], solverCount: 2, perDemand: 1, capacity: 1,
            institution: [0, 1], distinctInstitutions: false)
        let result = Assignment.solve(problem)
        #expect(result.assignments == [[1], [0]])
        #expect(abs(result.objective - 1.5) < 1e-9)
        #expect(result.shortfalls.isEmpty)
    }

    @Test func respectsCapacityAndPerDemand() {
        let candidates: [[(solver: Int, affinity: Double)]] = (0..<4).map { _ in [(0, 1.0), (1, 0.5), (2, 0.4)] }
        let result = Assignment.solve(
            AssignmentProblem(
                candidates: candidates, solverCount: 3, perDemand: 2, capacity: 3, institution: [0, 1, 2],
                distinctInstitutions: false))
        var load = [0, 0, 0]
        for list in result.assignments {
            #expect(list.count == 2)
            #expect(Set(list).count == 2)
            for s in list { load[s] += 1 }
        }
        #expect(load == [3, 3, 2])
        #expect(abs(result.objective - (3 * 1.0 + 3 * 0.5 + 2 * 0.4)) < 1e-9)
    }

    @Test func distinctInstitutionsPerDemand() {
        // Teams 0 and 1 are from the same institution; the demand needs two teams.
        let result = Assignment.solve(
            AssignmentProblem(
                candidates: [[(0, 1.0), (1, 0.9), (2, 0.2)]], solverCount: 3, perDemand: 2, capacity: 1,
                institution: [7, 7, 8], distinctInstitutions: true))
        #expect(result.assignments[0] == [0, 2])
    }

    @Test func exclusionsAndForcedPairs() {
        let result = Assignment.solve(
            AssignmentProblem(
                candidates: [[(0, 1.0), (1, 0.9), (2, 0.1)]], solverCount: 3, perDemand: 2, capacity: 1,
                institution: [0, 1, 2], distinctInstitutions: false, excluded: [Pair(demand: 0, solver: 0)],
                forced: [Pair(demand: 0, solver: 2)]))
        #expect(result.assignments[0] == [2, 1])  // forced first, then the best allowed
    }

    @Test func infeasibilityIsExplained() {
        let result = Assignment.solve(
            AssignmentProblem(
                candidates: [[(0, 1.0), (1, 0.5)], [(0, 0.9), (1, 0.8), (2, 0.0)], [(0, 0.3), (1, 0.2), (2, 0.6)]],
                solverCount: 3, perDemand: 3, capacity: 1, institution: [0, 0, 1], distinctInstitutions: false))
        #expect(result.shortfalls[0] == .tooFewCandidates(needed: 3, available: 2))
        #expect(
            result.shortfalls[0]?.reason(for: "HS-017")
                == "demand HS-017 needs 3 team(s) but only 2 unconflicted team(s) have a non-zero score")
        let institutions = Assignment.solve(
            AssignmentProblem(
                candidates: [[(0, 1.0), (1, 0.5), (2, 0.4)]], solverCount: 3, perDemand: 3, capacity: 1,
                institution: [0, 0, 1], distinctInstitutions: true))
        #expect(institutions.shortfalls[0] == .tooFewInstitutions(needed: 3, institutions: 2))
        let capacity = Assignment.solve(
            AssignmentProblem(
                candidates: [[(0, 1.0)], [(0, 0.5)]], solverCount: 1, perDemand: 1, capacity: 1, institution: [0],
                distinctInstitutions: false))
        #expect(capacity.shortfalls[1] == .capacityExhausted(needed: 1, assigned: 0, capacity: 1))
    }

    @Test func matchesBruteForceOnSmallRandomProblems() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let demands = Int.random(in: 1...4, using: &generator)
            let solvers = Int.random(in: 1...4, using: &generator)
            let candidates: [[(solver: Int, affinity: Double)]] = (0..<demands).map { _ in
                (0..<solvers).compactMap { s in
                    Bool.random(using: &generator) ? (s, Double(Int.random(in: 1...100, using: &generator)) / 100) : nil
                }
            }
            let problem = AssignmentProblem(
                candidates: candidates, solverCount: solvers, perDemand: 2, capacity: 2,
                institution: Array(0..<solvers), distinctInstitutions: false)
            let result = Assignment.solve(problem)
            #expect(abs(result.objective - bruteForce(problem)) < 1e-6)
        }
    }

    /// Exhaustive best objective for tiny problems.
    func bruteForce(_ problem: AssignmentProblem) -> Double {
        let edges = problem.candidates.enumerated().flatMap { d, list in list.map { (d, $0.solver, $0.affinity) } }
        var best = 0.0
        for mask in 0..<(1 << edges.count) {
            var perDemand = [Int](repeating: 0, count: problem.candidates.count)
            var load = [Int](repeating: 0, count: problem.solverCount)
            var total = 0.0
            var ok = true
            for (i, edge) in edges.enumerated() where mask & (1 << i) != 0 {
                perDemand[edge.0] += 1
                load[edge.1] += 1
                total += edge.2
                if perDemand[edge.0] > problem.perDemand || load[edge.1] > problem.capacity { ok = false }
            }
            if ok { best = max(best, total) }
        }
        return best
    }
}
