import CSimdjsonMoves
import FastJSON
import Foundation

// Decodes every line of a `moves` file (bench/streams's events) into `BenchmarkMove`, with
// FastJSON as a pipeline source does and with simdjson through the C++ shim, in alternating
// rounds; then runs bench/streams's pipeline with each decoder as its source's, alternating.
// Prints markdown tables of events/s. Usage: JSONBench FILE [ROUNDS]

let arguments = CommandLine.arguments
guard arguments.count >= 2, let rounds = arguments.count > 2 ? Int(arguments[2]) : 7, rounds > 0 else {
    FileHandle.standardError.write(Data("usage: JSONBench FILE [ROUNDS]\n".utf8))
    exit(2)
}

let fileBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: arguments[1])))
let fileLength = fileBytes.count
// simdjson may read this far past a document; the last line needs it to be read in place.
let contents = fileBytes + repeatElement(0, count: kibitz_simdjson_padding())

var lineRanges: [Range<Int>] = []
var lineStart = 0
for index in 0..<fileLength where contents[index] == UInt8(ascii: "\n") {
    if index > lineStart { lineRanges.append(lineStart..<index) }
    lineStart = index + 1
}
if fileLength > lineStart { lineRanges.append(lineStart..<fileLength) }

func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "n/a"
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// One way of decoding a line, given the line and how many bytes may be read from its start.
struct Contender {
    let name: String
    let decode: (UnsafeRawBufferPointer, Int) throws -> Int
}

let fastDecode = FastJSONDecoder().decoding(BenchmarkMove.self)
let contenders = [
    Contender(name: "FastJSON, `decoding(_:)` as a source calls it") { line, _ in try fastDecode(line).checksum },
    Contender(name: "simdjson On-Demand, read in place") { line, readable in
        try SimdjsonMoveDecoder.decode(line, readable: readable).checksum
    },
    Contender(name: "simdjson On-Demand, each line copied into a padded buffer") { line, _ in
        try SimdjsonMoveDecoder.decode(line, readable: line.count).checksum
    },
    Contender(name: "simdjson On-Demand, read in place, fields only (no Swift `String`s)") { line, readable in
        let fields = try SimdjsonMoveDecoder.fields(of: line, readable: readable)
        return fields.game_id_length &+ fields.color_length &* 7 &+ fields.uci_length &* 31
            &+ Int(truncatingIfNeeded: fields.ts)
    },
]

func run(
    _ contender: Contender,
    over contents: [UInt8],
    lines lineRanges: [Range<Int>]
) throws -> (seconds: Double, checksum: Int) {
    try contents.withUnsafeBytes { file in
        var checksum = 0
        let start = ContinuousClock.now
        for range in lineRanges {
            let line = UnsafeRawBufferPointer(rebasing: file[range])
            checksum &+= try contender.decode(line, file.count - range.lowerBound)
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (seconds, checksum)
    }
}

let loadBefore = loadAverage()
var rates = Array(repeating: [Double](), count: contenders.count)
var checksums = Array(repeating: 0, count: contenders.count)
for round in 0..<rounds {
    // Every other round runs the contenders in reverse, so none always follows the same one.
    let order = round.isMultiple(of: 2) ? Array(contenders.indices) : contenders.indices.reversed()
    for index in order {
        let (seconds, checksum) = try run(contenders[index], over: contents, lines: lineRanges)
        rates[index].append(Double(lineRanges.count) / seconds)
        checksums[index] = checksum
    }
}
let loadAfter = loadAverage()

// The fields-only contender sums lengths, not strings; the others must agree exactly.
let structChecksums = Set(checksums.dropLast())
guard structChecksums.count == 1 else {
    FileHandle.standardError.write(Data("the decoders disagree: checksums \(checksums)\n".utf8))
    exit(1)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count.isMultiple(of: 2)
        ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
}

func millions(_ value: Double) -> String { String(format: "%.2f M", value / 1_000_000) }

let fastMedian = median(rates[0])
print(
    """
    ## \(lineRanges.count) events of \(arguments[1]), \(rounds) alternating rounds
    simdjson kernel: \(String(cString: kibitz_simdjson_implementation())); load average before \(loadBefore), after \(loadAfter)

    | decoder | events/s, each round | median | ns/event | against FastJSON |
    | --- | --- | ---: | ---: | ---: |
    """
)
for (index, contender) in contenders.enumerated() {
    let middle = median(rates[index])
    let cells = [
        contender.name,
        rates[index].map(millions).joined(separator: " / "),
        millions(middle),
        String(format: "%.0f", 1e9 / middle),
        String(format: "%.2f×", middle / fastMedian),
    ]
    print("| " + cells.joined(separator: " | ") + " |")
}

// The whole pipeline. A record's value sits inside a batch read from the log, with no padding
// promised after it, so the simdjson source copies each value into its padded buffer.
let pipelineBenchmark = try PipelineBenchmark(contents: contents, lines: lineRanges)
let pipelineDecoders: [(name: String, decode: (UnsafeRawBufferPointer) throws -> BenchmarkMove)] = [
    ("FastJSON (as shipped)", FastJSONDecoder().decoding(BenchmarkMove.self)),
    ("simdjson On-Demand, each value copied", { try SimdjsonMoveDecoder.decode($0, readable: $0.count) }),
]
let pipelineLoadBefore = loadAverage()
var pipelineRuns = Array(repeating: [(seconds: Double, cpuSeconds: Double)](), count: pipelineDecoders.count)
for round in 0..<rounds {
    let order = round.isMultiple(of: 2) ? Array(pipelineDecoders.indices) : pipelineDecoders.indices.reversed()
    for index in order {
        pipelineRuns[index].append(try await pipelineBenchmark.run(decodingWith: pipelineDecoders[index].decode))
    }
}
let pipelineLoadAfter = loadAverage()
let fastPipelineMedian = median(pipelineRuns[0].map { Double(lineRanges.count) / $0.seconds })
print(
    """

    ## bench/streams's pipeline (one-minute tumbling count per game, from the log), \(rounds) alternating rounds
    load average before \(pipelineLoadBefore), after \(pipelineLoadAfter)

    | source's decoder | events/s, each round | median | CPU s, median | against FastJSON |
    | --- | --- | ---: | ---: | ---: |
    """
)
for (index, decoder) in pipelineDecoders.enumerated() {
    let rates = pipelineRuns[index].map { Double(lineRanges.count) / $0.seconds }
    let middle = median(rates)
    let cells = [
        decoder.name,
        rates.map(millions).joined(separator: " / "),
        millions(middle),
        String(format: "%.2f", median(pipelineRuns[index].map(\.cpuSeconds))),
        String(format: "%.2f×", middle / fastPipelineMedian),
    ]
    print("| " + cells.joined(separator: " | ") + " |")
}
