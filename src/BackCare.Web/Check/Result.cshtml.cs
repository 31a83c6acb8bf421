using System.Globalization;
using BackCare.Clinical.Interview;
using BackCare.Data;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Data.Telemetry;
using BackCare.Web.Accounts;
using BackCare.Web.Appointments;
using BackCare.Web.Clinics;
using BackCare.Web.Hosting;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ClinicChoice = BackCare.Web.Appointments.ClinicChoice;

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

    /// <summary>The clinic the person picked from the list on the page (<c>?clinic=</c>), whose times are shown.</summary>
    [BindProperty(Name = "clinic", SupportsGet = true)]
    public Guid? ClinicChosen { get; set; }

    /// <summary>
    /// A ZIP the person typed to list a network's clinics nearest first (<c>?near=</c>); null when not asked. Only read:
    /// never stored, and never logged (the request log and traces leave the query string out, decision 0016).
    /// </summary>
    [BindProperty(Name = NearForm.Field, SupportsGet = true)]
    public string? Near { get; set; }

    /// <summary>The place <see cref="Near"/> names, when it names one the table knows.</summary>
    public Place? NearPlace { get; private set; }

    /// <summary>True when the server has a table of UK outward codes, so the field takes a UK postcode as well as a ZIP.</summary>
    public bool KnowsUkPostcodes { get; private set; }

    /// <summary>The problem with <see cref="Near"/>, in the site's one error display; the list stays, soonest first.</summary>
    public FormErrors NearErrors { get; private set; } = new();

    public ResultView View { get; private set; } = null!;

    /// <summary>The network's clinics to choose from, soonest free time first; empty with one clinic.</summary>
    public IReadOnlyList<ClinicChoice> ClinicChoices { get; private set; } = [];

    /// <summary>The signed-in person's own clinic (chosen, booked with or written to last); null when none yet.</summary>
    public Guid? TheirClinicId { get; private set; }

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

    public string ChooseHref => BookingLinks.Choose(Token, clinic: ClinicChosen);

    /// <summary>The clinic just made the person's own, to say so once.</summary>
    [TempData]
    public string? ClinicMadeYours { get; set; }

    /// <summary>The clinics to choose among, with the links and form they need; null with one clinic.</summary>
    public ClinicChoicesView? ChoicesView => ClinicChoices.Count == 0 ? null : new ClinicChoicesView(
        ClinicChoices,
        Offer?.Clinic.Id,
        TheirClinicId,
        clinic => CheckLinks.Result(Token!) + "&clinic=" + clinic.ToString() + NearQuery,
        User.IsInRole(nameof(AccountRole.Patient)) ? CheckLinks.Result(Token!) + "&handler=clinic" + NearQuery : null,
        new NearForm(
            "/check/result",
            [new("s", Token!), .. ClinicChosen is { } shown ? [new KeyValuePair<string, string>("clinic", shown.ToString())] : Array.Empty<KeyValuePair<string, string>>()],
            Near,
            NearPlace,
            NearErrors.For(NearForm.Field),
            NearPlace is null ? null : CheckLinks.Result(Token!) + (ClinicChosen is { } chosen ? "&clinic=" + chosen.ToString() : ""),
            KnowsUkPostcodes));

    /// <summary>The found place carried on by the page's links, so the list stays nearest first.</summary>
    private string NearQuery => NearPlace is { } place ? "&" + NearForm.Field + "=" + Uri.EscapeDataString(place.Code) : "";

    protected virtual bool SavesToAccount => true;

    /// <summary>Reads what else the page shows once the result is known (the printed plan adds the clinic and the answers).</summary>
    protected virtual Task ShowingAsync(CheckState state, CancellationToken cancellationToken) => Task.CompletedTask;

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
        await ShowingAsync(state, cancellationToken);
        if (SavesToAccount)
        {
            // The printed plan shows the same result again; only the result page counts it.
            HttpContext.RequestServices.GetRequiredService<BackCareMetrics>().AssessmentMade(View.Result, AssessmentSource.Check);
        }

        if (SavesToAccount && AccountClaims.AccountIdOf(User) is { } owner)
        {
            Saved = await saver.SaveAsync(owner, Token, cancellationToken) is not null;
        }

        if (SavesToAccount && !View.IsEmergency
            && await CheckForBooking.ReadAsync(protector, db, Token, AccountClaims.AccountIdOf(User), cancellationToken) is { } check)
        {
            var person = AccountClaims.AccountIdOf(User);
            Offer = await offers.ForAsync(
                check.Disposition, check.PhysicalTherapy, person, BookingOffers.OnResultPage, null, ClinicChosen, cancellationToken);
            // The form sent with nothing typed binds as null: it was still asked, and says so.
            Near ??= Request.Query.ContainsKey(NearForm.Field) ? "" : null;
            var places = HttpContext.RequestServices.GetRequiredService<Places>();
            KnowsUkPostcodes = places.KnowsUkPostcodes;
            var lookup = Near is null ? new PlaceLookup(null, null, null) : places.Find(Near);
            NearPlace = lookup.Place;
            ClinicChoices = await offers.ClinicChoicesAsync(check.Disposition, check.PhysicalTherapy, lookup.Place, cancellationToken);
            if (lookup.Problem is { } wrong && ClinicChoices.Count > 0)
            {
                NearErrors.Add(NearForm.Field, NearForm.Problem(wrong, lookup.Code, KnowsUkPostcodes));
            }
            TheirClinicId = person is { } id ? await offers.TheirClinicIdAsync(id, cancellationToken) : null;
        }

        return Page();
    }

    /// <summary>
    /// A signed-in patient makes a clinic of the network theirs: they become its patient (<see cref="WorklistNews.Chose"/>),
    /// and its times are the ones offered to them from now on. Audited as a change to their account.
    /// </summary>
    public async Task<IActionResult> OnPostClinicAsync(Guid clinicId, CancellationToken cancellationToken)
    {
        if (!SavesToAccount || AccountClaims.AccountIdOf(User) is not { } person || !User.IsInRole(nameof(AccountRole.Patient)))
        {
            return NotFound();
        }

        if (protector.Unprotect(Token) is null)
        {
            return Redirect(CheckLinks.Expired);
        }

        var clinic = await db.Clinics.AsNoTracking().Where(c => c.Id == clinicId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (clinic is null)
        {
            return NotFound();
        }

        var services = HttpContext.RequestServices;
        await NewPatientClinic.ChooseAsync(
            db, services.GetRequiredService<AuditLog>(), clinicId, person, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        ClinicMadeYours = clinic;
        var near = Near is not null && services.GetRequiredService<Places>().Find(Near).Place is { } place ? "&" + NearForm.Field + "=" + place.Code : "";
        return Redirect(CheckLinks.Result(Token!) + "&clinic=" + clinicId.ToString() + near);
    }
}

/// <summary>
/// The printed plan: it stands alone on paper, so it also says whose plan it is (the key answers), when it was made,
/// the emergency number in full and the clinic's phone.
/// </summary>
public sealed class PlanModel(
    CheckStateProtector protector, IOptions<EmergencyOptions> emergency, CheckSaver saver, BookingOffers offers, BackCareDbContext db,
    TimeProvider clock)
    : ResultModel(protector, emergency, saver, offers, db)
{
    private readonly BookingOffers _offers = offers;

    protected override bool SavesToAccount => false;

    /// <summary>The day the plan was printed, in words ("3 March 2026").</summary>
    public string MadeOn { get; private set; } = "";

    /// <summary>The answers that say something about this person: age, sex and each answer other than "none of these".</summary>
    public IReadOnlyList<AnswerRow> KeyAnswers { get; private set; } = [];

    public Clinic? Clinic { get; private set; }

    public string SourcesAddress => $"{Request.Scheme}://{Request.Host}{CheckLinks.Sources}";

    protected override async Task ShowingAsync(CheckState state, CancellationToken cancellationToken)
    {
        MadeOn = clock.GetUtcNow().ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        KeyAnswers = [.. state.AnsweredKeys()
            .Select(key => (key, question: CheckQuestion.For(key, SiteText.English, state)))
            .Where(q => q.question is not null)
            .Select(q => new AnswerRow(q.key, q.question!.Label, q.question.CurrentText(state) ?? "", ""))
            .Where(row => row.Answer.Length > 0 && row.Answer != InterviewText.NoneOfThese)];
        Clinic = await _offers.ClinicForAsync(AccountClaims.AccountIdOf(User), ClinicChosen, cancellationToken);
    }
}
