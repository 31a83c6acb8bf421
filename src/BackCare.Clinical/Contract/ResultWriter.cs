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

    // Names are escaped once. Reasons and plan steps are shared instances whose JSON never changes, so each
    // is rendered once (kept beside it, keyed by reference, not by hashing the text) and copied in as it is
    // on every later result: a result of 4.6 KB is mostly these texts, and escaping them field by field
    // on every call was most of the cost of writing it.
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText DispositionName = JsonEncodedText.Encode("disposition");
    private static readonly JsonEncodedText RedFlagsName = JsonEncodedText.Encode("red_flags");
    private static readonly JsonEncodedText ReasonsName = JsonEncodedText.Encode("reasons");
    private static readonly JsonEncodedText PlanName = JsonEncodedText.Encode("plan");
    private static readonly JsonEncodedText MedicationClassesName = JsonEncodedText.Encode("medication_classes");
    private static readonly JsonEncodedText AvoidClassesName = JsonEncodedText.Encode("avoid_classes");
    private static readonly JsonEncodedText StepsName = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText ReviewAfterDaysName = JsonEncodedText.Encode("review_after_days");
    private static readonly JsonEncodedText ReadName = JsonEncodedText.Encode("read");
    private static readonly JsonEncodedText WriterName = JsonEncodedText.Encode("writer");
    private static readonly JsonEncodedText UnaskedName = JsonEncodedText.Encode("unasked");
    private static readonly JsonEncodedText[] Writers = Enum.GetValues<NarrativeWriter>().Select(w => JsonEncodedText.Encode(w.WireName())).ToArray();
    private static readonly JsonEncodedText[] Dispositions = Enum.GetValues<Disposition>().Select(d => JsonEncodedText.Encode(d.WireName())).ToArray();
    private static readonly JsonEncodedText[] Classes = Enum.GetValues<MedicationClass>().Select(c => JsonEncodedText.Encode(c.WireName())).ToArray();
    private static readonly JsonEncodedText[] FindingKeys = FindingCatalog.All.Select(d => JsonEncodedText.Encode(d.Key)).ToArray();
    private static readonly ConditionalWeakTable<Reason, byte[]> RenderedReasons = new();
    private static readonly ConditionalWeakTable<PlanStep, byte[]> RenderedSteps = new();

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
            WriteRendered(writer, reason, RenderedReasons, WriteReason);
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
                WriteRendered(writer, step, RenderedSteps, WriteStep);
            }

            writer.WriteEndArray();
            writer.WriteNumber(ReviewAfterDaysName, plan.ReviewAfterDays);
            writer.WriteEndObject();
        }

        if (result.Read is { } read)
        {
            writer.WriteStartObject(ReadName);
            writer.WriteString(WriterName, Writers[(int)read.Writer]);
            writer.WriteStartArray(UnaskedName);
            foreach (var code in read.Unasked)
            {
                writer.WriteStringValue(FindingKeys[(int)code]);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>The per-line error result for an outcome that was refused, or the result's JSON.</summary>
    public static string ToJson(AssessmentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Result is { } result ? ToJson(result) : ErrorJson(outcome.Id, outcome.Error!.ToString());
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

    /// <summary>Copies the item's JSON as rendered once; an indented writer gets it written afresh, to keep its layout.</summary>
    private static void WriteRendered<T>(Utf8JsonWriter writer, T item, ConditionalWeakTable<T, byte[]> rendered, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (writer.Options.Indented)
        {
            write(writer, item);
            return;
        }

        if (!rendered.TryGetValue(item, out var json))
        {
            json = RenderOnce(item, rendered, write);
        }

        writer.WriteRawValue(json, skipInputValidation: true);
    }

    private static byte[] RenderOnce<T>(T item, ConditionalWeakTable<T, byte[]> rendered, Action<Utf8JsonWriter, T> write)
        where T : class => rendered.GetValue(item, _ => Render(item, write));

    private static byte[] Render<T>(T item, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, item);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteReason(Utf8JsonWriter writer, Reason reason)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", reason.Rule);
        writer.WriteString("text", reason.Text);
        writer.WriteString("source", reason.Source);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, PlanStep step)
    {
        writer.WriteStartObject();
        writer.WriteNumber("day", step.Day);
        writer.WriteString("text", step.Text);
        writer.WriteString("source", step.Source);
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
