import Randomness

// MARK: - Beginning, middle, ending

/// The plan of one story and the writing of it: which steps, in which order, for its shape
/// and ending. The printed grammar's `<story>` rules describe exactly these functions.
struct Plot {
    let shape: StoryShape
    let ending: StoryEnding
    let hero: StoryCharacter
    let friend: StoryCharacter?
    let object: StoryObject
    let place: String
    private var writer: StoryWriter
    private var helper: StoryCharacter?
    private var finder: StoryCharacter?
    private var heroKeepsObject = true

    init(
        shape: StoryShape, ending: StoryEnding, hero: StoryCharacter, friend: StoryCharacter?,
        object: StoryObject, place: String
    ) {
        self.shape = shape
        self.ending = ending
        self.hero = hero
        self.friend = friend
        self.object = object
        self.place = place
        var cast: [StoryRole: StoryCharacter] = [.hero: hero]
        cast[.friend] = friend
        writer = StoryWriter(cast: cast, object: object, place: place)
    }

    /// The finished story with its facts.
    var story: Story {
        Story(
            shape: shape, ending: ending, hero: hero, friend: friend, object: object, place: place,
            helper: helper, finder: finder, heroKeepsObject: heroKeepsObject, sentences: writer.sentences)
    }

    private var happy: Bool { ending == .happy }

    /// Writes beginning, middle and ending.
    mutating func write(random: inout SplitMix64) {
        // A friend-helps story may bring the friend in only when they are needed.
        let friendInBeginning = friend != nil && (shape != .friendHelps || random.nextInt(below: 2) == 0)
        writer.say(StoryTemplates.introduction, random: &random)
        writer.say(StoryTemplates.possession, random: &random)
        if friendInBeginning { writer.say(StoryTemplates.friendIntroduction, random: &random) }

        switch shape {
        case .lostThing: writeLostThing(random: &random)
        case .trip: writeTrip(random: &random)
        case .friendHelps: writeFriendHelps(friendKnown: friendInBeginning, random: &random)
        case .storm: writeStorm(random: &random)
        case .sharing: writeSharing(random: &random)
        }

        writer.say(happy ? StoryTemplates.endingHappy : StoryTemplates.endingSad, random: &random)
    }

    // MARK: - The five middles

    private mutating func writeLostThing(random: inout SplitMix64) {
        let together = friend != nil
        writer.say(together ? StoryTemplates.goTogether : StoryTemplates.lostGoAlone, random: &random)
        writer.maybeSay(
            together ? StoryTemplates.lostFunTogether : StoryTemplates.lostFunAlone,
            probability: 0.5, random: &random)
        writer.maybeSay(StoryTemplates.ohNo, probability: 0.3, random: &random)
        writer.say(StoryTemplates.lostLoss, random: &random)
        writer.say(StoryTemplates.lostFeeling, random: &random)
        if let friend {
            helper = friend
            writer.say(StoryTemplates.lostSearchTogether, random: &random)
        } else {
            writer.say(StoryTemplates.lostSearchAlone, random: &random)
        }
        if happy {
            let found = friend.map { random.nextInt(below: 2) == 0 ? $0 : hero } ?? hero
            finder = found
            writer.setFinder(found)
            writer.say(StoryTemplates.lostFound, random: &random)
            writer.say(found == hero ? StoryTemplates.lostHug : StoryTemplates.thanks, random: &random)
        } else {
            heroKeepsObject = false
            writer.say(together ? StoryTemplates.lostGoneTogether : StoryTemplates.lostGoneAlone, random: &random)
        }
    }

    private mutating func writeTrip(random: inout SplitMix64) {
        writer.say(StoryTemplates.tripGo, random: &random)
        writer.say(StoryTemplates.bring, random: &random)
        writer.say(StoryTemplates.tripFun, random: &random)
        writer.maybeSay(StoryTemplates.tripFun, probability: 0.5, random: &random)
        if happy {
            writer.say(StoryTemplates.tripGoodTime, random: &random)
            writer.say(StoryTemplates.tripHome, random: &random)
        } else if random.nextInt(below: 2) == 0 {
            heroKeepsObject = false
            writer.say(StoryTemplates.tripThingLost, random: &random)
            writer.say(StoryTemplates.tripFloatedAway, random: &random)
        } else {
            writer.say(StoryTemplates.tripMishap, random: &random)
            writer.say(StoryTemplates.tripHomeEarly, random: &random)
        }
    }

    private mutating func writeFriendHelps(friendKnown: Bool, random: inout SplitMix64) {
        writer.say(StoryTemplates.helpPlay, random: &random)
        writer.say(StoryTemplates.helpStuck, random: &random)
        writer.say(StoryTemplates.helpReach, random: &random)
        writer.say(StoryTemplates.helpFeeling, random: &random)
        writer.say(friendKnown ? StoryTemplates.helpArriveKnown : StoryTemplates.helpArriveNew, random: &random)
        writer.maybeSay(StoryTemplates.helpAsk, probability: 0.5, random: &random)
        if happy {
            helper = friend
            writer.say(StoryTemplates.helpRescue, random: &random)
            writer.say(StoryTemplates.thanks, random: &random)
            writer.maybeSay(StoryTemplates.helpBestFriends, probability: 0.3, random: &random)
        } else {
            heroKeepsObject = false
            writer.say(StoryTemplates.helpFail, random: &random)
            writer.say(StoryTemplates.helpLeave, random: &random)
        }
    }

    private mutating func writeStorm(random: inout SplitMix64) {
        if friend != nil {
            writer.say(StoryTemplates.goTogether, random: &random)
            writer.say(StoryTemplates.bring, random: &random)
        } else {
            writer.say(StoryTemplates.stormGoAlone, random: &random)
        }
        writer.say(StoryTemplates.stormClouds, random: &random)
        writer.say(StoryTemplates.stormWeather, random: &random)
        writer.say(StoryTemplates.stormFear, random: &random)
        if friend != nil {
            writer.say(StoryTemplates.stormHideTogether, random: &random)
            writer.maybeSay(StoryTemplates.stormComfort, probability: 0.5, random: &random)
        } else {
            writer.say(StoryTemplates.stormHideAlone, random: &random)
        }
        if happy {
            writer.say(StoryTemplates.stormOver, random: &random)
            writer.maybeSay(StoryTemplates.stormSun, probability: 0.5, random: &random)
            writer.say(StoryTemplates.stormKept, random: &random)
        } else {
            heroKeepsObject = false
            writer.say(StoryTemplates.stormTaken, random: &random)
            writer.maybeSay(StoryTemplates.stormNeverAgain, probability: 0.5, random: &random)
        }
    }

    private mutating func writeSharing(random: inout SplitMix64) {
        writer.say(StoryTemplates.sharePlay, random: &random)
        writer.say(StoryTemplates.bring, random: &random)
        writer.say(StoryTemplates.shareWant, random: &random)
        if happy {
            writer.say(StoryTemplates.shareYes, random: &random)
            writer.say(StoryTemplates.shareTogether, random: &random)
        } else {
            writer.say(StoryTemplates.shareNo, random: &random)
            writer.say(StoryTemplates.shareLeave, random: &random)
            writer.say(StoryTemplates.shareAlone, random: &random)
        }
    }
}
