using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Clinics;
using Microsoft.AspNetCore.Mvc;

namespace BackCare.Web.Appointments;

/// <summary>
/// Moving an appointment: first choose a new time (the same kind of visit, a doctor or a therapist as before), then
/// confirm. The move is one step of the booking service: when the new time is taken meanwhile, the old one stands.
/// </summary>
public sealed class RescheduleModel(BackCareDbContext db, AuditLog audit, BookingService booking, BookingOffers offers) : AppointmentPage(db, audit)
{
    [FromRoute]
    public Guid? SlotId { get; set; }

    /// <summary>The chosen new time, on the confirming page.</summary>
    public SlotDetails? Target { get; private set; }

    /// <summary>The day whose times are shown (<c>?day=2026-12-09</c>); the first day with free times when not given.</summary>
    [BindProperty(Name = "day", SupportsGet = true)]
    public string? DayAsked { get; set; }

    /// <summary>Every day of the booking window that has a free time like this visit's.</summary>
    public IReadOnlyList<SlotDay> Days { get; private set; } = [];

    public SlotDay? Chosen { get; private set; }

    /// <summary>True when the day asked for has no free time (any more): the page says so above the days.</summary>
    public bool DayHasNoTimes { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Appointment.Status != "booked")
        {
            Refusal = SlotWords.Refusal(BookingError.AppointmentCancelled);
            return Page();
        }

        if (SlotId is { } slotId)
        {
            Target = await offers.SlotAsync(slotId, cancellationToken);
            var unavailable = Target is null ? BookingError.SlotNotFound : Target.Unavailable;
            if (unavailable is { } why)
            {
                return await RefuseAsync(why, cancellationToken);
            }

            return Page();
        }

        return await ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SlotId is not { } slotId)
        {
            return BadRequest();
        }

        var outcome = await booking.RescheduleAsync(Owner, Id, slotId, cancellationToken);
        if (outcome.Appointment is { } moved)
        {
            return Redirect(BookingLinks.Appointment(moved.Id, AppointmentModel.MovedNotice));
        }

        if (outcome.Error == BookingError.AppointmentNotFound || !await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        return await RefuseAsync(outcome.Error!.Value, cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(BookingError why, CancellationToken cancellationToken)
    {
        Refusal = SlotWords.Refusal(why);
        Target = null;
        return why == BookingError.AppointmentCancelled ? Page() : await ListAsync(cancellationToken);
    }

    private async Task<IActionResult> ListAsync(CancellationToken cancellationToken)
    {
        var kind = ClinicNames.TryParseKind(Appointment.Kind, out var k) ? k : SlotKind.InPerson;

        // A clinician who has left has no specialty any more: a doctor is the safer offer.
        var specialty = ClinicNames.TryParseSpecialty(Appointment.Specialty, out var s) ? s : Specialty.PrimaryCare;
        Days = await offers.AlternativeDaysAsync(Clinic, kind, specialty, cancellationToken);
        if (DateOnly.TryParseExact(DayAsked, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            Chosen = Days.FirstOrDefault(d => d.Day == day);
            DayHasNoTimes = Chosen is null;
        }
        else
        {
            Chosen = Days.Count > 0 ? Days[0] : null;
        }

        return Page();
    }
}
