using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Check;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Appointments;

/// <summary>
/// Choosing a time: the offer for the check's result with more times than the result page shows, or one list of it
/// in full (<c>group</c>). Without a check, the times of the next two weeks. Someone who already holds as many open
/// visits as one person may is told so instead of being shown times they could not book.
/// </summary>
public sealed class ChooseModel(BookingOffers offers, BookingService booking, CheckStateProtector protector, BackCareDbContext db) : PageModel
{
    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty(Name = "group", SupportsGet = true)]
    public string? Group { get; set; }

    /// <summary>The clinic chosen on the result page, carried along so that its times stay the ones shown.</summary>
    [BindProperty(Name = "clinic", SupportsGet = true)]
    public Guid? ClinicChosen { get; set; }

    public BookingOffer? Offer { get; private set; }

    /// <summary>The check's state, when there is a finished check to come back to and to book with.</summary>
    public string? CheckToken { get; private set; }

    /// <summary>Why the person cannot book another visit now, in plain words; null when they can.</summary>
    public string? Full { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = AccountClaims.AccountIdOf(User);
        var check = await CheckForBooking.ReadAsync(protector, db, Token, person, cancellationToken);
        if (check?.Disposition == Disposition.Emergency)
        {
            return Redirect(CheckLinks.Result(check.Token));
        }

        CheckToken = check?.Token;
        if (person is { } signedIn && !await booking.HasRoomAsync(signedIn, cancellationToken))
        {
            Full = SlotWords.TooManyOpen(booking.MaxOpenPerPerson);
            return Page();
        }

        var perGroup = Group is null ? BookingOffers.OnResultPage * 2 : BookingOffers.OnChoosePage;
        Offer = await offers.ForAsync(
            check?.Disposition ?? Disposition.Routine, check?.PhysicalTherapy ?? false, person, perGroup, Group, ClinicChosen, cancellationToken);
        if (Offer is { Groups.Count: 0 } && Group is not null)
        {
            // A list that no longer applies (today's times, once today is full): all the lists instead.
            return Redirect(BookingLinks.Choose(CheckToken, clinic: ClinicChosen));
        }

        return Offer is null ? NotFound() : Page();
    }
}
