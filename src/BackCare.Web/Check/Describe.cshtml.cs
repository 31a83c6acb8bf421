using System.Globalization;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Check;

/// <summary>One finding read from the person's words, with the control to confirm or change it.</summary>
public sealed record UnderstoodRow(CheckQuestion Question, string? Value, string Words, bool Uncertain)
{
    public string FieldName => "f." + Question.Key;
}

/// <summary>
/// The free-text start: a person describes what happened, sees what was understood (each finding with the
/// words it came from), corrects it, and continues with the questions that are still open.
/// </summary>
public sealed class DescribeModel(NarrativeReader reader, CheckStateProtector protector) : PageModel
{
    public const int MaxNarrativeLength = 2000;
    public const string AskAgain = "ask";

    [BindProperty]
    public string? Narrative { get; set; }

    public string? Error { get; private set; }

    /// <summary>What was understood; null until the person has written something.</summary>
    public IReadOnlyList<UnderstoodRow>? Understood { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        Narrative = Narrative?.Trim();
        if (string.IsNullOrEmpty(Narrative))
        {
            Error = "Write a few words about what happened, or go back and answer the questions instead.";
            return Page();
        }

        if (Narrative.Length > MaxNarrativeLength)
        {
            Error = $"Please keep it under {MaxNarrativeLength} characters. The questions afterwards will cover the rest.";
            return Page();
        }

        var reading = reader.Read(Narrative);
        var state = new CheckState { Findings = reading.Findings };
        Understood = [.. reading.Evidence
            .Where(e => CheckQuestion.For(e.Key, SiteText.English) is not null)
            .DistinctBy(e => e.Code)
            .Select(e =>
            {
                var question = CheckQuestion.For(e.Key, SiteText.English)!;
                return new UnderstoodRow(question, question.CurrentValue(state), e.Words, e.Uncertain);
            })];
        return Page();
    }

    /// <summary>Takes the understood findings as the person confirmed or changed them, and goes on to the questions.</summary>
    public IActionResult OnPostContinue()
    {
        var state = new CheckState();
        foreach (var definition in FindingCatalog.All)
        {
            var answer = Request.Form["f." + definition.Key].ToString().Trim();
            if (answer.Length == 0 || answer == AskAgain)
            {
                continue;
            }

            // An answer that does not read is left for the interview to ask, rather than guessed.
            var question = CheckQuestion.For(definition.Key, SiteText.English)!;
            _ = question.TryAnswer(answer, state);
        }

        return Redirect(CheckLinks.After(state, protector.Protect(state)));
    }
}
