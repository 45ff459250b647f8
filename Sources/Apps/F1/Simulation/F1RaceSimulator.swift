import SeededRandom

/// Simulates a race lap by lap and turns it into the timing states a live feed would publish.
///
/// Lap times come from the car's pace, the tyre compound and its age, the fuel burning off and
/// random noise, with the odd mistake; pit stops cost about 21 s and change compound; a quicker car
/// that catches the one ahead passes it only sometimes, otherwise it is held up behind. Every line
/// crossing publishes that car's state, and every car an overtake moves publishes its new position,
/// so the published positions always form the true running order.
public struct F1RaceSimulator: Sendable {
    /// One state to publish, at a race time (milliseconds since the start); `ts` is set when published.
    public struct TimedState: Sendable, Equatable {
        public var raceTimeMilliseconds: Int64
        public var state: F1CarState
    }

    /// The race's id, the `race_id` of every state and the key of every record.
    public let raceId: String
    public let drivers: [F1Driver]
    public let laps: Int
    /// A lap of the quickest car on fresh medium tyres with an empty tank, in milliseconds.
    public var baseLapMilliseconds: Double = 91_500

    private var generator: SeededGenerator

    public init(raceId: String, drivers: [F1Driver], laps: Int, seed: UInt64) {
        precondition(!drivers.isEmpty && laps >= 1, "a race needs a driver and a lap")
        self.raceId = raceId
        self.drivers = drivers
        self.laps = laps
        self.generator = SeededGenerator(seed: seed)
    }

    /// A car through the race: its plan and the race time of each line crossing.
    struct Car {
        var driver: F1Driver
        var gridSlot: Int
        /// Compounds in stint order.
        var stints: [F1Tyre]
        /// Laps at whose end the car pits, in order.
        var pitLaps: [Int]
        /// The lap the car does not finish, when it retires.
        var retirementLap: Int?
        /// Race time at the end of each completed lap (index 0 is lap 1).
        var crossings: [Int64] = []
        /// Race time at the moment of retirement.
        var retirementTime: Int64?
        var lastLapTime: Double = 0

        func tyre(afterLap lap: Int) -> F1Tyre {
            stints[min(pitLaps.filter { $0 <= lap }.count, stints.count - 1)]
        }

        func tyreAge(atLap lap: Int) -> Int {
            let lastStop = pitLaps.last { $0 < lap } ?? 0
            return lap - lastStop - 1
        }

        func start(ofLap lap: Int) -> Int64 {
            lap == 1 ? Int64(gridSlot) * 220 : crossings[lap - 2]
        }
    }

    /// Plans the whole race: every state to publish, in race-time order.
    public mutating func plan() -> [TimedState] {
        var cars = makeGrid()
        simulateLaps(&cars)
        return timeline(cars)
    }

    private mutating func makeGrid() -> [Car] {
        // Qualifying: pace plus a little luck decides the grid.
        let qualifying = drivers.map { driver in
            (driver, Double(driver.paceOffsetMilliseconds) + generator.normal(standardDeviation: 180))
        }
        .sorted { $0.1 < $1.1 }
        return qualifying.enumerated().map { slot, entry in
            let (stints, pitLaps) = strategy(slot: slot)
            let retires = laps >= 5 && Double.random(in: 0..<1, using: &generator) < 0.05
            return Car(
                driver: entry.0,
                gridSlot: slot,
                stints: stints,
                pitLaps: pitLaps,
                retirementLap: retires ? Int.random(in: 2...laps, using: &generator) : nil
            )
        }
    }

    /// Tyres and stops: one stop for most, two for some; short races need no stop.
    private mutating func strategy(slot: Int) -> ([F1Tyre], [Int]) {
        guard laps >= 8 else { return ([.medium], []) }
        let choice = Double.random(in: 0..<1, using: &generator)
        func lap(_ fraction: ClosedRange<Double>) -> Int {
            max(2, min(laps - 2, Int((Double(laps) * Double.random(in: fraction, using: &generator)).rounded())))
        }
        if choice < 0.25 {
            let first = lap(0.25...0.35)
            let second = max(first + 2, lap(0.6...0.72))
            return second < laps - 1 ? ([.soft, .medium, .soft], [first, second]) : ([.soft, .hard], [first])
        }
        if choice < 0.6 || slot >= 10 {
            return ([.medium, .hard], [lap(0.4...0.58)])
        }
        return ([.soft, .hard], [lap(0.28...0.4)])
    }

    private mutating func simulateLaps(_ cars: inout [Car]) {
        for lap in 1...laps {
            // Cars take the lap in the order they started it.
            let order = cars.indices
                .filter { cars[$0].crossings.count == lap - 1 && cars[$0].retirementTime == nil }
                .sorted { cars[$0].start(ofLap: lap) < cars[$1].start(ofLap: lap) }
            var aheadIndex: Int?
            for index in order {
                var car = cars[index]
                let start = car.start(ofLap: lap)
                let lapTime = lapTime(of: car, lap: lap)
                if car.retirementLap == lap {
                    car.retirementTime = start + Int64(lapTime * Double.random(in: 0.2...0.9, using: &generator))
                    cars[index] = car
                    continue
                }
                var crossing = start + Int64(lapTime)
                if let aheadIndex, let aheadCrossing = cars[aheadIndex].crossings.last,
                    cars[aheadIndex].crossings.count == lap, crossing < aheadCrossing + 250,
                    !car.pitLaps.contains(lap), !cars[aheadIndex].pitLaps.contains(lap)
                {
                    let advantage = cars[aheadIndex].lastLapTime - lapTime
                    let passes = advantage > 350 && Double.random(in: 0..<1, using: &generator) < 0.4
                    if passes {
                        crossing = min(crossing, aheadCrossing - Int64.random(in: 120...450, using: &generator))
                    } else {
                        // Held up in the dirty air: it crosses right behind.
                        crossing = aheadCrossing + Int64.random(in: 250...900, using: &generator)
                    }
                }
                car.lastLapTime = Double(crossing - start)
                car.crossings.append(crossing)
                cars[index] = car
                // The car now last across the line is the one the next car catches.
                if aheadIndex.map({ crossing > cars[$0].crossings.last ?? .min }) ?? true { aheadIndex = index }
            }
        }
    }

    private mutating func lapTime(of car: Car, lap: Int) -> Double {
        let tyre = car.tyre(afterLap: lap - 1)
        var time = baseLapMilliseconds + Double(car.driver.paceOffsetMilliseconds)
        time += tyre.paceOffsetMilliseconds + tyre.degradationMilliseconds * Double(car.tyreAge(atLap: lap))
        time += 65 * Double(laps - lap)  // fuel still on board
        time += generator.normal(standardDeviation: car.driver.consistencyMilliseconds)
        if lap == 1 { time += 3_800 }  // standing start
        if car.pitLaps.contains(lap) { time += 20_500 + Double.random(in: 0...2_500, using: &generator) }
        if Double.random(in: 0..<1, using: &generator) < 0.02 {
            time += Double.random(in: 800...3_500, using: &generator)
        }
        return time
    }

    /// Walks the line crossings in time order, ranking cars as a timing screen does.
    private func timeline(_ cars: [Car]) -> [TimedState] {
        let finishTime = cars.compactMap { $0.crossings.count == laps ? $0.crossings.last : nil }.min() ?? .max
        // A car's race ends at its first crossing after the leader took the flag.
        let finalLaps = cars.map { car in
            (car.crossings.firstIndex { $0 >= finishTime }.map { $0 + 1 }) ?? car.crossings.count
        }
        enum Happening {
            case crossing(car: Int, lap: Int)
            case retirement(car: Int)
        }
        var happenings: [(time: Int64, happening: Happening)] = []
        for (index, car) in cars.enumerated() {
            for lap in 1...max(1, finalLaps[index]) where lap <= finalLaps[index] {
                happenings.append((car.crossings[lap - 1], .crossing(car: index, lap: lap)))
            }
            if let time = car.retirementTime, time < finishTime { happenings.append((time, .retirement(car: index))) }
        }
        happenings.sort { $0.time < $1.time }

        var completed = cars.map { _ in 0 }
        var retired = cars.map { _ in false }
        var published: [F1CarState?] = cars.map { _ in nil }
        var firstCrossing: [Int: Int64] = [:]
        var states: [TimedState] = []

        func ranking() -> [Int] {
            cars.indices.sorted { first, second in
                if retired[first] != retired[second] { return !retired[first] }
                if completed[first] != completed[second] { return completed[first] > completed[second] }
                let firstTime =
                    completed[first] == 0 ? Int64(cars[first].gridSlot) : cars[first].crossings[completed[first] - 1]
                let secondTime =
                    completed[second] == 0
                    ? Int64(cars[second].gridSlot) : cars[second].crossings[completed[second] - 1]
                return firstTime < secondTime
            }
        }

        func state(of index: Int, position: Int, ahead: Int?, leader: Int, status: String, time: Int64) -> F1CarState {
            let car = cars[index]
            let lap = completed[index]
            var state = F1CarState(
                raceId: raceId,
                position: position,
                driver: car.driver.name,
                code: car.driver.code,
                number: car.driver.number,
                team: car.driver.team,
                lap: lap,
                totalLaps: laps,
                tyre: car.tyre(afterLap: lap).rawValue,
                pitStops: car.pitLaps.filter { $0 <= lap }.count,
                status: status,
                elapsedMs: time,
                ts: 0
            )
            guard lap > 0 else { return state }
            let crossing = car.crossings[lap - 1]
            let lapTimes = (1...lap).map { car.crossings[$0 - 1] - car.start(ofLap: $0) }
            state.lastLapMs = lapTimes.last
            state.bestLapMs = lapTimes.min()
            guard !retired[index] else { return state }
            state.gapToLeaderMs = position == 1 ? 0 : max(0, crossing - (firstCrossing[lap] ?? crossing))
            state.lapsBehind = max(0, completed[leader] - lap)
            if let ahead, position > 1, completed[ahead] >= lap {
                state.intervalMs = max(0, crossing - cars[ahead].crossings[lap - 1])
            } else {
                state.intervalMs = position == 1 ? 0 : nil
            }
            return state
        }

        func publishAll(at time: Int64, moved: Int?, status: (Int) -> String) {
            let order = ranking()
            for (rank, index) in order.enumerated() {
                let position = rank + 1
                let isMover = index == moved
                guard isMover || published[index]?.position != position else { continue }
                var next = state(
                    of: index,
                    position: position,
                    ahead: rank > 0 ? order[rank - 1] : nil,
                    leader: order[0],
                    status: isMover ? status(index) : (published[index]?.status ?? "running"),
                    time: isMover ? time : (published[index]?.elapsedMs ?? time)
                )
                if !isMover, let previous = published[index] {
                    // Only the position (and who is ahead) changed; the lap data stays as timed.
                    next.gapToLeaderMs = previous.gapToLeaderMs
                    next.lapsBehind = previous.lapsBehind
                }
                published[index] = next
                states.append(TimedState(raceTimeMilliseconds: time, state: next))
            }
        }

        publishAll(at: 0, moved: nil) { _ in "running" }
        for (time, happening) in happenings {
            switch happening {
            case .crossing(let index, let lap):
                completed[index] = lap
                if firstCrossing[lap] == nil { firstCrossing[lap] = time }
                publishAll(at: time, moved: index) { index in
                    if lap == finalLaps[index] && time >= finishTime { return "finished" }
                    return cars[index].pitLaps.contains(lap) ? "pit" : "running"
                }
            case .retirement(let index):
                retired[index] = true
                publishAll(at: time, moved: index) { _ in "retired" }
            }
        }
        return states
    }
}
