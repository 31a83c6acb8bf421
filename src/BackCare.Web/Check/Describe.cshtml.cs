using System.Globalization;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Clinical.Language;
using BackCare.Clinical.Language.Identification;
using BackCare.Web.Accounts;
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
/// words it came from), corrects it, and continues with the questions that are still open, those the words left
/// unasked first. Words that already show an emergency go straight to the emergency, before age and sex are
/// asked (contract, "Reading a narrative").
/// </summary>
public sealed class DescribeModel(NarrativeReader reader, CheckStateProtector protector) : PageModel
{
    /// <summary>The contract's limit on a narrative ("Reading a narrative").</summary>
    public const int MaxNarrativeLength = NarrativeLimits.MaxLength;

    public const string AskAgain = "ask";

    /// <summary>The name and id of the text box.</summary>
    public const string NarrativeField = "narrative";

    [BindProperty]
    public string? Narrative { get; set; }

    /// <summary>The form's problem, if any; when the words could not be read, it offers the questions instead.</summary>
    public FormErrors Errors { get; } = new();

    public static string AnswerQuestionsHref => "/check/question/" + CheckState.AgeKey;

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
            Errors.Add(NarrativeField, SiteText.English.Describe("empty"));
            return Page();
        }

        if (Narrative.Length > MaxNarrativeLength)
        {
            Errors.Add(NarrativeField, string.Format(CultureInfo.InvariantCulture, SiteText.English.Describe("too_long"), MaxNarrativeLength.ToString("N0", CultureInfo.InvariantCulture)));
            return Page();
        }

        var reading = reader.Read(Narrative);
        if (Problem(Narrative, reading) is { } problem)
        {
            Errors.Add(NarrativeField, problem);
            Errors.Instead = new FormLink(AnswerQuestionsHref, SiteText.English.Describe("answer_questions_instead"));
            return Page();
        }

        var state = new CheckState { Findings = reading.Findings };
        if (state.IsEmergency)
        {
            return Redirect(CheckLinks.Result(protector.Protect(state)));
        }
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

    /// <summary>
    /// Why a reading cannot be used, in the person's words, or null when it can. The engine decides
    /// (<see cref="NarrativeCheck.Problem"/>, as for the command line and the API); the page says it plainly.
    /// </summary>
    private static string? Problem(string narrative, NarrativeReading reading)
    {
        if (NarrativeCheck.Problem(narrative, reading) is null)
        {
            return null;
        }

        var language = LanguageIdentifier.Identify(narrative);
        return language.IsOther
            ? string.Format(CultureInfo.InvariantCulture, SiteText.English.Describe("other_language"), language.Name)
            : SiteText.English.Describe("not_about_back_pain");
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
