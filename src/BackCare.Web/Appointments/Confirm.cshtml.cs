using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Appointments;

/// <summary>
/// Booking one time: the details to check and the reason (filled in from the check, editable). Someone not signed in
/// is sent to sign in (or sign up) and back here, and the check comes with them: it is saved to their account and the
/// booking carries it. A time taken meanwhile is said plainly, with other times, never an error page. Someone who
/// already holds as many open visits as one person may is told so before the form, with the way to their visits.
/// </summary>
public sealed class ConfirmModel(
    BookingOffers offers, BookingService booking, CheckSaver saver, CheckStateProtector protector, BackCareDbContext db) : PageModel
{
    [FromRoute]
    public Guid SlotId { get; set; }

    [BindProperty(Name = "s", SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public SlotDetails? Details { get; private set; }

    /// <summary>Why the time cannot be booked; the page then offers <see cref="Others"/> instead of the form.</summary>
    public string? Refusal { get; private set; }

    public BookingError? RefusedBecause { get; private set; }

    public BookingOffer? Others { get; private set; }

    public string? CheckToken { get; private set; }

    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (AccountClaims.AccountIdOf(User) is not { } owner)
        {
            return SignInFirst();
        }

        var check = await ReadCheckAsync(owner, cancellationToken);
        Reason = check?.Reason ?? "";
        var full = await booking.HasRoomAsync(owner, cancellationToken) ? (BookingError?)null : BookingError.TooManyOpen;
        return await ShowAsync(owner, check, cancellationToken, full);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (AccountClaims.AccountIdOf(User) is not { } owner)
        {
            return SignInFirst();
        }

        var check = await ReadCheckAsync(owner, cancellationToken);
        var words = BookingText.English;
        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            Errors.Add("reason", words["reason_required"]);
        }
        else if (reason.Length > Appointment.MaxReasonLength)
        {
            Errors.Add("reason", words.Format("reason_too_long", Appointment.MaxReasonLength));
        }

        if (Errors.Any)
        {
            return await ShowAsync(owner, check, cancellationToken);
        }

        // The same save as the result page's: the check is kept once, and the booking points at it.
        var saved = check is null ? null : await saver.SaveAsync(owner, check.Token, cancellationToken);
        var outcome = await booking.BookAsync(owner, SlotId, reason!, saved?.Id, cancellationToken);
        if (outcome.Appointment is { } appointment)
        {
            return Redirect(BookingLinks.Appointment(appointment.Id, AppointmentModel.BookedNotice));
        }

        return await ShowAsync(owner, check, cancellationToken, outcome.Error);
    }

    private async Task<IActionResult> ShowAsync(Guid owner, CheckForBooking? check, CancellationToken cancellationToken, BookingError? refused = null)
    {
        Details = await offers.SlotAsync(SlotId, cancellationToken);
        var error = refused ?? (Details is null ? BookingError.SlotNotFound : Details.Unavailable);
        if (error == BookingError.TooManyOpen)
        {
            // Other times would be refused just the same: the way on is their own visits.
            RefusedBecause = error;
            Refusal = SlotWords.TooManyOpen(booking.MaxOpenPerPerson);
        }
        else if (error is { } why)
        {
            RefusedBecause = why;
            Refusal = SlotWords.Refusal(why);
            Others = await offers.ForAsync(
                check?.Disposition ?? Disposition.Routine, check?.PhysicalTherapy ?? false, owner, BookingOffers.OnResultPage, null, Details?.Clinic.Id, cancellationToken);
        }

        return Page();
    }

    private async Task<CheckForBooking?> ReadCheckAsync(Guid owner, CancellationToken cancellationToken)
    {
        var check = await CheckForBooking.ReadAsync(protector, db, Token, owner, cancellationToken);
        CheckToken = check?.Token;
        return check;
    }

    private RedirectResult SignInFirst()
    {
        var here = BookingLinks.Confirm(SlotId, null);
        var finished = CheckSaver.IsFinished(protector.Unprotect(Token), out _) ? Token : null;
        return Redirect(AccountLinks.SignIn(returnUrl: finished is null ? here : BookingLinks.Confirm(SlotId, finished), checkToken: finished));
    }
}
