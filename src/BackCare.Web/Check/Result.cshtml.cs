using BackCare.Data;
using BackCare.Web.Accounts;
using BackCare.Web.Appointments;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Check;

/// <summary>
/// The result of the check. A signed-in person's check is saved to their account here (once); anyone else is
/// offered to keep it by signing up or signing in. Also the printable plan (<c>/check/plan</c>), which shows the
/// same result for paper and saves nothing.
/// </summary>
public class ResultModel(
    CheckStateProtector protector, IOptions<EmergencyOptions> emergency, CheckSaver saver, BookingOffers offers, BackCareDbContext db) : PageModel
{
    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    public ResultView View { get; private set; } = null!;

    public string AnswersHref => CheckLinks.Answers(Token!);

    /// <summary>False for an emergency shown before age and sex were asked.</summary>
    public bool AnswersCanBeChanged { get; private set; }

    public string PlanHref => CheckLinks.Plan(Token!);

    /// <summary>True when this result is now in the signed-in person's account.</summary>
    public bool Saved { get; private set; }

    public string SignUpToSaveHref => AccountLinks.SignUp(checkToken: Token);

    public string SignInToSaveHref => AccountLinks.SignIn(checkToken: Token);

    /// <summary>The free times this result is offered (none for an emergency, or without a clinic).</summary>
    public BookingOffer? Offer { get; private set; }

    public string ChooseHref => BookingLinks.Choose(Token);

    protected virtual bool SavesToAccount => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (protector.Unprotect(Token) is not { } state || (state.Age is null && !state.IsEmergency))
        {
            return Redirect(CheckLinks.Expired);
        }

        // An emergency from a person's own words is shown before age and sex are asked; its answers cannot be listed yet.
        AnswersCanBeChanged = state.Age is not null;

        if (state.NextKey() is { } next && !state.IsEmergency)
        {
            return Redirect(CheckLinks.Question(next, Token!));
        }

        View = ResultView.For(state, SiteText.English, emergency.Value.Number);
        if (SavesToAccount && AccountClaims.AccountIdOf(User) is { } owner)
        {
            Saved = await saver.SaveAsync(owner, Token, cancellationToken) is not null;
        }

        if (SavesToAccount && !View.IsEmergency
            && await CheckForBooking.ReadAsync(protector, db, Token, AccountClaims.AccountIdOf(User), cancellationToken) is { } check)
        {
            Offer = await offers.ForAsync(
                check.Disposition, check.PhysicalTherapy, AccountClaims.AccountIdOf(User), BookingOffers.OnResultPage, null, cancellationToken);
        }

        return Page();
    }
}

public sealed class PlanModel(
    CheckStateProtector protector, IOptions<EmergencyOptions> emergency, CheckSaver saver, BookingOffers offers, BackCareDbContext db)
    : ResultModel(protector, emergency, saver, offers, db)
{
    protected override bool SavesToAccount => false;
}
