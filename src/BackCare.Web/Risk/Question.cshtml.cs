using BackCare.Clinical.Risk;
using BackCare.Data;
using BackCare.Data.Notifications;
using BackCare.Data.Risk;
using BackCare.Web.Accounts;
using BackCare.Web.Diary;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Risk;

/// <summary>One question of the STarT Back risk screen per page; the ninth answer stores the screen and shows the result.</summary>
[Authorize]
public sealed class RiskQuestionModel(
    RiskAnswersProtector protector, BackCareDbContext db, NotificationOutbox notifications) : PageModel
{
    [FromRoute]
    public int Number { get; set; }

    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Answer { get; set; }

    public string Text { get; private set; } = "";

    public IReadOnlyList<(string Value, string Label)> Options { get; private set; } = [];

    public string? Error => Errors.For("answer");

    /// <summary>The answer's problem, if any: the summary links it to the first choice.</summary>
    public FormErrors Errors { get; } = new();

    public string BackHref { get; private set; } = RiskLinks.Start;

    public IActionResult OnGet()
    {
        if (Read() is not { } answers)
        {
            return Redirect(RiskLinks.Expired);
        }

        if (Number > answers.Count + 1)
        {
            return Redirect(RiskLinks.Question(answers.Count + 1, Token));
        }

        Answer = answers.ValueOf(Number);
        Prepare(answers);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Read() is not { } answers || Number > answers.Count + 1)
        {
            return Redirect(RiskLinks.Expired);
        }

        if (!answers.TryAnswer(Number, Answer, out var answered))
        {
            Prepare(answers);
            Errors.Add("answer", RecoveryText.English["risk_choose_one"], "answer-" + Options[0].Value);
            return Page();
        }

        if (Number < RiskAnswers.QuestionCount)
        {
            return Redirect(RiskLinks.Question(Number + 1, protector.Protect(answered)));
        }

        var owner = AccountClaims.AccountIdOf(User)!.Value;
        var score = StartBack.Score(answered.ToEngine());
        var screen = new RiskScreen(
            owner, answered.ToJson(), score.Total, score.Subscale, Enum.Parse<Data.Risk.RiskGroup>(score.Group.ToString()));
        db.RiskScreens.Add(screen);
        await notifications.RiskScreenSavedAsync(screen, cancellationToken);
        // Saving it makes every instance forget the risk group its diary keeps in memory (DiaryBaselines, CacheInvalidation).
        await db.SaveChangesAsync(cancellationToken);
        return Redirect(RiskLinks.Result(screen.Id));
    }

    private RiskAnswers? Read() =>
        Number is < 1 or > RiskAnswers.QuestionCount ? null : protector.Unprotect(Token);

    private void Prepare(RiskAnswers answers)
    {
        var text = RecoveryText.English;
        Text = StartBack.Questions[Number - 1].Text;
        Options = Number == RiskAnswers.BothersomeNumber
            ? [.. StartBack.BothersomeChoices.Select((label, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), label))]
            : [("yes", text["yes"]), ("no", text["no"])];
        Token = protector.Protect(answers);
        BackHref = Number == 1 ? RiskLinks.Start : RiskLinks.Question(Number - 1, Token);
    }
}

/// <summary>The addresses of the risk screen's pages.</summary>
public static class RiskLinks
{
    public const string Start = "/risk";
    public const string Expired = "/risk?expired=true";

    public static string Question(int number, string? token) =>
        $"/risk/question/{number}" + (string.IsNullOrEmpty(token) ? "" : "?s=" + token);

    public static string Result(Guid id) => $"/risk/result/{id}";
}
