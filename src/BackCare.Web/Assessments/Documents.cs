using System.Text.Json;
using System.Text.Json.Serialization;
using BackCare.Clinical.Findings;

namespace BackCare.Web.Assessments;

/// <summary>The shape of a case, for the OpenAPI document only; cases are read by the engine's CaseReader.</summary>
internal sealed record AssessmentCaseDocument(
    string? Id,
    int Age,
    string? Sex,
    string? Narrative,
    Dictionary<string, JsonElement>? Findings,
    string? Language,
    string? Writer);

/// <summary>The shape of a result, for the OpenAPI document only; results are written by the engine's ResultWriter.</summary>
internal sealed record AssessmentResultDocument(
    string? Id,
    string Disposition,
    [property: JsonPropertyName("red_flags")] string[] RedFlags,
    ReasonDocument[] Reasons,
    PlanDocument? Plan,
    ReadDocument? Read);

/// <summary>What was read from a narrative: who wrote it and the serious findings it left unasked.</summary>
internal sealed record ReadDocument(string Writer, string[] Unasked);

internal sealed record ReasonDocument(string Rule, string Text, string Source);

internal sealed record PlanDocument(
    [property: JsonPropertyName("medication_classes")] string[] MedicationClasses,
    [property: JsonPropertyName("avoid_classes")] string[] AvoidClasses,
    PlanStepDocument[] Steps,
    [property: JsonPropertyName("review_after_days")] int ReviewAfterDays);

internal sealed record PlanStepDocument(int Day, string Text, string Source);

/// <summary>One finding code as <c>GET /api/findings</c> lists it.</summary>
internal sealed record FindingDocument(
    string Code,
    string Type,
    string Group,
    string Question,
    string Label,
    double? Min,
    double? Max,
    IReadOnlyList<ChoiceDocument>? Choices)
{
    public static readonly FindingDocument[] All = [.. FindingCatalog.All.Select(From)];

    private static FindingDocument From(FindingDefinition definition) => new(
        definition.Key,
        definition.Kind switch
        {
            FindingKind.Boolean => "boolean",
            FindingKind.Number => "number",
            FindingKind.WholeNumber => "integer",
            _ => "choice",
        },
        definition.Group switch
        {
            FindingGroup.Context => "context",
            FindingGroup.Nerves => "nerves",
            FindingGroup.WholeBody => "whole_body",
            FindingGroup.NotTheSpine => "not_the_spine",
            FindingGroup.DailyLife => "daily_life",
            _ => "medicine_safety",
        },
        definition.Question,
        definition.Label,
        definition.Kind is FindingKind.Number or FindingKind.WholeNumber ? definition.Min : null,
        definition.Kind is FindingKind.Number or FindingKind.WholeNumber && !double.IsPositiveInfinity(definition.Max) ? definition.Max : null,
        definition.Choices?.Select(c => new ChoiceDocument(c, BackCare.Clinical.ClinicalText.ChoiceLabel(definition.Key, c))).ToArray());
}

internal sealed record ChoiceDocument(string Value, string Label);
