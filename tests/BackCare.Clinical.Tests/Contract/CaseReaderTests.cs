using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Tests.Contract;

public class CaseReaderTests
{
    [Theory]
    [InlineData("""{"id":"a","findings":{}}""", "age", "is required")]
    [InlineData("""{"id":"a","age":"41","findings":{}}""", "age", "whole number from 0 to 120")]
    [InlineData("""{"id":"a","age":121,"findings":{}}""", "age", "whole number from 0 to 120")]
    [InlineData("""{"id":"a","age":-1,"findings":{}}""", "age", "whole number from 0 to 120")]
    [InlineData("""{"id":"a","age":41.5,"findings":{}}""", "age", "whole number")]
    [InlineData("""{"id":"a","age":41,"sex":"woman","findings":{}}""", "sex", "must be one of female, male, other")]
    [InlineData("""{"id":"a","age":41,"findings":{"feverish":true}}""", "findings.feverish", "unknown finding code")]
    [InlineData("""{"id":"a","age":41,"findings":{"fever":"yes"}}""", "findings.fever", "must be true or false")]
    [InlineData("""{"id":"a","age":41,"findings":{"fever":1}}""", "findings.fever", "must be true or false")]
    [InlineData("""{"id":"a","age":41,"findings":{"fever":null}}""", "findings.fever", "must be true or false")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":11}}""", "findings.pain_score", "from 0 to 10")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":-1}}""", "findings.pain_score", "from 0 to 10")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":6.5}}""", "findings.pain_score", "whole number")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_score":"7"}}""", "findings.pain_score", "whole number")]
    [InlineData("""{"id":"a","age":41,"findings":{"onset_days":-2}}""", "findings.onset_days", "0 or more")]
    [InlineData("""{"id":"a","age":41,"findings":{"previous_episodes":1.5}}""", "findings.previous_episodes", "whole number")]
    [InlineData("""{"id":"a","age":41,"findings":{"onset_days":1e400}}""", "findings.onset_days", "0 or more")]
    [InlineData("""{"id":"a","age":1e400,"findings":{}}""", "age", "whole number from 0 to 120")]
    [InlineData("""{"id":"a","age":41,"findings":{"previous_episodes":1e12}}""", "findings.previous_episodes", "whole number from 0 to")]
    [InlineData("""{"id":"a","age":41,"findings":{"self_care_days":true}}""", "findings.self_care_days", "a number of 0 or more")]
    [InlineData("""{"id":"a","age":41,"findings":{"trigger":"falling"}}""", "findings.trigger", "must be one of lifting")]
    [InlineData("""{"id":"a","age":41,"findings":{"course":3}}""", "findings.course", "must be one of improving")]
    [InlineData("""{"id":"a","age":41,"findings":{"pain_region":"neck"}}""", "findings.pain_region", "must be one of lower")]
    [InlineData("""{"id":"a","age":41,"findings":[]}""", "findings", "must be an object")]
    [InlineData("""{"id":"a","age":41,"narrative":7}""", "narrative", "must be a string")]
    [InlineData("""{"id":7,"age":41,"findings":{}}""", "id", "must be a string")]
    [InlineData("""{"id":"a","age":41,"finding":{"fever":true}}""", "finding", "unknown field")]
    [InlineData("""{"id":"a","age":41}""", "findings", "findings or a narrative")]
    [InlineData("""{"id":"a","age":41,"language":"es","narrative":"me duele"}""", "language", "BackCare cannot assess Spanish yet; use en")]
    [InlineData("""{"id":"a","age":41,"language":"fr","narrative":"j'ai mal"}""", "language", "BackCare cannot assess French yet; use en")]
    [InlineData("""{"id":"a","age":41,"language":"english","narrative":"back pain"}""", "language", "must be en (got \"english\")")]
    [InlineData("""{"id":"a","age":41,"language":7,"narrative":"back pain"}""", "language", "must be en (got 7)")]
    [InlineData("""{"id":"a","age":41,"writer":"me","narrative":"back pain"}""", "writer", "must be self (the person with the back pain wrote it) or other")]
    [InlineData("""{"id":"a","age":41,"writer":"Self","narrative":"back pain"}""", "writer", "must be self")]
    [InlineData("""{"id":"a","age":41,"writer":true,"narrative":"back pain"}""", "writer", "must be self")]
    [InlineData("""[1,2]""", "$", "JSON object")]
    [InlineData("""{"id":"a","age":41,""", "$", "not valid JSON")]
    public void Given_a_bad_case_When_read_Then_the_error_names_the_field(string json, string field, string message)
    {
        var read = CaseReader.Read(json);

        read.IsValid.ShouldBeFalse();
        read.Errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_several_bad_fields_When_read_Then_each_is_named()
    {
        var read = CaseReader.Read("""{"id":"a","age":200,"findings":{"pain_score":12,"nope":true,"fever":"y"}}""");

        read.Errors.Select(e => e.Field).ShouldBe(["age", "findings.pain_score", "findings.nope", "findings.fever"], ignoreOrder: true);
        read.Id.ShouldBe("a");
    }

    [Fact]
    public void Given_a_full_case_When_read_Then_every_value_is_kept()
    {
        var read = CaseReader.Read("""
            {"id":"v1","age":41,"sex":"female","narrative":"hurt","findings":{"onset_days":2.5,"trigger":"cough_sneeze",
             "course":"worsening","pain_score":7,"pain_region":"middle","previous_episodes":2,"self_care_days":1,
             "sciatica":true,"fever":false}}
            """);

        read.IsValid.ShouldBeTrue(read.ErrorText);
        var c = read.Case!;
        c.Id.ShouldBe("v1");
        c.Age.ShouldBe(41);
        c.Sex.ShouldBe(Sex.Female);
        c.Narrative.ShouldBe("hurt");
        var f = c.Findings!;
        f.OnsetDays.ShouldBe(2.5);
        f.Trigger.ShouldBe(PainTrigger.CoughSneeze);
        f.Course.ShouldBe(PainCourse.Worsening);
        f.PainScore.ShouldBe(7);
        f.PainRegion.ShouldBe(BackRegion.Middle);
        f.PreviousEpisodes.ShouldBe(2);
        f.SelfCareDays.ShouldBe(1);
        f[FindingCode.Sciatica].ShouldBeTrue();
        f[FindingCode.Fever].ShouldBeFalse();
        f.IsAnswered(FindingCode.Fever).ShouldBeTrue();
        f.IsAnswered(FindingCode.ChestPain).ShouldBeFalse();
    }

    [Theory]
    [InlineData(", \"writer\":\"self\"", "self", "en")]
    [InlineData(", \"writer\":\"other\"", "other", "en")]
    [InlineData(", \"writer\":null", null, "en")]
    [InlineData(", \"language\":\"en\"", null, "en")]
    [InlineData("", null, "en")]
    public void Given_a_writer_and_a_language_or_none_When_read_Then_both_are_kept_on_the_case(string fields, string? writer, string language)
    {
        var read = CaseReader.Read($$"""{"id":"w","age":41,"narrative":"my back hurts"{{fields}}}""");

        read.IsValid.ShouldBeTrue(read.ErrorText);
        (read.Case!.Writer?.WireName()).ShouldBe(writer);
        read.Case.Language.ShouldBe(language);
    }

    [Theory]
    [InlineData(NarrativeLimits.MaxLength, true)]
    [InlineData(NarrativeLimits.MaxLength + 1, false)]
    public void Given_a_narrative_of_a_given_length_When_read_Then_more_than_10000_characters_is_an_error_naming_narrative(int length, bool valid)
    {
        var narrative = new string('a', length);

        var read = CaseReader.Read($$"""{"id":"l","age":41,"narrative":"{{narrative}}"}""");

        read.IsValid.ShouldBe(valid);
        if (!valid)
        {
            read.ErrorText.ShouldBe("narrative: is longer than 10,000 characters, more than BackCare reads; shorten it or answer the questions instead");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    public void Given_an_age_at_the_edge_of_the_range_When_read_Then_it_is_accepted(int age)
    {
        CaseReader.Read($$$"""{"age":{{{age}}},"findings":{}}""").IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Given_every_finding_code_When_listed_Then_each_has_a_question_and_a_label()
    {
        foreach (var definition in FindingCatalog.All)
        {
            definition.Question.ShouldNotBeNullOrWhiteSpace();
            definition.Label.ShouldNotBeNullOrWhiteSpace();
        }

        FindingCatalog.All.Count.ShouldBe(Enum.GetValues<FindingCode>().Length);
        FindingCatalog.All.Select((d, i) => (int)d.Code == i).ShouldAllBe(ok => ok);
    }
}
