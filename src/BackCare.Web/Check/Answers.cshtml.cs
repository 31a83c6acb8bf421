using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Check;

public sealed record AnswerRow(string Key, string Label, string Answer, string ChangeHref);

/// <summary>"Check your answers": every answer with a link to change it, before the result.</summary>
public sealed class AnswersModel(CheckStateProtector protector) : PageModel
{
    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    public IReadOnlyList<AnswerRow> Rows { get; private set; } = [];

    public string ResultHref { get; private set; } = "";

    public string BackHref { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (protector.Unprotect(Token) is not { } state)
        {
            return Redirect(CheckLinks.Expired);
        }

        if (state.NextKey() is { } next && !state.IsEmergency)
        {
            return Redirect(CheckLinks.Question(next, Token!));
        }

        // An emergency shown before age was asked: the answers are listed once the age is known.
        if (state.Age is null)
        {
            return Redirect(CheckLinks.Question(CheckState.AgeKey, Token!));
        }

        Rows = [.. state.AnsweredKeys().Select(key =>
        {
            var question = CheckQuestion.For(key, SiteText.English, state)!;
            return new AnswerRow(key, question.Label, question.CurrentText(state)!, CheckLinks.Question(key, Token!, change: true));
        })];
        ResultHref = CheckLinks.Result(Token!);
        BackHref = Rows.Count > 0 ? CheckLinks.Question(Rows[^1].Key, Token!) : CheckLinks.Start;
        return Page();
    }
}
