import Adapters
import Alignment
import Corpus
import Engine
import Testing
import Tokenization
import Transformers

@Suite struct PipelineTests {
    let request = StoryRequest(heroName: "Mia", object: StoryObject(adjective: "red", noun: "ball"))

    @Test func chatFormatRoundTrips() throws {
        let tokenizer = BytePairTokenizer(merges: [])
        let chat = try #require(ChatFormat(tokenizer: tokenizer))
        let prompt = chat.prompt(for: request)
        #expect(prompt.first == chat.userID && prompt.suffix(2) == [chat.endID, chat.assistantID])
        #expect(tokenizer.decode(prompt) == "<|user|>Write a short story about Mia and a red ball.<|end|><|assistant|>")
        let story = "There was once a shy girl named Mia. In the end, Mia was happy."
        let response = chat.response(story)
        #expect(response.last == chat.endID && chat.text(of: response) == story)
        #expect(chat.text(of: Array(response.dropLast())) == story, "a response cut before <|end|> still decodes")
        let demonstration = chat.demonstration(request, story: story)
        #expect(demonstration.prompt == prompt && demonstration.answer == response)
        #expect(ChatFormat(tokenizer: BytePairTokenizer(merges: [], specialTokens: ["<|endoftext|>"])) == nil)
    }

    @Test func ppoRunsAreDeterministicForASeed() {
        func run() -> [[[Int]]] {
            let policy = tinyGPT(seed: 2)
            var settings = PPOSettings(maxNewTokens: 5, padding: 0, stopToken: 3)
            settings.learningRate = 1e-2
            let reference = ReferenceModel(copying: policy)
            let ppo = PPOTrainer(policy: policy, reference: reference, settings: settings, seed: 4)
            return ppo.train(
                steps: 3, prompts: [[1], [2, 4], [6, 7, 8]], batchSize: 4, seed: 9,
                score: PPOTests.countOfFives
            ).map(\.responses)
        }
        #expect(run() == run())
    }

    @Test func measuringTheReferenceItselfCostsNoKL() {
        let policy = tinyGPT(seed: 8)
        let reference = ReferenceModel(copying: policy)
        var rows = generators(4)
        let measurement = PolicyMeasurement(
            policy: policy, reference: reference, prompts: [[1], [2], [3], [4]],
            maxNewTokens: 6, generators: &rows, stopToken: nil, padding: 0,
            learnedReward: PPOTests.countOfFives,
            trueReward: { _, response in Double(response.count) })
        #expect(measurement.meanKL == 0 && measurement.meanTrueReward == 6)
        #expect(measurement.learnedRewards == PPOTests.countOfFives([], measurement.responses))
    }
}
