using System.Buffers;
using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Interview;
using BackCare.Clinical.Triage;

namespace BackCare.Web.Check;

/// <summary>
/// Everything a person has answered so far in the check. Nothing is stored on the server: the state
/// travels, encrypted and signed, in each form and link (see <see cref="CheckStateProtector"/>), so the
/// back and change links work without JavaScript or a database.
/// </summary>
public sealed class CheckState
{
    public const string AgeKey = "age";
    public const string SexKey = "sex";

    public int? Age { get; set; }

    /// <summary>True once the sex question was answered, including "I'd rather not say".</summary>
    public bool SexAnswered { get; set; }

    public Sex? Sex { get; set; }

    public FindingSet Findings { get; set; } = new();

    /// <summary>The key of the next question to ask, or null when the check is over.</summary>
    public string? NextKey()
    {
        if (Age is null)
        {
            return AgeKey;
        }

        if (!SexAnswered)
        {
            return SexKey;
        }

        return InterviewFlow.Next(Age.Value, Sex, Findings)?.Definition.Key;
    }

    public bool IsEmergency => Age is { } age && TriageEngine.Evaluate(age, Findings).Disposition == Disposition.Emergency;

    /// <summary>The questions answered so far, in the order the check asks them: age, sex, then the interview's order.</summary>
    public List<string> AnsweredKeys()
    {
        var keys = new List<string>();
        if (Age is not null)
        {
            keys.Add(AgeKey);
        }

        if (SexAnswered)
        {
            keys.Add(SexKey);
        }

        foreach (var question in InterviewFlow.Questions)
        {
            if (Findings.IsAnswered(question.Code))
            {
                keys.Add(question.Definition.Key);
            }
        }

        return keys;
    }

    /// <summary>The question before <paramref name="key"/>, for the back link; null for the first question.</summary>
    public string? PreviousKey(string key)
    {
        // After a free-text start, age and sex are asked last but still come first in the order.
        if (key == AgeKey)
        {
            return null;
        }

        if (key == SexKey)
        {
            return Age is null ? null : AgeKey;
        }

        var answered = AnsweredKeys();
        var index = answered.IndexOf(key);
        if (index < 0)
        {
            return answered.Count > 0 ? answered[^1] : null;
        }

        return index > 0 ? answered[index - 1] : null;
    }

    /// <summary>
    /// Drops answers to questions that can no longer matter after an answer changed (for example how fast
    /// leg weakness is getting worse, once the person says there is no leg weakness).
    /// </summary>
    public void DropAnswersThatNoLongerApply()
    {
        if (Age is not { } age)
        {
            return;
        }

        bool dropped;
        do
        {
            dropped = false;
            foreach (var question in InterviewFlow.Questions)
            {
                if (Findings.IsAnswered(question.Code) && !question.AskWhen(age, Sex, Findings))
                {
                    Findings.Clear(question.Code);
                    dropped = true;
                }
            }
        }
        while (dropped);
    }

    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (Age is { } age)
            {
                writer.WriteNumber("a", age);
            }

            if (SexAnswered)
            {
                writer.WriteString("s", Sex?.WireName() ?? "");
            }

            writer.WritePropertyName("f");
            ResultWriter.WriteFindings(writer, Findings);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads state written by <see cref="ToBytes"/>; null when it is not valid.</summary>
    public static CheckState? FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            var state = new CheckState();
            if (root.TryGetProperty("a", out var age))
            {
                state.Age = age.GetInt32();
            }

            if (root.TryGetProperty("s", out var sex))
            {
                state.SexAnswered = true;
                var text = sex.GetString() ?? "";
                state.Sex = FindingCatalog.TryParseChoice<Sex>(FindingCatalog.SexValues, text, out var parsed) ? parsed : null;
            }

            foreach (var property in root.GetProperty("f").EnumerateObject())
            {
                if (!FindingCatalog.TryGet(property.Name, out var definition)
                    || FindingReader.TryRead(definition, property.Value, state.Findings) is not null)
                {
                    return null;
                }
            }

            return state;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }
    }
}
