using BackCare.Data.Clinics;

namespace BackCare.Web.Appointments;

/// <summary>The "Book a visit" section of the result page.</summary>
public sealed record BookVisitView(BookingOffer Offer, string Token, string ChooseHref);

/// <summary>A list of free times, each a link to the page that books (or moves to) it.</summary>
public sealed record SlotListView(IReadOnlyList<SlotChoice> Slots, Clinic Clinic, Func<Guid, string> Href);

/// <summary>The lists of an offer on the booking pages, with a "more times" link under each list when asked.</summary>
public sealed record OfferGroupsView(BookingOffer Offer, string? Token, bool MoreLinks);

/// <summary>A visit's details, and the visit that took its place when it was moved.</summary>
public sealed record AppointmentSummaryView(AppointmentDocument Appointment, AppointmentDocument? MovedTo);
