using System.Text;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Language;

/// <summary>The engine's rules for scope, on small cue lists of their own, apart from the English lists.</summary>
public class CueSetTests
{
    private static readonly ContextEngine Engine = new(CueSet.Load(Json("""
        {
          "windows": { "negation": 3 },
          "groups": [
            { "kind": "negation", "direction": "forward", "cues": ["nope"] },
            { "kind": "negation", "direction": "backward", "window": 1, "cues": ["gone"] },
            { "kind": "negation", "direction": "forward", "window": 0, "cues": ["denies"] },
            { "kind": "pseudo", "cues": ["nope nope"] },
            { "kind": "termination", "cues": ["but"] },
            { "kind": "termination", "ends": ["historical"], "cues": ["now"] },
            { "kind": "termination", "ends": ["negation"], "direction": "forward", "cues": [":"] },
            { "kind": "historical", "direction": "forward", "cues": ["before"] },
            { "kind": "hypothetical", "direction": "forward", "cues": ["if"] },
            { "kind": "other-experiencer", "direction": "both", "window": 2, "cues": ["aunt"] },
            { "kind": "uncertainty", "direction": "backward", "window": 1, "cues": ["?"] }
          ]
        }
        """)));

    [Theory]
    [InlineData("nope red itch", "itch", true)]
    [InlineData("nope red hot dry itch", "itch", true)]
    [InlineData("nope red hot dry sore itch", "itch", false)]
    [InlineData("denies red hot dry sore swollen itch", "itch", true)]
    [InlineData("itch nope", "itch", false)]
    [InlineData("itch gone", "itch", true)]
    [InlineData("itch red gone", "itch", true)]
    [InlineData("itch red hot gone", "itch", false)]
    [InlineData("nope fever but itch", "itch", false)]
    [InlineData("nope nope itch", "itch", false)]
    [InlineData("nope: itch", "itch", false)]
    [InlineData("itch: gone", "itch", true)]
    [InlineData("nope now itch", "itch", true)]
    [InlineData("NOPE itch", "itch", true)]
    public void Given_small_cue_lists_When_judged_Then_windows_directions_and_terminations_hold(string sentence, string target, bool negated)
    {
        Engine.Judge(sentence, target).Negated.ShouldBe(negated);
    }

    [Theory]
    [InlineData("before rash", Temporality.Historical)]
    [InlineData("before now rash", Temporality.Recent)]
    [InlineData("before if rash", Temporality.Hypothetical)]
    [InlineData("rash", Temporality.Recent)]
    public void Given_small_cue_lists_When_judged_Then_hypothetical_outranks_historical(string sentence, Temporality temporality)
    {
        Engine.Judge(sentence, "rash").Temporality.ShouldBe(temporality);
    }

    [Theory]
    [InlineData("aunt has rash", Experiencer.Other)]
    [InlineData("rash in aunt", Experiencer.Other)]
    [InlineData("aunt said she saw a rash", Experiencer.Patient)]
    public void Given_small_cue_lists_When_judged_Then_the_experiencer_window_holds(string sentence, Experiencer experiencer)
    {
        Engine.Judge(sentence, "rash").Experiencer.ShouldBe(experiencer);
    }

    [Fact]
    public void Given_a_hedge_and_a_denial_When_judged_Then_it_is_uncertain_and_not_denied()
    {
        var judgement = Engine.Judge("nope rash ?", "rash");

        judgement.Uncertain.ShouldBeTrue();
        judgement.Negated.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{ "windows": {}, "groups": [ { "kind": "denial", "cues": ["no"] } ] }""", "denial")]
    [InlineData("""{ "windows": {}, "groups": [ { "kind": "negation", "direction": "sideways", "cues": ["no"] } ] }""", "sideways")]
    [InlineData("""{ "windows": {}, "groups": [ { "kind": "negation", "cues": ["   "] } ] }""", "has no words")]
    public void Given_bad_cue_lists_When_loaded_Then_the_mistake_is_named(string json, string named)
    {
        Should.Throw<InvalidOperationException>(() => CueSet.Load(Json(json))).Message.ShouldContain(named);
    }

    [Theory]
    [InlineData("nope itch", true)]
    [InlineData("nope really itch", true)]
    [InlineData("aunt's itch", false)]
    public void Given_cues_only_the_narrative_reader_uses_When_the_engine_judges_Then_they_neither_fire_nor_hide_its_own(string sentence, bool negated)
    {
        var engine = new ContextEngine(CueSet.Load(Json("""
            {
              "windows": { "negation": 3 },
              "groups": [
                { "kind": "negation", "direction": "forward", "cues": ["nope"] },
                { "kind": "other-experiencer", "direction": "both", "window": 2, "cues": ["aunt"] },
                { "narrative": "pseudo", "cues": ["nope really"] },
                { "narrative": "other-person", "cues": ["aunt's"] },
                { "narrative": "negation-before", "cues": ["itch"] }
              ]
            }
            """)));

        var judgement = engine.Judge(sentence, "itch");

        judgement.Negated.ShouldBe(negated);
        judgement.Experiencer.ShouldBe(sentence.StartsWith("aunt", StringComparison.Ordinal) ? Experiencer.Other : Experiencer.Patient);
    }

    [Fact]
    public void Given_the_English_cue_list_When_the_narrative_reader_matches_it_Then_it_finds_every_role_it_judges_by()
    {
        var tokens = NarrativeText.Tokenize(
            "I think my mum used to say it runs in the family, if it started with back pain, ibuprofen, no, it's fine, "
            + "I don't think so, I didn't realise.");
        var found = new List<PhraseMatch>();

        Lexicon.Default.Cues.FindAll(tokens, found);

        found.Select(cue => (NarrativeCue)cue.Payload).Distinct().ShouldBe(Enum.GetValues<NarrativeCue>(), ignoreOrder: true);
        Lexicon.Default.Cues.LinkWords.ShouldContain("is");
    }

    [Fact]
    public void Given_a_cue_group_with_neither_kind_nor_role_When_loaded_Then_the_mistake_is_named()
    {
        var json = """{ "windows": {}, "groups": [ { "cues": ["no"] } ] }""";

        Should.Throw<InvalidOperationException>(() => CueSet.Load(Json(json))).Message.ShouldContain("narrative role");
    }

    [Fact]
    public void Given_one_narrative_role_with_two_reaches_When_loaded_Then_the_mistake_is_named()
    {
        var json = """
            { "windows": {}, "groups": [
              { "narrative": "negation-before", "direction": "forward", "window": 7, "cues": ["no"] },
              { "narrative": "negation-before", "direction": "forward", "window": 3, "cues": ["not"] } ] }
            """;

        Should.Throw<InvalidOperationException>(() => CueSet.Load(Json(json))).Message.ShouldContain("two different reaches");
    }

    [Fact]
    public void Given_the_English_cue_list_When_loaded_Then_the_narrative_reader_s_windows_come_from_it()
    {
        CueSet.English.Reach(NarrativeCue.NegationBefore).ShouldBe(new NarrativeReach(CueDirection.Forward, 7, 7));
        CueSet.English.Reach(NarrativeCue.Uncertain).ShouldBe(new NarrativeReach(CueDirection.Both, 9, 5));
        CueSet.English.Reach(NarrativeCue.Hypothetical).ShouldBe(new NarrativeReach(CueDirection.Forward, int.MaxValue, int.MaxValue));
    }

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));
}
