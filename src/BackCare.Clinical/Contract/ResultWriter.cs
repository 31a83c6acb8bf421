using System.Buffers;
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
        writer.WriteString("disposition", result.Disposition.WireName());
        writer.WriteStartArray("red_flags");
        foreach (var flag in result.RedFlags)
        {
            writer.WriteStringValue(flag.Key());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("reasons");
        foreach (var reason in result.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", reason.Rule);
            writer.WriteString("text", reason.Text);
            writer.WriteString("source", reason.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (result.Plan is { } plan)
        {
            writer.WriteStartObject("plan");
            WriteClasses(writer, "medication_classes", plan.MedicationClasses);
            WriteClasses(writer, "avoid_classes", plan.AvoidClasses);
            writer.WriteStartArray("steps");
            foreach (var step in plan.Steps)
            {
                writer.WriteStartObject();
                writer.WriteNumber("day", step.Day);
                writer.WriteString("text", step.Text);
                writer.WriteString("source", step.Source);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("review_after_days", plan.ReviewAfterDays);
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

    private static void WriteClasses(Utf8JsonWriter writer, string name, IReadOnlyList<MedicationClass> classes)
    {
        writer.WriteStartArray(name);
        foreach (var medicationClass in classes)
        {
            writer.WriteStringValue(medicationClass.WireName());
        }

        writer.WriteEndArray();
    }

    private static void WriteId(Utf8JsonWriter writer, string? id)
    {
        if (id is null)
        {
            writer.WriteNull("id");
        }
        else
        {
            writer.WriteString("id", id);
        }
    }
}
