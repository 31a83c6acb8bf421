using System.Text.Json.Nodes;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;

namespace BackCare.Interop.Fhir;

/// <summary>
/// What a BackCare QuestionnaireResponse said, read back. <paramref name="Ignored"/> lists linkIds that are
/// not BackCare's (another system's extra questions); <paramref name="Errors"/> lists BackCare questions
/// whose answer could not be read, so that nothing known is dropped without saying so.
/// </summary>
public sealed record QuestionnaireAnswers(
    int? Age,
    Sex? Sex,
    string? Narrative,
    FindingSet Findings,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<FieldError> Errors);

/// <summary>The inverse of <see cref="FhirMapper.QuestionnaireResponse"/>: linkId = finding code.</summary>
public static class QuestionnaireResponseReader
{
    public static QuestionnaireAnswers Read(JsonObject questionnaireResponse)
    {
        ArgumentNullException.ThrowIfNull(questionnaireResponse);
        var reading = new Reading();
        if (questionnaireResponse["item"] is JsonArray items)
        {
            ReadItems(items, "item", reading);
        }

        return new QuestionnaireAnswers(reading.Age, reading.Sex, reading.Narrative, reading.Findings, reading.Ignored, reading.Errors);
    }

    // Items may be nested (in groups, or under an answer) when another system rewrote the response.
    private static void ReadItems(JsonArray items, string path, Reading reading)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                continue;
            }

            var itemPath = $"{path}[{i}]";
            var linkId = FhirJson.StringAt(item, "linkId");
            var answers = item["answer"] as JsonArray;
            if (linkId is not null && answers is { Count: > 0 })
            {
                ReadAnswer(linkId, answers, $"{itemPath}({linkId})", reading);
            }

            if (item["item"] is JsonArray children)
            {
                ReadItems(children, itemPath + ".item", reading);
            }

            foreach (var (answer, index) in (answers ?? []).Select((a, n) => (a, n)))
            {
                if (answer?["item"] is JsonArray nested)
                {
                    ReadItems(nested, $"{itemPath}.answer[{index}].item", reading);
                }
            }
        }
    }

    private static void ReadAnswer(string linkId, JsonArray answers, string field, Reading reading)
    {
        var answer = answers[0] as JsonObject;
        switch (linkId)
        {
            case FhirMapper.AgeLinkId:
                if (Integer(answer?["valueInteger"]) is { } age and >= 0 and <= 120)
                {
                    reading.Age = (int)age;
                }
                else
                {
                    reading.Errors.Add(new FieldError(field, "the age must be valueInteger from 0 to 120"));
                }

                return;
            case FhirMapper.SexLinkId:
                var sexCode = FhirJson.StringAt(answer?["valueCoding"] as JsonObject, "code");
                if (sexCode is not null && FindingCatalog.TryParseChoice<Sex>(FindingCatalog.SexValues, sexCode, out var sex))
                {
                    reading.Sex = sex;
                }
                else if (sexCode != "unknown")
                {
                    reading.Errors.Add(new FieldError(field, $"the sex must be valueCoding female, male or other"));
                }

                return;
            case FhirMapper.NarrativeLinkId:
                reading.Narrative = FhirJson.StringAt(answer, "valueString");
                return;
        }

        if (!FindingCatalog.TryGet(linkId, out var definition))
        {
            reading.Ignored.Add(linkId);
            return;
        }

        if (answers.Count > 1)
        {
            reading.Errors.Add(new FieldError(field, "has more than one answer"));
            return;
        }

        if (ReadFinding(definition, answer, reading.Findings) is { } problem)
        {
            reading.Errors.Add(new FieldError(field, problem));
        }
    }

    private static string? ReadFinding(FindingDefinition definition, JsonObject? answer, FindingSet findings)
    {
        switch (definition.Kind)
        {
            case FindingKind.Boolean:
                if (answer?["valueBoolean"] is JsonValue flag && flag.TryGetValue<bool>(out var yes))
                {
                    findings.Set(definition.Code, yes);
                    return null;
                }

                return "must be answered with valueBoolean";

            case FindingKind.WholeNumber:
            case FindingKind.Number:
                var number = definition.Kind == FindingKind.WholeNumber
                    ? Integer(answer?["valueInteger"])
                    : Number(answer?["valueDecimal"]) ?? Integer(answer?["valueInteger"]);
                if (number is not { } value || value < definition.Min || value > definition.Max
                    || (definition.Kind == FindingKind.WholeNumber && value > int.MaxValue))
                {
                    var type = definition.Kind == FindingKind.WholeNumber ? "valueInteger" : "valueDecimal";
                    return $"must be answered with {type}, {FindingReader.RangeText(definition)}";
                }

                return FindingReader.TrySetNumber(definition.Code, value, findings);

            case FindingKind.Choice:
                var code = FhirJson.StringAt(answer?["valueCoding"] as JsonObject, "code");
                var system = FhirJson.StringAt(answer?["valueCoding"] as JsonObject, "system");
                var systemMatches = system is null || system.EndsWith("/CodeSystem/" + definition.Key, StringComparison.Ordinal);
                if (code is null || !systemMatches || !FindingReader.TrySetChoice(definition.Code, code, findings))
                {
                    return $"must be answered with valueCoding, one of {string.Join(", ", definition.Choices!)}";
                }

                return null;

            default:
                return "cannot be read";
        }
    }

    private static double? Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var whole) ? whole
        : Number(node) is { } number && number == Math.Floor(number) ? number
        : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number) ? number : null;

    private sealed class Reading
    {
        public int? Age { get; set; }

        public Sex? Sex { get; set; }

        public string? Narrative { get; set; }

        public FindingSet Findings { get; } = new();

        public List<string> Ignored { get; } = [];

        public List<FieldError> Errors { get; } = [];
    }
}
