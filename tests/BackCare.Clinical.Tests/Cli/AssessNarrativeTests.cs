using System.Text.Json;
using BackCare.Cli;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Clinical.Tests.Contract;

namespace BackCare.Clinical.Tests.Cli;

/// <summary>The contract's narrative cases through <c>backcare assess</c>: the same answers as the library, one line per case.</summary>
public class AssessNarrativeTests
{
    private const string Readable = "I lifted a box yesterday and my lower back hurts, pain 6 out of 10.";
    private static readonly Assessor Engine = new(NarrativeReader.Default);

    private static JsonElement[] Run(params string[] lines)
    {
        var output = new StringWriter();
        AssessCommand.Run("-", Engine, new StringReader(string.Join('\n', lines)), output, new StringWriter()).ShouldBe(0);
        return [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    private static string Case(string id, string narrative, string extra = "") =>
        JsonSerializer.Serialize(new { id, age = 40, narrative }).TrimEnd('}') + extra + "}";

    public static TheoryData<string, string> Unreadable() => NarrativeContractTests.Unreadable();

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Given_an_unreadable_narrative_between_two_readable_ones_When_assessed_Then_its_line_is_an_error_naming_narrative_and_the_others_are_assessed(string narrative, string message)
    {
        var results = Run(Case("a", Readable), Case("u", narrative), Case("b", Readable));

        results.Length.ShouldBe(3);
        results[0].GetProperty("disposition").GetString().ShouldNotBeNull();
        results[1].EnumerateObject().Select(p => p.Name).ShouldBe(["id", "error"]);
        results[1].GetProperty("id").GetString().ShouldBe("u");
        results[1].GetProperty("error").GetString().ShouldBe("narrative: " + message);
        results[2].GetProperty("disposition").GetString().ShouldNotBeNull();
    }

    [Theory]
    [InlineData(", \"writer\":\"self\"", "self")]
    [InlineData(", \"writer\":\"other\"", "other")]
    [InlineData("", "self")]
    public void Given_a_writer_given_or_not_When_assessed_Then_the_line_ends_with_read_naming_the_writer(string extra, string writer)
    {
        var result = Run(Case("w", Readable, extra)).Single();

        result.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "disposition", "red_flags", "reasons", "plan", "read"]);
        result.GetProperty("read").GetProperty("writer").GetString().ShouldBe(writer);
        result.GetProperty("read").EnumerateObject().Select(p => p.Name).ShouldBe(["writer", "unasked"]);
    }

    [Fact]
    public void Given_a_box_lifted_with_no_fever_and_fine_legs_When_assessed_Then_unasked_lists_the_rest_in_the_contracts_order_as_the_library_does()
    {
        const string narrative = "I lifted a box yesterday, no fever, legs fine";
        var line = Case("o", narrative);

        var unasked = Run(line).Single().GetProperty("read").GetProperty("unasked").EnumerateArray().Select(e => e.GetString()!).ToList();

        unasked.ShouldNotContain("fever");
        unasked.Take(2).ShouldBe(["bladder_dysfunction", "bowel_incontinence"]);
        unasked.ShouldBe(Engine.Assess(CaseReader.Read(line).Case!).Read!.Unasked.Select(c => c.Key()));
    }

    [Fact]
    public void Given_a_case_with_findings_and_a_narrative_When_assessed_Then_there_is_no_read_object()
    {
        var result = Run("""{"id":"f","age":40,"narrative":"me duele la espalda","findings":{"onset_days":1}}""").Single();

        result.TryGetProperty("read", out _).ShouldBeFalse();
        result.GetProperty("disposition").GetString().ShouldBe("self_care");
    }

    [Theory]
    [InlineData(NarrativeLimits.MaxLength, null)]
    [InlineData(NarrativeLimits.MaxLength + 1, "narrative: is longer than 10,000 characters, more than BackCare reads; shorten it or answer the questions instead")]
    public void Given_a_narrative_of_10000_or_10001_characters_When_assessed_Then_only_the_longer_is_an_error(int length, string? error)
    {
        var result = Run(Case("l", Readable + new string(' ', length - Readable.Length))).Single();

        if (error is null)
        {
            result.GetProperty("disposition").GetString().ShouldNotBeNull();
        }
        else
        {
            result.GetProperty("error").GetString().ShouldBe(error);
        }
    }

    [Theory]
    [InlineData(", \"language\":\"es\"", "language: BackCare cannot assess Spanish yet; use en")]
    [InlineData(", \"language\":\"xx\"", "language: must be en (got \"xx\")")]
    [InlineData(", \"writer\":\"carer\"", "writer: must be self (the person with the back pain wrote it) or other (someone writing about them) (got \"carer\")")]
    public void Given_a_bad_language_or_writer_When_assessed_Then_the_line_is_an_error_naming_it(string extra, string error)
    {
        Run(Case("x", Readable, extra)).Single().GetProperty("error").GetString().ShouldBe(error);
    }

    [Theory]
    [InlineData("me duele mucho la espalda")]
    [InlineData("😭😭😭")]
    [InlineData(Readable)]
    public void Given_a_narrative_When_assessed_by_the_command_line_Then_the_line_is_the_librarys_outcome_written_by_ResultWriter(string narrative)
    {
        var line = Case("s", narrative, ", \"writer\":\"other\"");

        AssessCommand.AssessLine(Engine, line).ShouldBe(ResultWriter.ToJson(Engine.Evaluate(CaseReader.Read(line).Case!)));
    }
}
