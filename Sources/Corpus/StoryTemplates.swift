// MARK: - The sentence templates: the grammar's data

/// A named set of alternative sentence templates: one step of a story.
///
/// In the printed grammar a group is a rule, `<lost.loss> ::= … | …`; the generator
/// says one of its templates, chosen uniformly.
struct TemplateGroup: Sendable {
    /// The rule's name, e.g. "lost.loss".
    let name: String
    /// The alternatives.
    let templates: [SentenceTemplate]

    init(_ name: String, _ texts: [String]) {
        self.name = name
        self.templates = texts.map(SentenceTemplate.init)
    }
}

/// Every sentence the story world can say, grouped by the step of the story it tells.
///
/// Slots are `{class}` or `{class:role}`; see `WordClass` and `StoryRole`. The list of all
/// groups, `StoryTemplates.all`, is the grammar the checker uses, so a template added here
/// is generated and accepted at once.
enum StoryTemplates {
    // MARK: - Beginning

    static let introduction = TemplateGroup(
        "introduction",
        [
            "Once upon a time, there was a {trait} {kind:hero} named {name:hero}.",
            "Once upon a time, a {trait} {kind:hero} named {name:hero} lived in a little house.",
            "There was once a {trait} {kind:hero} named {name:hero}.",
        ])
    static let possession = TemplateGroup(
        "possession",
        [
            "{who:hero} had a {adj} {thing}.",
            "{name:hero} loved {his:hero} {adj} {thing}.",
            "Every day, {he:hero} played with {his:hero} {adj} {thing}.",
            "{name:hero} had a {adj} {thing} that {he:hero} loved very much.",
        ])
    static let friendIntroduction = TemplateGroup(
        "friend",
        [
            "{who:hero} had a friend, a {kind:friend} named {name:friend}.",
            "{name:hero} had a best friend, a {trait} {kind:friend} named {name:friend}.",
            "{who:hero} played every day with a {trait} {kind:friend} named {name:friend}.",
        ])
    /// The object again, in stories whose middle takes it somewhere.
    static let bring = TemplateGroup(
        "bring",
        [
            "{who:hero} brought {his:hero} {adj} {thing}.",
            "{name:hero} took {his:hero} {adj} {thing} too.",
        ])

    // MARK: - A lost thing

    static let lostGoAlone = TemplateGroup(
        "lost.go-alone",
        [
            "{opener}, {who:hero} went to the {place}.",
            "{opener}, {who:hero} took the {thing} to the {place}.",
        ])
    static let goTogether = TemplateGroup(
        "go-together",
        [
            "{opener}, {name:hero} and {name:friend} went to the {place}."
        ])
    static let lostFunAlone = TemplateGroup(
        "lost.fun-alone",
        [
            "{he:hero} {activity} and {activity}.",
            "{who:hero} saw a {creature}.",
        ])
    static let lostFunTogether = TemplateGroup(
        "lost.fun-together",
        [
            "They {activity} and {activity}.",
            "They saw a {creature}.",
        ])
    static let ohNo = TemplateGroup(
        "oh-no",
        [
            "Oh no!"
        ])
    static let lostLoss = TemplateGroup(
        "lost.loss",
        [
            "{connector}, {who:hero} lost the {thing}.",
            "{who:hero} lost the {thing}.",
            "{connector}, {he:hero} could not find {his:hero} {thing}.",
            "The {adj} {thing} was gone.",
        ])
    static let lostFeeling = TemplateGroup(
        "lost.feeling",
        [
            "{who:hero} was very {fear}.",
            "{who:hero} felt {bad}.",
            "{who:hero} started to cry.",
        ])
    static let lostSearchAlone = TemplateGroup(
        "lost.search-alone",
        [
            "{who:hero} looked for it under the {shelter}.",
            "{who:hero} looked everywhere.",
        ])
    static let lostSearchTogether = TemplateGroup(
        "lost.search-together",
        [
            "{name:friend} helped {him:hero} look for it.",
            #"{name:friend} said, "I will help you!""#,
            "{name:hero} and {name:friend} looked everywhere.",
        ])
    static let lostFound = TemplateGroup(
        "lost.found",
        [
            "{connector}, {name:finder} found the {adj} {thing} under a {shelter}.",
            "At last, {name:finder} found the {thing} near a {shelter}.",
        ])
    static let thanks = TemplateGroup(
        "thanks",
        [
            #"{name:hero} said, "Thank you, {name:friend}!""#,
            "{name:hero} hugged {name:friend}.",
        ])
    static let lostHug = TemplateGroup(
        "lost.hug",
        [
            "{who:hero} hugged the {adj} {thing}."
        ])
    static let lostGoneAlone = TemplateGroup(
        "lost.gone-alone",
        [
            "{who:hero} looked and looked, but the {thing} was gone.",
            "{who:hero} never found the {adj} {thing}.",
        ])
    static let lostGoneTogether = TemplateGroup(
        "lost.gone-together",
        [
            "They looked and looked, but the {thing} was gone.",
            "They never found the {adj} {thing}.",
        ])

    // MARK: - A trip

    static let tripGo = TemplateGroup(
        "trip.go",
        [
            "{opener}, {name:hero} and {name:friend} went on a trip to the {place}.",
            "{opener}, {name:hero} took {name:friend} to the {place}.",
        ])
    static let tripFun = TemplateGroup(
        "trip.fun",
        [
            "They saw a {creature}.",
            "They {activity} and {activity}.",
            "They ate {food}.",
            "{name:friend} saw a {creature} and laughed.",
        ])
    static let tripGoodTime = TemplateGroup(
        "trip.good-time",
        [
            "They had a lot of fun.",
            "The sun was warm and the sky was blue.",
        ])
    static let tripHome = TemplateGroup(
        "trip.home",
        [
            "When it got dark, they went home.",
            "Later, they walked home together.",
        ])
    static let tripThingLost = TemplateGroup(
        "trip.thing-lost",
        [
            "Then the {adj} {thing} fell into the water."
        ])
    static let tripFloatedAway = TemplateGroup(
        "trip.floated-away",
        [
            "It floated away."
        ])
    static let tripMishap = TemplateGroup(
        "trip.mishap",
        [
            "Then {name:friend} fell and hurt {his:friend} leg.",
            "Then it started to rain.",
        ])
    static let tripHomeEarly = TemplateGroup(
        "trip.home-early",
        [
            "They had to go home early."
        ])

    // MARK: - A friend who helps

    static let helpPlay = TemplateGroup(
        "help.play",
        [
            "{opener}, {who:hero} played with the {thing} at the {place}.",
            "{opener}, {who:hero} took {his:hero} {thing} to the {place}.",
        ])
    static let helpStuck = TemplateGroup(
        "help.stuck",
        [
            "The {thing} got stuck in a tall tree.",
            "The {thing} fell into a deep hole.",
            "The {thing} rolled under a big rock.",
        ])
    static let helpReach = TemplateGroup(
        "help.reach",
        [
            "{who:hero} could not reach it.",
            "{who:hero} tried, but {he:hero} could not get it.",
        ])
    static let helpFeeling = TemplateGroup(
        "help.feeling",
        [
            "{who:hero} was {bad}.",
            "{who:hero} started to cry.",
        ])
    static let helpArriveKnown = TemplateGroup(
        "help.arrive-known",
        [
            "{name:friend} saw {him:hero} and came to help.",
            "{connector}, {name:friend} came by.",
        ])
    static let helpArriveNew = TemplateGroup(
        "help.arrive-new",
        [
            "Then a {kind:friend} named {name:friend} came by.",
            "{connector}, a {trait} {kind:friend} named {name:friend} came by.",
        ])
    static let helpAsk = TemplateGroup(
        "help.ask",
        [
            #"{name:friend} asked, "Why are you sad?""#,
            #"{name:friend} asked, "Can I help you?""#,
        ])
    static let helpRescue = TemplateGroup(
        "help.rescue",
        [
            "{name:friend} used a long stick and got the {thing}.",
            "{name:friend} climbed up and got the {thing}.",
            "{name:friend} pulled hard and got the {thing} out.",
        ])
    static let helpBestFriends = TemplateGroup(
        "help.best-friends",
        [
            "From that day on, they were best friends."
        ])
    static let helpFail = TemplateGroup(
        "help.fail",
        [
            "{name:friend} tried to help, but {he:friend} could not reach it.",
            "{name:friend} tried and tried, but the {thing} did not move.",
        ])
    static let helpLeave = TemplateGroup(
        "help.leave",
        [
            "{who:hero} had to go home without the {thing}.",
            "The {thing} stayed there forever.",
        ])

    // MARK: - A storm

    static let stormGoAlone = TemplateGroup(
        "storm.go-alone",
        [
            "{opener}, {who:hero} went to the {place} with {his:hero} {adj} {thing}."
        ])
    static let stormClouds = TemplateGroup(
        "storm.clouds",
        [
            "Suddenly, dark clouds came.",
            "Suddenly, the sky got dark.",
        ])
    static let stormWeather = TemplateGroup(
        "storm.weather",
        [
            "The wind blew hard.",
            "It started to rain.",
            "Thunder boomed!",
        ])
    static let stormFear = TemplateGroup(
        "storm.fear",
        [
            "{who:hero} was very {fear}.",
            #"{name:hero} shouted, "Help!""#,
        ])
    static let stormHideAlone = TemplateGroup(
        "storm.hide-alone",
        [
            "{who:hero} ran and hid under a {shelter}."
        ])
    static let stormHideTogether = TemplateGroup(
        "storm.hide-together",
        [
            "They ran and hid under a {shelter}."
        ])
    static let stormComfort = TemplateGroup(
        "storm.comfort",
        [
            "{name:friend} stayed close to {him:hero}."
        ])
    static let stormOver = TemplateGroup(
        "storm.over",
        [
            "Soon, the storm was over.",
            "After a while, the rain stopped.",
        ])
    static let stormSun = TemplateGroup(
        "storm.sun",
        [
            "The sun came out again."
        ])
    static let stormKept = TemplateGroup(
        "storm.kept",
        [
            "{who:hero} still had {his:hero} {adj} {thing}."
        ])
    static let stormTaken = TemplateGroup(
        "storm.taken",
        [
            "The wind took the {adj} {thing} away.",
            "The {adj} {thing} was lost in the storm.",
        ])
    static let stormNeverAgain = TemplateGroup(
        "storm.never-again",
        [
            "{who:hero} never saw it again."
        ])

    // MARK: - Sharing or a quarrel

    static let sharePlay = TemplateGroup(
        "share.play",
        [
            "{opener}, {name:hero} and {name:friend} played at the {place}.",
            "{opener}, {name:friend} came to the {place} to play with {name:hero}.",
        ])
    static let shareWant = TemplateGroup(
        "share.want",
        [
            "{name:friend} wanted to play with the {thing} too.",
            #"{name:friend} asked, "Can I play with your {thing}?""#,
        ])
    static let shareYes = TemplateGroup(
        "share.yes",
        [
            #"{name:hero} said, "Yes, we can play together!""#,
            "{name:hero} shared the {adj} {thing} with {name:friend}.",
        ])
    static let shareTogether = TemplateGroup(
        "share.together",
        [
            "They played with the {thing} all day.",
            "They took turns with the {thing}.",
        ])
    static let shareNo = TemplateGroup(
        "share.no",
        [
            #"{name:hero} said, "No, it is mine!""#,
            "{name:hero} did not want to share.",
        ])
    static let shareLeave = TemplateGroup(
        "share.leave",
        [
            "{name:friend} was {bad} and went home.",
            "{name:friend} felt {bad} and walked away.",
        ])
    static let shareAlone = TemplateGroup(
        "share.alone",
        [
            "{name:hero} played alone.",
            "{who:hero} sat alone with the {thing}.",
        ])

    // MARK: - Ending

    static let endingHappy = TemplateGroup(
        "ending.happy",
        [
            "In the end, {name:hero} was {good}.",
            "In the end, {name:hero} was very {good}.",
        ])
    static let endingSad = TemplateGroup(
        "ending.sad",
        [
            "In the end, {name:hero} was {bad}.",
            "In the end, {name:hero} was very {bad}.",
        ])

    // MARK: - All of them

    /// Every group, in the order the printed grammar lists them.
    static let all: [TemplateGroup] = [
        introduction, possession, friendIntroduction, bring, goTogether, ohNo, thanks,
        lostGoAlone, lostFunAlone, lostFunTogether, lostLoss, lostFeeling, lostSearchAlone,
        lostSearchTogether, lostFound, lostHug, lostGoneAlone, lostGoneTogether,
        tripGo, tripFun, tripGoodTime, tripHome, tripThingLost, tripFloatedAway, tripMishap, tripHomeEarly,
        helpPlay, helpStuck, helpReach, helpFeeling, helpArriveKnown, helpArriveNew, helpAsk,
        helpRescue, helpBestFriends, helpFail, helpLeave,
        stormGoAlone, stormClouds, stormWeather, stormFear, stormHideAlone, stormHideTogether,
        stormComfort, stormOver, stormSun, stormKept, stormTaken, stormNeverAgain,
        sharePlay, shareWant, shareYes, shareTogether, shareNo, shareLeave, shareAlone,
        endingHappy, endingSad,
    ]

    /// Every distinct template once, for the checker.
    static let distinctTemplates: [SentenceTemplate] = {
        var seen: Set<[SentenceTemplate.Element]> = []
        return all.flatMap(\.templates).filter { seen.insert($0.elements).inserted }
    }()
}
