using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using static BackCare.Clinical.Tests.TestCases;

namespace BackCare.Clinical.Tests.Contract;

/// <summary>
/// The writer copies each reason and plan step in as JSON rendered once; these check that what it writes
/// still says exactly what the result holds, the first time and every time after, compact or indented.
/// </summary>
public class ResultWriterTests
{
    [Theory]
    [InlineData(34, """{"onset_days":1,"trigger":"lifting","pain_score":7,"pain_region":"lower","course":"unchanged"}""", "self_care")]
    [InlineData(45, """{"weight_loss":true,"saddle_numbness":true,"pain_score":5}""", "emergency")]
    [InlineData(72, """{"onset_days":3,"pain_score":6,"kidney_disease":true,"stomach_ulcer_or_bleeding":true,"night_pain":true}""", "routine")]
    [InlineData(30, """{"fever":true,"pain_score":8}""", "urgent")]
    public void Given_a_result_When_written_twice_Then_both_say_exactly_what_the_result_holds(int age, string findings, string disposition)
    {
        var result = Assess(age, findings) with { Id = "case \"7\" – é" };

        var first = Write(result, indented: false);
        var second = Write(result, indented: false);

        second.ShouldBe(first);
        using var json = JsonDocument.Parse(first);
        json.RootElement.GetProperty("disposition").GetString().ShouldBe(disposition);
        ShouldHold(json.RootElement, result);
    }

    [Fact]
    public void Given_an_indented_writer_When_a_result_is_written_Then_it_is_indented_and_says_the_same()
    {
        var result = Assess(34, """{"onset_days":1,"trigger":"lifting","pain_score":7,"course":"unchanged"}""");
        Write(result, indented: false);

        var indented = Write(result, indented: true);

        indented.ShouldContain("\n      \"rule\": ");
        using var json = JsonDocument.Parse(indented);
        ShouldHold(json.RootElement, result);
    }

    private static void ShouldHold(JsonElement root, AssessmentResult result)
    {
        root.GetProperty("id").GetString().ShouldBe(result.Id);
        root.GetProperty("disposition").GetString().ShouldBe(result.Disposition.WireName());
        root.GetProperty("red_flags").EnumerateArray().Select(f => f.GetString()).ShouldBe(result.RedFlags.Select(f => f.Key()));
        root.GetProperty("reasons").EnumerateArray()
            .Select(r => new Reason(r.GetProperty("rule").GetString()!, r.GetProperty("text").GetString()!, r.GetProperty("source").GetString()!))
            .ShouldBe(result.Reasons);
        if (result.Plan is null)
        {
            root.TryGetProperty("plan", out _).ShouldBeFalse();
            return;
        }

        var plan = root.GetProperty("plan");
        plan.GetProperty("steps").EnumerateArray()
            .Select(s => new PlanStep(s.GetProperty("day").GetInt32(), s.GetProperty("text").GetString()!, s.GetProperty("source").GetString()!))
            .ShouldBe(result.Plan.Steps);
        plan.GetProperty("medication_classes").EnumerateArray().Select(c => c.GetString()).ShouldBe(result.Plan.MedicationClasses.Select(c => c.WireName()));
        plan.GetProperty("avoid_classes").EnumerateArray().Select(c => c.GetString()).ShouldBe(result.Plan.AvoidClasses.Select(c => c.WireName()));
        plan.GetProperty("review_after_days").GetInt32().ShouldBe(result.Plan.ReviewAfterDays);
        result.Plan.Steps.Count.ShouldBeGreaterThan(0);
    }

    private static string Write(AssessmentResult result, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ResultWriter.Write(writer, result);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
