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
/// The plain GET form above a network's clinics that lists the nearest to a ZIP (or, where the server has the table, a
/// UK postcode) first: where it goes and what it carries (<paramref name="Hidden"/>: the check and the clinic shown),
/// what was typed, the place found (null when none or not asked) and the problem with it, the link back to the soonest
/// first (null unless sorted by distance), and whether UK postcodes are known here (the label and hint say so).
/// </summary>
public sealed record NearForm(
    string Action, IReadOnlyList<KeyValuePair<string, string>> Hidden, string? Typed, Clinics.Place? Place, string? Error, string? SoonestHref,
    bool UkPostcodes = false)
{
    public const string Field = "near";

    private static Text.BookingText Words => Text.BookingText.English;

    public string Label => Words[UkPostcodes ? "clinics_near_label_uk" : "clinics_near_label"];

    public string Hint => Words[UkPostcodes ? "clinics_near_hint_uk" : "clinics_near_hint"];

    /// <summary>The list's lead once sorted by distance: "nearest to ZIP code 10001", or "nearest to SW1A".</summary>
    public string? Lead => Place is { } place
        ? Words.Format(place.Kind == Clinics.PlaceKind.UkPostcode ? "clinics_lead_near_uk" : "clinics_lead_near", place.Code)
        : null;

    /// <summary>What to say about a place not found: <paramref name="code"/> is what was looked for (a ZIP, or an outward code).</summary>
    public static string Problem(Clinics.PlaceProblem problem, string? code, bool ukPostcodes) => problem switch
    {
        Clinics.PlaceProblem.Empty => Words[ukPostcodes ? "clinics_near_empty_uk" : "clinics_near_empty"],
        Clinics.PlaceProblem.Unknown when code is { Length: > 0 } && char.IsAsciiDigit(code[0]) => Words.Format("clinics_near_unknown", code),
        Clinics.PlaceProblem.Unknown => Words.Format("clinics_near_unknown_uk", code ?? ""),
        Clinics.PlaceProblem.UkNotKnownHere => Words["clinics_near_uk_not_known"],
        _ => Words[ukPostcodes ? "clinics_near_malformed_uk" : "clinics_near_malformed"],
    };

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
        var key = (place.Unit, place.Kind) switch
        {
            (Clinics.DistanceUnit.Miles, Clinics.PlaceKind.UkPostcode) => "clinics_distance_miles_uk",
            (Clinics.DistanceUnit.Miles, _) => "clinics_distance_miles",
            _ => "clinics_distance_km",
        };
        return Words.Format(key, shown, place.Code);
    }
}
