using System.Globalization;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using BackCare.Web.Accounts;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>A clinic as an administrator sets it (the API's body, and the admin page's form once its text is read).</summary>
public sealed record ClinicRequest(
    string? Name, string? Address, string? Phone, string? TimeZone, string? Offers, double? Latitude, double? Longitude,
    int? SlotMinutes, int? BookingDays, string? JoinUrlTemplate);

/// <summary>
/// Regular hours to add: for one clinician of the clinic, or for every one of them when <see cref="ClinicianId"/> is
/// null; a weekday (<c>monday</c>), local clock times (<c>09:00</c>) and a kind (<c>in_person</c>, <c>telemedicine</c>).
/// </summary>
public sealed record HoursRequest(Guid? ClinicianId, string? Day, string? From, string? To, string? Kind);

/// <summary>
/// A day off (a holiday when <see cref="ClinicianId"/> is null: everyone's), or part of one when both times are given.
/// </summary>
public sealed record TimeOffRequest(Guid? ClinicianId, string? Date, string? From, string? To, string? Reason);

public sealed record ClinicSummary(
    Guid Id, string Name, string Address, string Phone, string TimeZone, string? Offers, double? Latitude, double? Longitude,
    int SlotMinutes, int BookingDays, string? JoinUrlTemplate);

public sealed record HoursRow(Guid Id, Guid ClinicianId, string Day, string From, string To, string Kind);

public sealed record TimeOffRow(Guid Id, Guid ClinicianId, string Date, string? From, string? To, string Reason);

public sealed record ClinicianSummary(Guid Id, string DisplayName, string Specialty, bool CanSignIn, IReadOnlyList<HoursRow> Hours, IReadOnlyList<TimeOffRow> TimeOff);

/// <summary>Everything an administrator sets for a clinic, and how many free times it has now.</summary>
public sealed record ClinicDetails(ClinicSummary Clinic, IReadOnlyList<ClinicianSummary> Clinicians, int FreeSlots);

/// <summary>What came of a change: done (with what was made), refused with the form's errors, or no such clinic or row.</summary>
public sealed record AdminOutcome<T>(T? Value, FormErrors? Errors, bool NotFound);

internal static class AdminOutcome
{
    public static AdminOutcome<T> Done<T>(T value) => new(value, null, false);

    public static AdminOutcome<T> Refused<T>(FormErrors errors) => new(default, errors, false);

    public static AdminOutcome<T> Missing<T>() => new(default, null, true);
}

/// <summary>
/// An administrator's changes to clinics, shared by <c>/api/admin/clinics</c> and the admin pages: the checks (in the
/// site's words, by field), the change with its audit event in one save, and the clinic's slots made again from the
/// new hours at once (<see cref="SlotGenerator.RegenerateAsync"/>: free times that no longer fit go, booked ones stay).
/// </summary>
public sealed class ClinicAdmin(BackCareDbContext db, SlotGenerator slots, AuditLog audit, FormValidation validation, ILogger<ClinicAdmin> log)
{
    private static PageText Text => PageText.English;

    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string Clock(int minute) => minute == WeeklyAvailability.MinutesPerDay
        ? "24:00"
        : new TimeOnly(minute / 60, minute % 60).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Every clinic by name, for the admin list and the clinician form's choice.</summary>
    public Task<List<ClinicSummary>> ListAsync(CancellationToken cancellationToken) =>
        db.Clinics.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Take(500)
            .Select(c => new ClinicSummary(c.Id, c.Name, c.Address, c.Phone, c.TimeZoneId, c.Offers, c.Latitude, c.Longitude, c.SlotMinutes, c.BookingDays, c.JoinUrlTemplate))
            .ToListAsync(cancellationToken);

    public async Task<ClinicDetails?> DetailsAsync(Guid clinicId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var clinic = await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        if (clinic is null)
        {
            return null;
        }

        var clinicians = await db.Clinicians.AsNoTracking().Where(c => c.ClinicId == clinicId).OrderBy(c => c.DisplayName).ToListAsync(cancellationToken);
        var ids = clinicians.Select(c => c.Id).ToList();
        var hours = await db.WeeklyAvailability.AsNoTracking().Where(h => ids.Contains(h.ClinicianId)).ToListAsync(cancellationToken);
        var today = SlotPlanner.LocalDate(clinic.TimeZone, nowUtc);
        var timeOff = await db.TimeOff.AsNoTracking().Where(t => ids.Contains(t.ClinicianId) && t.Date >= today).OrderBy(t => t.Date).ToListAsync(cancellationToken);
        var free = await db.FreeSlotsOf(clinicId, nowUtc, nowUtc.AddDays(clinic.BookingDays)).CountAsync(cancellationToken);
        return new ClinicDetails(
            Summary(clinic),
            [.. clinicians.Select(c => new ClinicianSummary(
                c.Id, c.DisplayName, c.Specialty.WireName(), c.AccountId is not null,
                [.. hours.Where(h => h.ClinicianId == c.Id).OrderBy(h => (((int)h.Day) + 6) % 7).ThenBy(h => h.StartMinute)
                    .Select(h => new HoursRow(h.Id, h.ClinicianId, DayName(h.Day), Clock(h.StartMinute), Clock(h.EndMinute), h.Kind.WireName()))],
                [.. timeOff.Where(t => t.ClinicianId == c.Id)
                    .Select(t => new TimeOffRow(t.Id, t.ClinicianId, t.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        t.StartMinute is { } s ? Clock(s) : null, t.EndMinute is { } e ? Clock(e) : null, t.Reason))]))],
            free);
    }

    public async Task<AdminOutcome<ClinicSummary>> CreateAsync(ClinicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = await CheckAsync(request, cancellationToken);
        if (errors.Any)
        {
            return AdminOutcome.Refused<ClinicSummary>(errors);
        }

        var clinic = new Clinic(request.Name!, request.Address!, request.Phone!, request.TimeZone!.Trim());
        Apply(clinic, request);
        db.Clinics.Add(clinic);
        audit.Stage(AuditAction.Create, clinic.Id, nameof(Clinic), clinic.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return AdminOutcome.Done<ClinicSummary>(Summary(clinic));
    }

    /// <summary>
    /// Changes a clinic's details and booking settings. A new visit length re-cuts every clinician's hours, so it is
    /// refused while some hours are shorter than one visit; the slots are made again when anything about them changed.
    /// </summary>
    public async Task<AdminOutcome<ClinicSummary>> UpdateAsync(Guid clinicId, ClinicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clinic = await db.Clinics.FirstOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        if (clinic is null)
        {
            return AdminOutcome.Missing<ClinicSummary>();
        }

        var errors = await CheckAsync(request, cancellationToken);
        var slotMinutes = request.SlotMinutes ?? clinic.SlotMinutes;
        var hours = db.WeeklyAvailability.Where(h => db.Clinicians.Any(c => c.Id == h.ClinicianId && c.ClinicId == clinicId));
        if (!errors.Any && slotMinutes != clinic.SlotMinutes && await hours.AnyAsync(h => h.EndMinute - h.StartMinute < slotMinutes, cancellationToken))
        {
            errors.Add("slotMinutes", Text["admin_error_slot_longer_than_hours"]);
        }

        if (errors.Any)
        {
            return AdminOutcome.Refused<ClinicSummary>(errors);
        }

        var remake = slotMinutes != clinic.SlotMinutes || (request.BookingDays ?? clinic.BookingDays) != clinic.BookingDays
            || request.TimeZone!.Trim() != clinic.TimeZoneId;
        var oldMinutes = clinic.SlotMinutes;
        Apply(clinic, request);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (clinic.SlotMinutes != oldMinutes)
            {
                await hours.ExecuteUpdateAsync(set => set.SetProperty(h => h.SlotMinutes, clinic.SlotMinutes), cancellationToken);
            }

            audit.Stage(AuditAction.Update, clinic.Id, nameof(Clinic), clinic.Id.ToString());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (remake)
        {
            await RemakeSlotsAsync(clinic, cancellationToken);
        }

        return AdminOutcome.Done<ClinicSummary>(Summary(clinic));
    }

    /// <summary>Adds weekly hours for one clinician or for every clinician of the clinic, cut into the clinic's visit length.</summary>
    public async Task<AdminOutcome<IReadOnlyList<Guid>>> AddHoursAsync(Guid clinicId, HoursRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clinic = await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        if (clinic is null)
        {
            return AdminOutcome.Missing<IReadOnlyList<Guid>>();
        }

        var errors = new FormErrors();
        var who = await WhoAsync(clinicId, request.ClinicianId, errors, cancellationToken);
        var named = Week.Where(d => string.Equals(DayName(d), request.Day?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
        {
            errors.Add("day", Text["admin_error_day"]);
        }

        var from = ReadClock(request.From, "from", errors, Text["admin_error_time"]);
        var to = ReadClock(request.To, "to", errors, Text["admin_error_time"]);
        if (from is { } start && to is { } end)
        {
            if (end <= start)
            {
                errors.Add("to", Text["admin_error_end_before_start"]);
            }
            else if (end - start < clinic.SlotMinutes)
            {
                errors.Add("to", Text.Format("admin_error_hours_shorter_than_visit", clinic.SlotMinutes));
            }
        }

        if (!ClinicNames.TryParseKind(request.Kind, out var kind))
        {
            errors.Add("kind", Text["admin_error_kind"]);
        }

        if (errors.Any)
        {
            return AdminOutcome.Refused<IReadOnlyList<Guid>>(errors);
        }

        var rows = who.Select(id => new WeeklyAvailability(id, named[0], from!.Value, to!.Value, clinic.SlotMinutes, kind)).ToList();
        return await AddRowsAsync(clinic, rows, r => r.Id, cancellationToken);
    }

    public async Task<bool> RemoveHoursAsync(Guid clinicId, Guid hoursId, CancellationToken cancellationToken)
    {
        var row = await db.WeeklyAvailability
            .FirstOrDefaultAsync(h => h.Id == hoursId && db.Clinicians.Any(c => c.Id == h.ClinicianId && c.ClinicId == clinicId), cancellationToken);
        return await RemoveRowAsync(clinicId, row, hoursId, cancellationToken);
    }

    /// <summary>Adds a day off (or part of one) for one clinician, or for everyone (a holiday); their free times that day go.</summary>
    public async Task<AdminOutcome<IReadOnlyList<Guid>>> AddTimeOffAsync(Guid clinicId, TimeOffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clinic = await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        if (clinic is null)
        {
            return AdminOutcome.Missing<IReadOnlyList<Guid>>();
        }

        var errors = new FormErrors();
        var who = await WhoAsync(clinicId, request.ClinicianId, errors, cancellationToken);
        if (!DateOnly.TryParseExact(request.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("date", Text["admin_error_date"]);
        }

        int? from = null, to = null;
        var partOfDay = !string.IsNullOrWhiteSpace(request.From) || !string.IsNullOrWhiteSpace(request.To);
        if (partOfDay)
        {
            from = ReadClock(request.From, "from", errors, Text["admin_error_time_off_times"]);
            to = ReadClock(request.To, "to", errors, Text["admin_error_time_off_times"]);
            if (from is { } start && to is { } end && end <= start)
            {
                errors.Add("to", Text["admin_error_end_before_start"]);
            }
        }

        await validation.CheckAsync(new TimeOffForm { Reason = request.Reason }, PageText.English, errors, cancellationToken);

        if (errors.Any)
        {
            return AdminOutcome.Refused<IReadOnlyList<Guid>>(errors);
        }

        var rows = who.Select(id => new TimeOff(id, date, request.Reason!, from, to)).ToList();
        return await AddRowsAsync(clinic, rows, r => r.Id, cancellationToken);
    }

    public async Task<bool> RemoveTimeOffAsync(Guid clinicId, Guid timeOffId, CancellationToken cancellationToken)
    {
        var row = await db.TimeOff
            .FirstOrDefaultAsync(t => t.Id == timeOffId && db.Clinicians.Any(c => c.Id == t.ClinicianId && c.ClinicId == clinicId), cancellationToken);
        return await RemoveRowAsync(clinicId, row, timeOffId, cancellationToken);
    }

    /// <summary>Adds rows of a clinic's hours or time off, audits each, and makes the clinic's free times again.</summary>
    private async Task<AdminOutcome<IReadOnlyList<Guid>>> AddRowsAsync<TRow>(Clinic clinic, List<TRow> rows, Func<TRow, Guid> idOf, CancellationToken cancellationToken)
        where TRow : class
    {
        db.Set<TRow>().AddRange(rows);
        foreach (var row in rows)
        {
            audit.Stage(AuditAction.Create, clinic.Id, typeof(TRow).Name, idOf(row).ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        await RemakeSlotsAsync(clinic, cancellationToken);
        return AdminOutcome.Done<IReadOnlyList<Guid>>([.. rows.Select(idOf)]);
    }

    /// <summary>Removes one row of a clinic's hours or time off (false when it is not the clinic's), audited, and makes the free times again.</summary>
    private async Task<bool> RemoveRowAsync<TRow>(Guid clinicId, TRow? row, Guid rowId, CancellationToken cancellationToken)
        where TRow : class
    {
        if (row is null || await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clinicId, cancellationToken) is not { } clinic)
        {
            return false;
        }

        db.Set<TRow>().Remove(row);
        audit.Stage(AuditAction.Delete, clinicId, typeof(TRow).Name, rowId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await RemakeSlotsAsync(clinic, cancellationToken);
        return true;
    }

    /// <summary>
    /// The checks of a clinic's details, by field: the simple ones by <see cref="ClinicForm"/>'s attributes (decision
    /// 0021), then what needs the machine or two fields.
    /// </summary>
    public async Task<FormErrors> CheckAsync(ClinicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FormErrors();
        await validation.CheckAsync(
            new ClinicForm
            {
                Name = Blank(request.Name), Address = Blank(request.Address), Phone = Blank(request.Phone), TimeZone = Blank(request.TimeZone),
                Offers = request.Offers, Latitude = request.Latitude, Longitude = request.Longitude, SlotMinutes = request.SlotMinutes,
                BookingDays = request.BookingDays, JoinUrlTemplate = request.JoinUrlTemplate,
            },
            Text,
            errors,
            cancellationToken);
        if (!string.IsNullOrWhiteSpace(request.TimeZone)
            && (!IsIana(request.TimeZone.Trim()) || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone.Trim(), out _)))
        {
            errors.Add("timeZone", Text["admin_error_time_zone"]);
        }

        if (request.Latitude.HasValue != request.Longitude.HasValue)
        {
            errors.Add(request.Latitude.HasValue ? "longitude" : "latitude", Text["admin_error_both_coordinates"]);
        }

        if (!string.IsNullOrWhiteSpace(request.JoinUrlTemplate) && !BookingOptions.IsJoinUrlTemplate(request.JoinUrlTemplate))
        {
            errors.Add("joinUrlTemplate", Text["admin_error_join_url"]);
        }

        return errors;
    }

    /// <summary>Only spaces count as not given, as the attribute's <c>Required</c> sees it.</summary>
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>An IANA name (Europe/Berlin), which every platform reads the same way, not a Windows one.</summary>
    private static bool IsIana(string zone) => zone.Contains('/', StringComparison.Ordinal) || zone == "UTC";

    private static void Apply(Clinic clinic, ClinicRequest request)
    {
        clinic.Describe(request.Name!, request.Address!, request.Phone!, request.TimeZone!.Trim(), request.Offers, request.Latitude, request.Longitude);
        clinic.PlanBooking(request.SlotMinutes ?? clinic.SlotMinutes, request.BookingDays ?? clinic.BookingDays, request.JoinUrlTemplate);
    }

    private static ClinicSummary Summary(Clinic c) =>
        new(c.Id, c.Name, c.Address, c.Phone, c.TimeZoneId, c.Offers, c.Latitude, c.Longitude, c.SlotMinutes, c.BookingDays, c.JoinUrlTemplate);

    /// <summary>The clinician named, when they work at the clinic, or every clinician of it; an error when there is nobody.</summary>
    private async Task<IReadOnlyList<Guid>> WhoAsync(Guid clinicId, Guid? clinicianId, FormErrors errors, CancellationToken cancellationToken)
    {
        var clinicians = db.Clinicians.AsNoTracking().Where(c => c.ClinicId == clinicId);
        if (clinicianId is { } one)
        {
            clinicians = clinicians.Where(c => c.Id == one);
        }

        var ids = await clinicians.Select(c => c.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            errors.Add("clinicianId", Text[clinicianId is null ? "admin_error_no_clinicians" : "admin_error_clinician"]);
        }

        return ids;
    }

    /// <summary>"09:00" or "9:00" as minutes from midnight ("24:00" is the end of the day); null with an error when not a time.</summary>
    private static int? ReadClock(string? text, string field, FormErrors errors, string message)
    {
        var trimmed = text?.Trim();
        if (trimmed == "24:00")
        {
            return WeeklyAvailability.MinutesPerDay;
        }

        if (TimeOnly.TryParseExact(trimmed, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (time.Hour * 60) + time.Minute;
        }

        errors.Add(field, message);
        return null;
    }

    private async Task RemakeSlotsAsync(Clinic clinic, CancellationToken cancellationToken)
    {
        var (removed, added) = await slots.RegenerateAsync(clinic, cancellationToken);
        ClinicLog.SlotsRemade(log, clinic.Id, removed, added);
    }
}
