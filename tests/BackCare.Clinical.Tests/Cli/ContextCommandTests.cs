using System.Text.Json;
using BackCare.Cli;
using BackCare.Clinical.Language;

namespace BackCare.Clinical.Tests.Cli;

public class ContextCommandTests
{
    [Theory]
    [InlineData("""{"id":"a","text":"Denies fever, chills or weight loss.","target":"weight loss"}""", "a", true, "recent", "patient")]
    [InlineData("""{"id":"b","text":"Family history of colon cancer.","target":"colon cancer"}""", "b", false, "recent", "other")]
    [InlineData("""{"id":"c","text":"History of cerebrovascular accident.","target":"cerebrovascular accident"}""", "c", false, "historical", "patient")]
    [InlineData("""{"id":"d","text":"Call if you develop numbness.","target":"numbness"}""", "d", false, "hypothetical", "patient")]
    [InlineData("""{"text":"No fever.","target":"fever"}""", null, true, "recent", "patient")]
    public void Given_a_good_line_When_judged_Then_one_line_with_exactly_the_four_fields(string line, string? id, bool negated, string temporality, string experiencer)
    {
        using var output = JsonDocument.Parse(ContextCommand.JudgeLine(ContextEngine.Default, line));
        var root = output.RootElement;

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "negated", "temporality", "experiencer"]);
        (root.GetProperty("id").ValueKind == JsonValueKind.Null ? null : root.GetProperty("id").GetString()).ShouldBe(id);
        root.GetProperty("negated").GetBoolean().ShouldBe(negated);
        root.GetProperty("temporality").GetString().ShouldBe(temporality);
        root.GetProperty("experiencer").GetString().ShouldBe(experiencer);
    }

    [Theory]
    [InlineData("""{"id":"a","text":"No fever.""", null, "not valid JSON")]
    [InlineData("""["No fever.","fever"]""", null, "JSON object")]
    [InlineData("""{"id":"a","target":"fever"}""", "a", "text: is required")]
    [InlineData("""{"id":"a","text":"No fever."}""", "a", "target: is required")]
    [InlineData("""{"id":"a","text":7,"target":"fever"}""", "a", "text: must be a string")]
    [InlineData("""{"id":"a","text":"No fever.","target":null}""", "a", "target: must be a string")]
    [InlineData("""{"id":7,"text":"No fever.","target":"fever"}""", null, "id: must be a string")]
    public void Given_a_bad_line_When_judged_Then_an_error_line_names_the_field(string line, string? id, string message)
    {
        using var output = JsonDocument.Parse(ContextCommand.JudgeLine(ContextEngine.Default, line));
        var root = output.RootElement;

        root.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "error"]);
        (root.GetProperty("id").ValueKind == JsonValueKind.Null ? null : root.GetProperty("id").GetString()).ShouldBe(id);
        root.GetProperty("error").GetString()!.ShouldContain(message);
    }

    [Fact]
    public void Given_good_and_bad_lines_When_run_Then_every_line_is_answered_in_order()
    {
        var input = new StringReader("""
            {"id":"1","text":"No fever.","target":"fever"}
            not json

            {"id":"3","text":"My mother had cancer.","target":"cancer"}
            {"id":"4","text":"Fever.","target":3}
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ContextCommand.Run("-", ContextEngine.Default, input, output, error);

        exit.ShouldBe(0);
        error.ToString().ShouldBeEmpty();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        lines[0].ShouldBe("""{"id":"1","negated":true,"temporality":"recent","experiencer":"patient"}""");
        lines[1].ShouldContain("\"error\":\"$: not valid JSON");
        lines[2].ShouldBe("""{"id":"3","negated":false,"temporality":"recent","experiencer":"other"}""");
        lines[3].ShouldStartWith("""{"id":"4","error":"target: must be a string""");
    }

    [Fact]
    public void Given_a_missing_file_When_run_Then_it_says_so_and_exits_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ContextCommand.Run("/nonexistent/context.jsonl", ContextEngine.Default, TextReader.Null, output, error);

        exit.ShouldBe(2);
        output.ToString().ShouldBeEmpty();
        error.ToString().ShouldContain("cannot read /nonexistent/context.jsonl");
    }
}
