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
    IReadOnlyList<ClinicChoice> Choices, Guid? ShownClinicId, Guid? TheirClinicId, Func<Guid, string> ShowHref, string? ChooseAction)
{
    public bool CanChoose => ChooseAction is not null;
}
