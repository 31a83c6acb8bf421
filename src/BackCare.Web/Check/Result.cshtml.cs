using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Check;

/// <summary>The result of the check. Also the printable plan (<c>/check/plan</c>), which shows the same result for paper.</summary>
public class ResultModel(CheckStateProtector protector, IOptions<EmergencyOptions> emergency) : PageModel
{
    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    public ResultView View { get; private set; } = null!;

    public string AnswersHref => CheckLinks.Answers(Token!);

    public string PlanHref => CheckLinks.Plan(Token!);

    public IActionResult OnGet()
    {
        if (protector.Unprotect(Token) is not { } state || state.Age is null)
        {
            return Redirect(CheckLinks.Expired);
        }

        if (state.NextKey() is { } next && !state.IsEmergency)
        {
            return Redirect(CheckLinks.Question(next, Token!));
        }

        View = ResultView.For(state, SiteText.English, emergency.Value.Number);
        return Page();
    }
}

public sealed class PlanModel(CheckStateProtector protector, IOptions<EmergencyOptions> emergency) : ResultModel(protector, emergency);
