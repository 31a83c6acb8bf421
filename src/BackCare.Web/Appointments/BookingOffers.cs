using System.Globalization;
using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Web.Clinics;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Appointments;

/// <summary>A free time as the pages show it: on the clinic's clock, with whom and how.</summary>
public sealed record SlotChoice(Guid Id, SlotKind Kind, DateTime StartUtc, DateTimeOffset LocalStart, string ClinicianName, Specialty Specialty)
{
    public static SlotChoice From(FreeSlot slot, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(slot.Id, slot.Kind, slot.StartUtc, ClinicsApi.Local(slot.StartUtc, zone), slot.ClinicianName, slot.Specialty);
    }
}

/// <summary>
/// A clinic to choose on the result page, with its soonest free time that fits the result (null when none) and, when
/// the person gave a place, its straight-line distance from there in kilometres (null when the clinic gave no location).
/// </summary>
public sealed record ClinicChoice(Clinic Clinic, DateTimeOffset? Soonest, double? DistanceKm = null);

/// <summary>One day of free times, on the clinic's clock.</summary>
public sealed record SlotDay(DateOnly Day, IReadOnlyList<SlotChoice> Slots);

/// <summary>A slot on the confirming page; <see cref="Unavailable"/> says why it can no longer be booked.</summary>
public sealed record SlotDetails(SlotChoice Slot, Clinic Clinic, BookingError? Unavailable);

/// <summary>One list of times on a page ("Today, by video call"), and whether there are more than it shows.</summary>
public sealed record SlotGroup(string Key, IReadOnlyList<SlotChoice> Slots, bool HasMore)
{
    public string Heading => BookingText.English["group_" + Key];
}

/// <summary>What a person with this result is offered at a clinic, most fitting first.</summary>
public sealed record BookingOffer(Clinic Clinic, Disposition Disposition, bool PhysicalTherapy, bool NoneLeftToday, IReadOnlyList<SlotGroup> Groups)
{
    public bool HasSlots => Groups.Any(g => g.Slots.Count > 0);
}

/// <summary>
/// Which free times fit a result. A doctor today for "urgent" (video and in person; when today is full, the clinic's
/// phone and the next times after today); any time in the next two weeks for "routine"; the physical therapist's
/// times where the plan points to physical therapy. Urgent results are never offered a therapist instead of a doctor.
/// </summary>
public sealed class BookingOffers(BackCareDbContext db, TimeProvider clock)
{
    /// <summary>Times per list on the result page: a handful, so the page stays small on a phone.</summary>
    public const int OnResultPage = 4;

    /// <summary>Times per list on the page that shows more.</summary>
    public const int OnChoosePage = 40;

    public const string TodayVideo = "today-video";
    public const string TodayClinic = "today-clinic";
    public const string NextVideo = "next-video";
    public const string NextClinic = "next-clinic";
    public const string Video = "video";
    public const string InClinic = "clinic";
    public const string Therapist = "therapist";

    private static readonly Specialty[] Doctors = [Specialty.Orthopedic, Specialty.Spine, Specialty.PrimaryCare];
    private static readonly Specialty[] Therapists = [Specialty.PhysicalTherapy];

    private sealed record Spec(string Key, SlotKind? Kind, Specialty[] Specialties, DateTime FromUtc, DateTime ToUtc);

    /// <summary>The most clinics the result page lists to choose from.</summary>
    public const int MaxClinicChoices = 50;

    /// <summary>
    /// The clinic offered: the one chosen on the page (<paramref name="chosen"/>, when it exists), else the one the
    /// person chose or booked with last (their latest clinic), else the first by name.
    /// </summary>
    public async Task<Clinic?> ClinicForAsync(Guid? personId, Guid? chosen, CancellationToken cancellationToken)
    {
        if (chosen is { } asked && await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == asked, cancellationToken) is { } picked)
        {
            return picked;
        }

        if (personId is { } id && await TheirClinicIdAsync(id, cancellationToken) is { } theirs
            && await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == theirs, cancellationToken) is { } clinic)
        {
            return clinic;
        }

        return await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The person's clinic: the one they chose, booked with or wrote to last; null when none.</summary>
    public async Task<Guid?> TheirClinicIdAsync(Guid personId, CancellationToken cancellationToken)
    {
        var theirs = await db.ClinicPatients.AsNoTracking().Where(p => p.PatientId == personId)
            .OrderByDescending(p => p.LastActivityUtc).Select(p => p.ClinicId).FirstOrDefaultAsync(cancellationToken);
        return theirs == Guid.Empty ? null : theirs;
    }

    /// <summary>
    /// Every clinic of a network with its soonest free time that fits the result (a therapist where the plan points
    /// to physical therapy and the result is not urgent, else a doctor), soonest first, a clinic without one last.
    /// Near a place the person gave (<paramref name="near"/>), the nearest first instead, by straight-line distance to
    /// each clinic's own coordinates, and the clinics that gave none after them, soonest first.
    /// Empty with one clinic or none: there is nothing to choose.
    /// </summary>
    public async Task<IReadOnlyList<ClinicChoice>> ClinicChoicesAsync(
        Disposition disposition, bool physicalTherapy, Place? near, CancellationToken cancellationToken)
    {
        var clinics = await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Take(MaxClinicChoices).ToListAsync(cancellationToken);
        if (clinics.Count < 2 || disposition == Disposition.Emergency)
        {
            return [];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var specialties = physicalTherapy && disposition != Disposition.Urgent ? Therapists : Doctors;
        var choices = new List<ClinicChoice>(clinics.Count);
        foreach (var clinic in clinics)
        {
            var soonest = await db.FreeSlotsOf(clinic.Id, now, now.AddDays(clinic.BookingDays), null, specialties)
                .Select(s => (DateTime?)s.StartUtc).FirstOrDefaultAsync(cancellationToken);
            var distance = near is not null && clinic is { Latitude: { } latitude, Longitude: { } longitude }
                ? Places.DistanceKm(near.Latitude, near.Longitude, latitude, longitude)
                : (double?)null;
            choices.Add(new ClinicChoice(clinic, soonest is { } utc ? ClinicsApi.Local(utc, clinic.TimeZone) : null, distance));
        }

        var soonestFirst = choices.OrderBy(c => c.Soonest is null).ThenBy(c => c.Soonest?.UtcDateTime);
        return near is null ? [.. soonestFirst] : [.. soonestFirst.OrderBy(c => c.DistanceKm is null).ThenBy(c => c.DistanceKm)];
    }

    /// <summary>The offer for a result; <paramref name="onlyGroup"/> narrows it to one list (the "more times" page). Null without a clinic.</summary>
    public async Task<BookingOffer?> ForAsync(
        Disposition disposition, bool physicalTherapy, Guid? personId, int perGroup, string? onlyGroup, Guid? chosenClinic,
        CancellationToken cancellationToken)
    {
        if (disposition == Disposition.Emergency || await ClinicForAsync(personId, chosenClinic, cancellationToken) is not { } clinic)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zone = clinic.TimeZone;
        var windowEnd = now.AddDays(clinic.BookingDays);
        var noneLeftToday = false;
        List<Spec> specs;
        if (disposition == Disposition.Urgent)
        {
            var endOfToday = StartOfNextDay(zone, now);
            specs = [new(TodayVideo, SlotKind.Telemedicine, Doctors, now, endOfToday), new(TodayClinic, SlotKind.InPerson, Doctors, now, endOfToday)];
            if (onlyGroup is NextVideo or NextClinic || !await AnyAsync(clinic.Id, specs, cancellationToken))
            {
                noneLeftToday = true;
                specs = [new(NextVideo, SlotKind.Telemedicine, Doctors, endOfToday, windowEnd), new(NextClinic, SlotKind.InPerson, Doctors, endOfToday, windowEnd)];
            }
        }
        else
        {
            specs = [new(Video, SlotKind.Telemedicine, Doctors, now, windowEnd), new(InClinic, SlotKind.InPerson, Doctors, now, windowEnd)];
            if (physicalTherapy)
            {
                specs.Insert(0, new(Therapist, null, Therapists, now, windowEnd));
            }
        }

        var groups = new List<SlotGroup>();
        foreach (var spec in specs.Where(s => onlyGroup is null || s.Key == onlyGroup))
        {
            var slots = await db.FreeSlotsOf(clinic.Id, spec.FromUtc, spec.ToUtc, spec.Kind, spec.Specialties)
                .Take(perGroup + 1).ToListAsync(cancellationToken);
            groups.Add(new SlotGroup(spec.Key, [.. slots.Take(perGroup).Select(s => SlotChoice.From(s, zone))], slots.Count > perGroup));
        }

        return new BookingOffer(clinic, disposition, physicalTherapy, noneLeftToday, groups);
    }

    /// <summary>Free times like this appointment's (the same kind, a doctor or a therapist as before) to move it to.</summary>
    public async Task<IReadOnlyList<SlotChoice>> AlternativesAsync(
        Clinic clinic, SlotKind kind, Specialty specialty, Guid? except, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var now = clock.GetUtcNow().UtcDateTime;
        var specialties = specialty == Specialty.PhysicalTherapy ? Therapists : Doctors;
        var slots = await db.FreeSlotsOf(clinic.Id, now, now.AddDays(clinic.BookingDays), kind, specialties)
            .Take(count + 1).ToListAsync(cancellationToken);
        return [.. slots.Where(s => s.Id != except).Take(count).Select(s => SlotChoice.From(s, clinic.TimeZone))];
    }

    /// <summary>The most free times the day chooser reads: far more than two weeks of one clinic's hours.</summary>
    public const int MaxChooserSlots = 2000;

    /// <summary>
    /// Every free time like this appointment's in the clinic's booking window, by day on the clinic's clock: the days
    /// to choose from when moving a visit, each with its times.
    /// </summary>
    public async Task<IReadOnlyList<SlotDay>> AlternativeDaysAsync(
        Clinic clinic, SlotKind kind, Specialty specialty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var now = clock.GetUtcNow().UtcDateTime;
        var specialties = specialty == Specialty.PhysicalTherapy ? Therapists : Doctors;
        var slots = await db.FreeSlotsOf(clinic.Id, now, now.AddDays(clinic.BookingDays), kind, specialties)
            .Take(MaxChooserSlots).ToListAsync(cancellationToken);
        return [.. slots.Select(s => SlotChoice.From(s, clinic.TimeZone))
            .GroupBy(s => DateOnly.FromDateTime(s.LocalStart.DateTime))
            .OrderBy(g => g.Key)
            .Select(g => new SlotDay(g.Key, [.. g.OrderBy(s => s.StartUtc)]))];
    }

    /// <summary>One slot with its clinic and clinician, and whether it can still be booked; null when there is no such slot.</summary>
    public async Task<SlotDetails?> SlotAsync(Guid slotId, CancellationToken cancellationToken)
    {
        var found = await (from s in db.Slots.AsNoTracking()
                           join c in db.Clinicians.AsNoTracking() on s.ClinicianId equals c.Id
                           join k in db.Clinics.AsNoTracking() on s.ClinicId equals k.Id
                           where s.Id == slotId
                           select new { Slot = s, c.DisplayName, c.Specialty, Clinic = k }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var taken = await db.Appointments.AnyAsync(a => a.SlotId == slotId && a.Status == AppointmentStatus.Booked, cancellationToken);
        var started = found.Slot.StartUtc <= clock.GetUtcNow().UtcDateTime;
        var choice = new SlotChoice(found.Slot.Id, found.Slot.Kind, found.Slot.StartUtc, ClinicsApi.Local(found.Slot.StartUtc, found.Clinic.TimeZone),
            found.DisplayName, found.Specialty);
        return new SlotDetails(choice, found.Clinic, taken ? BookingError.SlotTaken : started ? BookingError.SlotInPast : null);
    }

    private async Task<bool> AnyAsync(Guid clinicId, List<Spec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            if (await db.FreeSlotsOf(clinicId, spec.FromUtc, spec.ToUtc, spec.Kind, spec.Specialties).AnyAsync(cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first instant of tomorrow on the clinic's clock, in UTC.</summary>
    public static DateTime StartOfNextDay(TimeZoneInfo zone, DateTime nowUtc)
    {
        var tomorrow = SlotPlanner.LocalDate(zone, nowUtc).AddDays(1).ToDateTime(TimeOnly.MinValue);

        // Where midnight is skipped by a clock change, the day starts at the first hour that exists.
        for (var hour = 0; hour < 3; hour++)
        {
            if (SlotPlanner.ToUtc(zone, tomorrow.AddHours(hour)) is { } utc)
            {
                return utc;
            }
        }

        return nowUtc.AddDays(1);
    }
}

/// <summary>How the booking pages write times, kinds and people.</summary>
public static class SlotWords
{
    /// <summary>"Today, 3:30 PM" or "Sat 12 Dec, 9:00 AM", on the clinic's clock.</summary>
    public static string When(DateTimeOffset local, DateTimeOffset localNow) =>
        (local.Date == localNow.Date ? BookingText.English["today"] : local.ToString("ddd d MMM", CultureInfo.InvariantCulture))
        + ", " + local.ToString("h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>"Wednesday 9 December 2026, 3:30 PM", for a confirmation that must not be misread.</summary>
    public static string LongWhen(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy, h:mm tt", CultureInfo.InvariantCulture);

    public static string Kind(SlotKind kind) => Kind(kind.WireName());

    /// <summary>A kind by its wire name (<c>telemedicine</c>, <c>in_person</c>).</summary>
    public static string Kind(string wireName) => BookingText.English["kind_" + wireName];

    /// <summary>Why a time cannot be booked, in plain words.</summary>
    public static string Refusal(BookingError error) => BookingText.English[error switch
    {
        BookingError.SlotTaken => "taken_body",
        BookingError.SlotInPast => "past_body",
        BookingError.AppointmentCancelled => "reschedule_cancelled",
        _ => "gone_body",
    }];

    /// <summary>Why nothing more can be booked: the person holds <paramref name="maxOpen"/> open visits already.</summary>
    public static string TooManyOpen(int maxOpen) => BookingText.English.Format("limit_body", maxOpen);

    /// <summary>"America/New_York" as "New York"; null for a zone that names no place (UTC).</summary>
    public static string? Place(string timeZoneId) => PatientTimes.Place(timeZoneId);

    public static string TimesNote(Clinic clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return TimesNote(clinic.TimeZoneId);
    }

    /// <summary>"Times are the clinic's local time (New York)."; never "UTC" or an offset.</summary>
    public static string TimesNote(string timeZoneId) => Place(timeZoneId) is { } place
        ? BookingText.English.Format("times_note", place)
        : BookingText.English["times_note_plain"];

    /// <summary>"Booked", "Cancelled", or "Moved to Wednesday 9 December 2026, 3:30 PM".</summary>
    public static string Status(AppointmentDocument appointment, AppointmentDocument? movedTo)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var words = BookingText.English;
        return appointment.Status == "booked" ? words["status_booked"]
            : movedTo is not null ? words.Format("status_moved", LongWhen(movedTo.LocalStart))
            : words["status_cancelled"];
    }

    /// <summary>A phone number as a tel: address: digits and a leading plus only.</summary>
    public static string TelHref(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return "tel:" + new string([.. phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == phone.IndexOf('+')))]);
    }
}
