/// How a playing level from 1 to 10 weakens the search: a depth cap, noise added to the evaluation,
/// and a chance of playing a random move. Level 10 is full strength.
struct PlayingLevel {
    let maximumDepth: Int
    let evaluationNoise: Int
    let blunderProbability: Double

    init(_ level: Int) {
        switch level {
        case ...1: (maximumDepth, evaluationNoise, blunderProbability) = (1, 300, 0.35)
        case 2: (maximumDepth, evaluationNoise, blunderProbability) = (1, 200, 0.25)
        case 3: (maximumDepth, evaluationNoise, blunderProbability) = (2, 150, 0.18)
        case 4: (maximumDepth, evaluationNoise, blunderProbability) = (2, 100, 0.12)
        case 5: (maximumDepth, evaluationNoise, blunderProbability) = (3, 70, 0.08)
        case 6: (maximumDepth, evaluationNoise, blunderProbability) = (4, 50, 0.05)
        case 7: (maximumDepth, evaluationNoise, blunderProbability) = (5, 35, 0.03)
        case 8: (maximumDepth, evaluationNoise, blunderProbability) = (6, 20, 0.015)
        case 9: (maximumDepth, evaluationNoise, blunderProbability) = (8, 10, 0.005)
        default: (maximumDepth, evaluationNoise, blunderProbability) = (Int.max, 0, 0)
        }
    }
}
