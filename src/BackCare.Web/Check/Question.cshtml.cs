using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Check;

/// <summary>One question of the check per page. The answers so far travel in the protected field <c>s</c>.</summary>
public sealed class QuestionModel(CheckStateProtector protector) : PageModel
{
    [FromRoute]
    public string Key { get; set; } = "";

    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Change { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    /// <summary>The options ticked on a "tick all that apply" page.</summary>
    [BindProperty(Name = "tick")]
    public List<string> Ticks { get; set; } = [];

    /// <summary>True when "None of these" was ticked on a group page.</summary>
    [BindProperty(Name = "none")]
    public bool NoneOfThese { get; set; }

    public CheckQuestion Question { get; private set; } = null!;

    public string? Error => Errors.For(AnswerField);

    /// <summary>The answer's problem, if any: the summary links it to the box, or to the first choice.</summary>
    public FormErrors Errors { get; } = new();

    private const string AnswerField = "answer";

    public string BackHref { get; private set; } = CheckLinks.Start;

    public int Number { get; private set; }

    /// <summary>About how many questions the check has for this person, never fewer than this one's number.</summary>
    public int Total { get; private set; }

    public IActionResult OnGet()
    {
        var state = ReadState();
        if (state is null)
        {
            return Redirect(CheckLinks.Expired);
        }

        if (CheckQuestion.For(Key, SiteText.English, state) is not { } question)
        {
            return NotFound();
        }

        Prepare(question, state);
        if (question.IsGroup)
        {
            Ticks = [.. question.TickedValues(state)];
            NoneOfThese = question.NoneChosen(state);
        }
        else
        {
            Answer = question.CurrentValue(state);
        }

        return Page();
    }

    public IActionResult OnPost()
    {
        var state = ReadState();
        if (state is null)
        {
            return Redirect(CheckLinks.Expired);
        }

        if (CheckQuestion.For(Key, SiteText.English, state) is not { } question)
        {
            return NotFound();
        }

        var error = question.IsGroup
            ? question.TryAnswerGroup(Ticks, NoneOfThese, state, SiteText.English)
            : question.TryAnswer(Answer, state);
        if (error is not null)
        {
            Errors.Add(AnswerField, error, question.IsNumber ? AnswerField : AnswerField + "-" + question.Options[0].Value);
            Prepare(question, state);
            return Page();
        }

        state.DropAnswersThatNoLongerApply();
        var token = protector.Protect(state);
        return Redirect(CheckLinks.After(state, token));
    }

    /// <summary>The state in the form or link; a check starts empty at the first question.</summary>
    private CheckState? ReadState()
    {
        if (string.IsNullOrEmpty(Token) && Key == CheckState.AgeKey)
        {
            return new CheckState();
        }

        return protector.Unprotect(Token);
    }

    private void Prepare(CheckQuestion question, CheckState state)
    {
        Question = question;
        Token = protector.Protect(state);
        var answered = state.AnsweredKeys();
        var index = answered.IndexOf(Key);
        Number = (index < 0 ? answered.Count : index) + 1;
        Total = Math.Max(Number, state.EstimatedPages());
        if (Change)
        {
            BackHref = CheckLinks.Answers(Token);
        }
        else if (state.PreviousKey(Key) is { } previous)
        {
            BackHref = CheckLinks.Question(previous, Token);
        }
    }
}
