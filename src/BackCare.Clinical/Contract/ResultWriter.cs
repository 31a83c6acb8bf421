using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Contract;

/// <summary>Writes results (and per-case errors) as the contract's JSON, one object per call.</summary>
public static class ResultWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // Names and the engine's fixed texts are escaped once: reasons and plan steps are shared instances,
    // so their escaped forms are kept beside them (keyed by reference, not by hashing the text).
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText DispositionName = JsonEncodedText.Encode("disposition");
    private static readonly JsonEncodedText RedFlagsName = JsonEncodedText.Encode("red_flags");
    private static readonly JsonEncodedText ReasonsName = JsonEncodedText.Encode("reasons");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText PlanName = JsonEncodedText.Encode("plan");
    private static readonly JsonEncodedText MedicationClassesName = JsonEncodedText.Encode("medication_classes");
    private static readonly JsonEncodedText AvoidClassesName = JsonEncodedText.Encode("avoid_classes");
    private static readonly JsonEncodedText StepsName = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText DayName = JsonEncodedText.Encode("day");
    private static readonly JsonEncodedText ReviewAfterDaysName = JsonEncodedText.Encode("review_after_days");
    private static readonly JsonEncodedText[] Dispositions = Enum.GetValues<Disposition>().Select(d => JsonEncodedText.Encode(d.WireName())).ToArray();
    private static readonly JsonEncodedText[] Classes = Enum.GetValues<MedicationClass>().Select(c => JsonEncodedText.Encode(c.WireName())).ToArray();
    private static readonly JsonEncodedText[] FindingKeys = FindingCatalog.All.Select(d => JsonEncodedText.Encode(d.Key)).ToArray();
    private static readonly ConditionalWeakTable<Reason, EncodedTexts> EncodedReasons = new();
    private static readonly ConditionalWeakTable<PlanStep, EncodedTexts> EncodedSteps = new();

    private sealed record EncodedTexts(JsonEncodedText First, JsonEncodedText Text, JsonEncodedText Source);

    public static string ToJson(AssessmentResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, result);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string ErrorJson(string? id, string error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            WriteId(writer, id);
            writer.WriteString("error", error);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, AssessmentResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        WriteId(writer, result.Id);
        writer.WriteString(DispositionName, Dispositions[(int)result.Disposition]);
        writer.WriteStartArray(RedFlagsName);
        foreach (var flag in result.RedFlags)
        {
            writer.WriteStringValue(FindingKeys[(int)flag]);
        }

        writer.WriteEndArray();
        writer.WriteStartArray(ReasonsName);
        foreach (var reason in result.Reasons)
        {
            var encoded = EncodedReasons.GetValue(reason, static r => new EncodedTexts(
                JsonEncodedText.Encode(r.Rule, Options.Encoder), JsonEncodedText.Encode(r.Text, Options.Encoder), JsonEncodedText.Encode(r.Source, Options.Encoder)));
            writer.WriteStartObject();
            writer.WriteString(RuleName, encoded.First);
            writer.WriteString(TextName, encoded.Text);
            writer.WriteString(SourceName, encoded.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (result.Plan is { } plan)
        {
            writer.WriteStartObject(PlanName);
            WriteClasses(writer, MedicationClassesName, plan.MedicationClasses);
            WriteClasses(writer, AvoidClassesName, plan.AvoidClasses);
            writer.WriteStartArray(StepsName);
            foreach (var step in plan.Steps)
            {
                var encoded = EncodedSteps.GetValue(step, static s => new EncodedTexts(
                    default, JsonEncodedText.Encode(s.Text, Options.Encoder), JsonEncodedText.Encode(s.Source, Options.Encoder)));
                writer.WriteStartObject();
                writer.WriteNumber(DayName, step.Day);
                writer.WriteString(TextName, encoded.Text);
                writer.WriteString(SourceName, encoded.Source);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber(ReviewAfterDaysName, plan.ReviewAfterDays);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes findings as the contract's <c>findings</c> object (used to show what a narrative was read as).</summary>
    public static void WriteFindings(Utf8JsonWriter writer, FindingSet findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(findings);
        writer.WriteStartObject();
        foreach (var code in findings.AnsweredCodes())
        {
            switch (findings.ValueOf(code))
            {
                case bool flag: writer.WriteBoolean(code.Key(), flag); break;
                case string text: writer.WriteString(code.Key(), text); break;
                case int whole: writer.WriteNumber(code.Key(), whole); break;
                case double number: writer.WriteNumber(code.Key(), number); break;
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteClasses(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<MedicationClass> classes)
    {
        writer.WriteStartArray(name);
        foreach (var medicationClass in classes)
        {
            writer.WriteStringValue(Classes[(int)medicationClass]);
        }

        writer.WriteEndArray();
    }

    private static void WriteId(Utf8JsonWriter writer, string? id)
    {
        if (id is null)
        {
            writer.WriteNull(IdName);
        }
        else
        {
            writer.WriteString(IdName, id);
        }
    }
}
