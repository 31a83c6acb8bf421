using System.Text.Json;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Data.Diary;

namespace BackCare.Web.Diary;

/// <summary>
/// One day's diary as a person fills it in, through the API (<c>POST /api/diary</c>) or the diary page.
/// Only pain and spasms are required.
/// </summary>
/// <param name="PainScore">Pain now, 0 to 10.</param>
/// <param name="Spasms">How many spasms today.</param>
/// <param name="Walk">How well they could walk: normal, limited or not_at_all; likewise sit, sleep and work.</param>
/// <param name="Medicines">Medicines taken: the contract's classes (nsaid, acetaminophen, muscle_relaxant, topical_nsaid) or their own words.</param>
/// <param name="WhatHelped">What helped, from <see cref="DiaryChoices.WhatHelped"/>.</param>
/// <param name="WhatHelpedOther">Their own words for something else that helped.</param>
/// <param name="Findings">New symptoms, as the contract's findings object (<c>{"bladder_dysfunction": true}</c>).</param>
public sealed record DiaryForm(
    int? PainScore,
    int? Spasms,
    string? Notes = null,
    string? Walk = null,
    string? Sit = null,
    string? Sleep = null,
    string? Work = null,
    IReadOnlyList<string>? Medicines = null,
    IReadOnlyList<string>? WhatHelped = null,
    string? WhatHelpedOther = null,
    JsonElement? Findings = null)
{
    /// <summary>The findings object for a page's ticked symptom codes (e.g. <c>bladder_dysfunction</c>).</summary>
    public static JsonElement FindingsOf(IEnumerable<string> tickedCodes) =>
        JsonSerializer.SerializeToElement(tickedCodes.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => true));

    /// <summary>Checks every field; each problem goes into <paramref name="errors"/> under the field's API name.</summary>
    internal CheckedDiary? Check(Dictionary<string, string[]> errors)
    {
        if (PainScore is not (>= 0 and <= DiaryEntry.MaxPainScore))
        {
            errors["painScore"] = ["is required (a whole number from 0 to 10)"];
        }

        if (Spasms is not >= 0)
        {
            errors["spasms"] = ["is required (how many spasms today, 0 or more)"];
        }

        if (Notes is { Length: > DiaryChoices.MaxNotesLength })
        {
            errors["notes"] = [$"may be at most {DiaryChoices.MaxNotesLength} characters"];
        }

        var abilities = new DiaryAbilities(Level(Walk, "walk", errors), Level(Sit, "sit", errors), Level(Sleep, "sleep", errors), Level(Work, "work", errors));
        var medicines = CheckMedicines(errors);
        var helped = CheckWhatHelped(errors, out var helpedOther);
        var findings = ReadFindings(errors);
        return errors.Count > 0
            ? null
            : new CheckedDiary(PainScore!.Value, Spasms!.Value, Notes, abilities, medicines, helped, helpedOther, findings);
    }

    private static AbilityLevel? Level(string? value, string field, Dictionary<string, string[]> errors)
    {
        switch (value)
        {
            case null:
                return null;
            case "normal":
                return AbilityLevel.Normal;
            case "limited":
                return AbilityLevel.Limited;
            case "not_at_all":
                return AbilityLevel.NotAtAll;
            default:
                errors[field] = ["must be normal, limited or not_at_all"];
                return null;
        }
    }

    private string[] CheckMedicines(Dictionary<string, string[]> errors)
    {
        if (Medicines is null)
        {
            return [];
        }

        if (Medicines.Count > DiaryChoices.MaxMedicines)
        {
            errors["medicines"] = [$"may list at most {DiaryChoices.MaxMedicines} medicines"];
            return [];
        }

        for (var i = 0; i < Medicines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Medicines[i]) || Medicines[i].Length > DiaryChoices.MaxMedicineLength)
            {
                errors[$"medicines[{i}]"] = [$"must be a medicine's name of 1 to {DiaryChoices.MaxMedicineLength} characters"];
            }
        }

        return Medicines.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToArray();
    }

    private string[] CheckWhatHelped(Dictionary<string, string[]> errors, out string? other)
    {
        other = Blank(WhatHelpedOther);
        if (other is { Length: > DiaryChoices.MaxWhatHelpedOtherLength })
        {
            errors["whatHelpedOther"] = [$"may be at most {DiaryChoices.MaxWhatHelpedOtherLength} characters"];
        }

        var helped = WhatHelped ?? [];
        for (var i = 0; i < helped.Count; i++)
        {
            if (helped[i] is null || !DiaryChoices.WhatHelped.Contains(helped[i]))
            {
                errors[$"whatHelped[{i}]"] = [$"must be one of {string.Join(", ", DiaryChoices.WhatHelpedInOrder)}"];
            }
        }

        // Words for "something else" mean "other" was ticked, whether or not the form said so.
        var saidOther = other is not null;
        return DiaryChoices.WhatHelpedInOrder
            .Where(code => helped.Contains(code) || (code == "other" && saidOther))
            .ToArray();
    }

    /// <summary>Reads the findings object with the contract's own reader; errors are named <c>findings.code</c>.</summary>
    private FindingSet ReadFindings(Dictionary<string, string[]> errors)
    {
        if (Findings is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return new FindingSet();
        }

        var problems = new List<FieldError>();
        var findings = CaseReader.ReadFindings(element, problems);
        foreach (var problem in problems)
        {
            errors[problem.Field] = [problem.Message];
        }

        return findings ?? new FindingSet();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A diary form that passed every check.</summary>
internal sealed record CheckedDiary(
    int PainScore,
    int Spasms,
    string? Notes,
    DiaryAbilities Abilities,
    string[] Medicines,
    string[] WhatHelped,
    string? WhatHelpedOther,
    FindingSet NewFindings);
