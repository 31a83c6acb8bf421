using System.Globalization;
using System.Text.Json;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Clinical.Language.Identification;

namespace BackCare.Clinical.Contract;

/// <summary>One thing wrong with a case, named by its JSON path (for example <c>findings.pain_score</c>).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A case read from JSON, or every reason it could not be.</summary>
public sealed record CaseReadResult(string? Id, AssessmentCase? Case, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Case is not null;

    /// <summary>All the errors in one line, as the command line writes them.</summary>
    public string ErrorText => string.Join("; ", Errors);
}

/// <summary>
/// Reads cases of the assessment contract from JSON and checks them. Nothing is ignored: an unknown
/// field or finding code, a value of the wrong type and a value out of range are each an error that
/// names the field, because a silently dropped finding could turn an emergency into home care.
/// </summary>
public static class CaseReader
{
    private static readonly string[] TopLevelFields = ["id", "age", "sex", "narrative", "findings", "language", "writer"];

    public static CaseReadResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return new CaseReadResult(null, null, [new FieldError("$", $"not valid JSON ({FirstSentence(exception.Message)})")]);
        }
    }

    public static CaseReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CaseReadResult(null, null, [new FieldError("$", "a case must be a JSON object")]);
        }

        var errors = new List<FieldError>();
        string? id = null;
        int? age = null;
        Sex? sex = null;
        string? narrative = null;
        FindingSet? findings = null;
        NarrativeWriter? writer = null;
        var language = AssessmentLanguages.English;

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id":
                    id = ReadOptionalString("id", value, errors);
                    break;
                case "age":
                    age = ReadAge(value, errors);
                    break;
                case "sex":
                    sex = ReadSex(value, errors);
                    break;
                case "narrative":
                    narrative = ReadNarrative(value, errors);
                    break;
                case "findings":
                    findings = ReadFindings(value, errors);
                    break;
                case "language":
                    language = ReadLanguage(value, errors);
                    break;
                case "writer":
                    writer = ReadWriter(value, errors);
                    break;
                default:
                    errors.Add(new FieldError(property.Name, $"unknown field; a case has only {string.Join(", ", TopLevelFields)}"));
                    break;
            }
        }

        if (!root.TryGetProperty("age", out _))
        {
            errors.Add(new FieldError("age", "is required (a whole number from 0 to 120)"));
        }

        if (findings is null && string.IsNullOrWhiteSpace(narrative) && errors.Count == 0)
        {
            errors.Add(new FieldError("findings", "a case needs findings or a narrative to assess"));
        }

        if (errors.Count > 0 || age is null)
        {
            return new CaseReadResult(id, null, errors);
        }

        return new CaseReadResult(id, new AssessmentCase(id, age.Value, sex, narrative, findings, writer, language), errors);
    }

    private static string? ReadOptionalString(string field, JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind != JsonValueKind.Null)
        {
            errors.Add(new FieldError(field, $"must be a string (got {Describe(value)})"));
        }

        return null;
    }

    private static string? ReadNarrative(JsonElement value, List<FieldError> errors)
    {
        var narrative = ReadOptionalString("narrative", value, errors);
        if (narrative is not null && NarrativeCheck.LengthProblem(narrative) is { } problem)
        {
            errors.Add(new FieldError("narrative", problem));
        }

        return narrative;
    }

    private static string ReadLanguage(JsonElement value, List<FieldError> errors)
    {
        var code = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (code is not null && AssessmentLanguages.Supported.Contains(code))
        {
            return code;
        }

        var supported = string.Join(", ", AssessmentLanguages.Supported);
        errors.Add(new FieldError("language", code is not null && LanguageIdentifier.NameOf(code) is { } name
            ? $"BackCare cannot assess {name} yet; use {supported}"
            : $"must be {supported} (got {Describe(value)})"));
        return AssessmentLanguages.English;
    }

    private static NarrativeWriter? ReadWriter(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && NarrativeWriterNames.TryParse(value.GetString(), out var writer))
        {
            return writer;
        }

        errors.Add(new FieldError("writer", $"must be self (the person with the back pain wrote it) or other (someone writing about them) (got {Describe(value)})"));
        return null;
    }

    private static int? ReadAge(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new FieldError("age", $"must be a whole number from 0 to 120 (got {Describe(value)})"));
            return null;
        }

        if (!value.TryGetDouble(out var number) || number != Math.Floor(number) || number < 0 || number > 120)
        {
            errors.Add(new FieldError("age", $"must be a whole number from 0 to 120 (got {value.GetRawText()})"));
            return null;
        }

        return (int)number;
    }

    private static Sex? ReadSex(JsonElement value, List<FieldError> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && FindingCatalog.TryParseChoice<Sex>(FindingCatalog.SexValues, value.GetString()!, out var sex))
        {
            return sex;
        }

        errors.Add(new FieldError("sex", $"must be one of {string.Join(", ", FindingCatalog.SexValues)} (got {Describe(value)})"));
        return null;
    }

    /// <summary>
    /// Reads a <c>findings</c> object by the contract's rules (the diary uses it too); each problem is added
    /// to <paramref name="errors"/> named <c>findings.code</c>. Null for a JSON null or a value that is not an object.
    /// </summary>
    public static FindingSet? ReadFindings(JsonElement value, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("findings", $"must be an object of finding codes (got {Describe(value)})"));
            return null;
        }

        var findings = new FindingSet();
        foreach (var property in value.EnumerateObject())
        {
            var field = "findings." + property.Name;
            if (!FindingCatalog.TryGet(property.Name, out var definition))
            {
                errors.Add(new FieldError(field, "unknown finding code"));
                continue;
            }

            if (FindingReader.TryRead(definition, property.Value, findings) is { } problem)
            {
                errors.Add(new FieldError(field, problem));
            }
        }

        return findings;
    }

    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}

/// <summary>Reads one finding's JSON value against its definition.</summary>
public static class FindingReader
{
    /// <summary>Stores the value in <paramref name="findings"/>, or returns what is wrong with it.</summary>
    public static string? TryRead(FindingDefinition definition, JsonElement value, FindingSet findings)
    {
        switch (definition.Kind)
        {
            case FindingKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return $"must be true or false (got {CaseReader.Describe(value)})";
                }

                findings.Set(definition.Code, value.GetBoolean());
                return null;

            case FindingKind.Number:
            case FindingKind.WholeNumber:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return $"must be {RangeText(definition)} (got {CaseReader.Describe(value)})";
                }

                if (!value.TryGetDouble(out var number) || !double.IsFinite(number) || number < definition.Min || number > definition.Max
                    || (definition.Kind == FindingKind.WholeNumber && number != Math.Floor(number)))
                {
                    return $"must be {RangeText(definition)} (got {value.GetRawText()})";
                }

                return TrySetNumber(definition.Code, number, findings);

            case FindingKind.Choice:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
                if (text is null || !TrySetChoice(definition.Code, text, findings))
                {
                    return $"must be one of {string.Join(", ", definition.Choices!)} (got {CaseReader.Describe(value)})";
                }

                return null;

            default:
                return "cannot be read";
        }
    }

    public static string RangeText(FindingDefinition definition)
    {
        var kind = definition.Kind == FindingKind.WholeNumber ? "a whole number" : "a number";
        return double.IsPositiveInfinity(definition.Max)
            ? $"{kind} of {definition.Min.ToString(CultureInfo.InvariantCulture)} or more"
            : $"{kind} from {definition.Min.ToString(CultureInfo.InvariantCulture)} to {definition.Max.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Sets a numeric finding; the value must already be in range.</summary>
    public static string? TrySetNumber(FindingCode code, double number, FindingSet findings)
    {
        switch (code)
        {
            case FindingCode.OnsetDays: findings.OnsetDays = number; break;
            case FindingCode.SelfCareDays: findings.SelfCareDays = number; break;
            case FindingCode.PainScore: findings.PainScore = (int)number; break;
            case FindingCode.PreviousEpisodes: findings.PreviousEpisodes = (int)number; break;
            default: return "is not a number";
        }

        return null;
    }

    /// <summary>Sets a choice finding from its wire name; false when the name is not one of its choices.</summary>
    public static bool TrySetChoice(FindingCode code, string text, FindingSet findings)
    {
        switch (code)
        {
            case FindingCode.Trigger when FindingCatalog.TryParseChoice<PainTrigger>(FindingCatalog.TriggerValues, text, out var trigger):
                findings.Trigger = trigger;
                return true;
            case FindingCode.Course when FindingCatalog.TryParseChoice<PainCourse>(FindingCatalog.CourseValues, text, out var course):
                findings.Course = course;
                return true;
            case FindingCode.PainRegion when FindingCatalog.TryParseChoice<BackRegion>(FindingCatalog.PainRegionValues, text, out var region):
                findings.PainRegion = region;
                return true;
            default:
                return false;
        }
    }
}
