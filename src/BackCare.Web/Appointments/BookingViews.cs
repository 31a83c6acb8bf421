using BackCare.Data.Clinics;

namespace BackCare.Web.Appointments;

/// <summary>The "Book a visit" section of the result page.</summary>
/// <param name="ChosenClinic">The clinic picked on the result page, carried to "more times" so they stay its times.</param>
/// <param name="Choices">A network's clinics to choose among; null with one clinic.</param>
public sealed record BookVisitView(BookingOffer Offer, string Token, string ChooseHref, Guid? ChosenClinic = null, ClinicChoicesView? Choices = null);

/// <summary>A list of free times, each a link to the page that books (or moves to) it.</summary>
public sealed record SlotListView(IReadOnlyList<SlotChoice> Slots, Clinic Clinic, Func<Guid, string> Href);

/// <summary>The lists of an offer on the booking pages, with a "more times" link under each list when asked.</summary>
public sealed record OfferGroupsView(BookingOffer Offer, string? Token, bool MoreLinks, Guid? ChosenClinic = null);

/// <summary>A visit's details, and the visit that took its place when it was moved.</summary>
public sealed record AppointmentSummaryView(AppointmentDocument Appointment, AppointmentDocument? MovedTo);

/// <summary>
/// The clinics of a network on the result page. <paramref name="ShowHref"/> is the result page showing one clinic's
/// times; <paramref name="ChooseAction"/> takes a signed-in patient's choice (null for anyone else).
/// </summary>
public sealed record ClinicChoicesView(
    IReadOnlyList<ClinicChoice> Choices, Guid? ShownClinicId, Guid? TheirClinicId, Func<Guid, string> ShowHref, string? ChooseAction,
    NearForm? Near = null)
{
    public bool CanChoose => ChooseAction is not null;
}

/// <summary>
/// The plain GET form above a network's clinics that lists the nearest to a ZIP first: where it goes and what it
/// carries (<paramref name="Hidden"/>: the check and the clinic shown), what was typed, the place found (null when none
/// or not asked) and the problem with it, and the link back to the soonest first (null unless sorted by distance).
/// </summary>
public sealed record NearForm(
    string Action, IReadOnlyList<KeyValuePair<string, string>> Hidden, string? Typed, Clinics.Place? Place, string? Error, string? SoonestHref)
{
    public const string Field = "near";

    /// <summary>How far a clinic is, as the place's country says it ("3.2 miles", "12 km"), or null when it gave no location.</summary>
    public string? Distance(ClinicChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (Place is not { } place || choice.DistanceKm is not { } km)
        {
            return null;
        }

        var amount = Clinics.Places.InUnit(km, place.Unit);
        var shown = amount.ToString(amount < 10 ? "0.0" : "N0", System.Globalization.CultureInfo.InvariantCulture);
        return Text.BookingText.English.Format(place.Unit == Clinics.DistanceUnit.Miles ? "clinics_distance_miles" : "clinics_distance_km", shown, place.Code);
    }
}
