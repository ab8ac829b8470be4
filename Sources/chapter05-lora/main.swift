import Corpus
import Tokenization
import Foundation
let tok = try BytePairTokenizer.load(from: URL(fileURLWithPath: "Checkpoints/tokenizer.bpe"))
var g = StoryGenerator(seed: 5)
for _ in 0..<6 {
  let s = g.nextStory()
  print(s.shape, s.ending, s.heroName, s.friendName ?? "-", s.object.phrase, s.place, s.helper?.name ?? "-", s.finder?.name ?? "-", s.heroKeepsObject)
  for sent in s.sentences { print("  [\(tok.encode(sent, allowingSpecialTokens: false).count)] \(sent)") }
}
