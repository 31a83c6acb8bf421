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

    /// <summary>
    /// The key of the next page to ask (a finding's key or a group's id), or null when the check is over. An
    /// emergency ends it at once, even before age and sex are asked (after a free-text start that shows one).
    /// </summary>
    public string? NextKey()
    {
        if (Age is null)
        {
            return EmergencyAtOnce.From(Findings) is null ? AgeKey : null;
        }

        if (!SexAnswered)
        {
            return SexKey;
        }

        return InterviewFlow.Next(Age.Value, Sex, Findings)?.Id;
    }

    /// <summary>True when the answers make it an emergency; before age is asked, only when they do at every age.</summary>
    public bool IsEmergency => Age is { } age
        ? TriageEngine.Evaluate(age, Findings).Disposition == Disposition.Emergency
        : EmergencyAtOnce.From(Findings) is not null;

    /// <summary>The pages answered so far, in the order the check asks them: age, sex, then the interview's steps.</summary>
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

        foreach (var step in InterviewFlow.Steps)
        {
            if (step.Questions.Any(q => Findings.IsAnswered(q.Code)))
            {
                keys.Add(step.Id);
            }
        }

        return keys;
    }

    /// <summary>
    /// About how many pages the whole check takes, as the answers so far let us guess: the pages answered, plus each
    /// step of the interview that still has a question that can matter (before the age is known, as for an adult). The
    /// interview adapts, so an answer can add or remove pages: the page says "about".
    /// </summary>
    public int EstimatedPages()
    {
        var pages = AnsweredKeys().Count + (Age is null ? 1 : 0) + (SexAnswered ? 0 : 1);
        var age = Age ?? AdultAgeForEstimate;
        var urgentOrWorse = Age is not null && TriageEngine.Evaluate(age, Findings).Disposition >= Disposition.Urgent;
        foreach (var step in InterviewFlow.Steps)
        {
            // Medicine safety is asked only where home care is possible (InterviewFlow.Next).
            if (step.IsMedicineSafety && urgentOrWorse)
            {
                continue;
            }

            if (step.Pending(age, Sex, Findings).Count > 0 && !step.Questions.Any(q => Findings.IsAnswered(q.Code)))
            {
                pages++;
            }
        }

        return pages;
    }

    private const int AdultAgeForEstimate = 40;

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

    /// <summary>
    /// A compact binary form (about 40 bytes), so that links carrying the state stay short: a version, which
    /// parts are present, then the true/false findings as two bit masks and the other findings by code.
    /// </summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream(64);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)((Age is null ? 0 : 1) | (SexAnswered ? 2 : 0)));
            writer.Write((byte)(Age ?? 0));
            writer.Write((byte)(Sex is { } sex ? (int)sex + 1 : 0));
            ulong answered = 0, yes = 0;
            foreach (var definition in FindingCatalog.All)
            {
                if (definition.IsBoolean && Findings.IsAnswered(definition.Code))
                {
                    answered |= FindingSet.Bit(definition.Code);
                    if (Findings[definition.Code])
                    {
                        yes |= FindingSet.Bit(definition.Code);
                    }
                }
            }

            writer.Write(answered);
            writer.Write(yes);
            foreach (var definition in FindingCatalog.All)
            {
                if (definition.IsBoolean || !Findings.IsAnswered(definition.Code))
                {
                    continue;
                }

                writer.Write((byte)definition.Code);
                switch (Findings.ValueOf(definition.Code))
                {
                    case string choice: writer.Write((byte)IndexOf(definition.Choices!, choice)); break;
                    case int whole: writer.Write((double)whole); break;
                    case double number: writer.Write(number); break;
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads state written by <see cref="ToBytes"/>; null when it is not valid.</summary>
    public static CheckState? FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }

            var parts = reader.ReadByte();
            var age = reader.ReadByte();
            var sex = reader.ReadByte();
            var state = new CheckState
            {
                Age = (parts & 1) != 0 ? age : null,
                SexAnswered = (parts & 2) != 0,
                Sex = sex is >= 1 and <= 3 ? (Sex)(sex - 1) : null,
            };
            if (state.Age > 120)
            {
                return null;
            }

            var answered = reader.ReadUInt64();
            var yes = reader.ReadUInt64();
            foreach (var definition in FindingCatalog.All)
            {
                if (definition.IsBoolean && (answered & FindingSet.Bit(definition.Code)) != 0)
                {
                    state.Findings.Set(definition.Code, (yes & FindingSet.Bit(definition.Code)) != 0);
                }
            }

            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var code = reader.ReadByte();
                if (code >= FindingCatalog.All.Count || FindingCatalog.All[code] is not { IsBoolean: false } definition)
                {
                    return null;
                }

                var problem = definition.Kind == FindingKind.Choice
                    ? ReadChoice(definition, reader.ReadByte(), state.Findings)
                    : ReadNumber(definition, reader.ReadDouble(), state.Findings);
                if (problem is not null)
                {
                    return null;
                }
            }

            return state;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private const byte FormatVersion = 1;

    private static int IndexOf(IReadOnlyList<string> choices, string choice)
    {
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] == choice)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not one of the finding's choices.");
    }

    private static string? ReadNumber(FindingDefinition definition, double number, FindingSet findings) =>
        double.IsFinite(number) && number >= definition.Min && number <= definition.Max
            && (definition.Kind != FindingKind.WholeNumber || number == Math.Floor(number))
            ? FindingReader.TrySetNumber(definition.Code, number, findings)
            : "out of range";

    private static string? ReadChoice(FindingDefinition definition, byte index, FindingSet findings) =>
        index < definition.Choices!.Count && FindingReader.TrySetChoice(definition.Code, definition.Choices[index], findings)
            ? null
            : "not one of the choices";
}
