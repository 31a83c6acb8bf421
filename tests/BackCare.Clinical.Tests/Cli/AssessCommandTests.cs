using System.Text.Json;
using BackCare.Cli;

namespace BackCare.Clinical.Tests.Cli;

public class AssessCommandTests
{
    private static (int Exit, string[] Lines, string Error) Run(string input, string path = "-")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = AssessCommand.Run(path, new Assessor(narrativeReader: null), new StringReader(input), output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    [Fact]
    public void Given_good_and_bad_lines_When_assessed_Then_each_gets_one_line_in_order_and_bad_ones_name_the_problem()
    {
        var input = string.Join('\n',
            """{"id":"a","age":30,"findings":{"chest_pain":true}}""",
            """{"id":"b","age":30,"findings":{"pain_score":11}}""",
            "this is not json",
            "",
            """{"id":"d","findings":{}}""",
            """{"id":"e","age":30,"findings":{"onset_days":2}}""");

        var (exit, lines, _) = Run(input);

        exit.ShouldBe(0);
        lines.Length.ShouldBe(5);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        results[0].GetProperty("id").GetString().ShouldBe("a");
        results[0].GetProperty("disposition").GetString().ShouldBe("emergency");
        results[1].GetProperty("id").GetString().ShouldBe("b");
        results[1].GetProperty("error").GetString()!.ShouldContain("findings.pain_score");
        results[2].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        results[2].GetProperty("error").GetString()!.ShouldContain("not valid JSON");
        results[3].GetProperty("id").GetString().ShouldBe("d");
        results[3].GetProperty("error").GetString()!.ShouldContain("age");
        results[4].GetProperty("disposition").GetString().ShouldBe("self_care");
    }

    [Fact]
    public void Given_a_home_care_case_When_assessed_Then_the_line_has_exactly_the_contract_fields()
    {
        var (_, lines, _) = Run("""{"id":"x","age":40,"sex":"male","findings":{"onset_days":1,"trigger":"lifting"}}""");

        var result = JsonDocument.Parse(lines.Single()).RootElement;
        result.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "disposition", "red_flags", "reasons", "plan"]);
        var plan = result.GetProperty("plan");
        plan.EnumerateObject().Select(p => p.Name).ShouldBe(["medication_classes", "avoid_classes", "steps", "review_after_days"]);
        plan.GetProperty("steps")[0].GetProperty("day").GetInt32().ShouldBe(0);
        result.GetProperty("reasons")[0].EnumerateObject().Select(p => p.Name).ShouldBe(["rule", "text", "source"]);
    }

    [Fact]
    public void Given_a_missing_file_When_assessed_Then_it_exits_with_an_error_and_writes_nothing_to_standard_output()
    {
        var (exit, lines, error) = Run("", "/nonexistent/cases.jsonl");

        exit.ShouldBe(2);
        lines.ShouldBeEmpty();
        error.ShouldContain("cannot read /nonexistent/cases.jsonl");
    }

    [Fact]
    public void Given_a_file_path_When_assessed_Then_the_file_is_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"id":"f","age":30,"findings":{"fever":true}}""" + "\n");

            var (exit, lines, _) = Run("", path);

            exit.ShouldBe(0);
            JsonDocument.Parse(lines.Single()).RootElement.GetProperty("disposition").GetString().ShouldBe("urgent");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
