using System.Globalization;
using BackCare.Data;
using BackCare.Data.Clinics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Clinics;

public sealed record ClinicDocument(Guid Id, string Name, string Address, string Phone, string TimeZone, string[] Specialties);

/// <summary>A free slot: UTC start and end, and the start on the clinic's clock, each with its offset.</summary>
public sealed record SlotDocument(
    Guid Id, Guid ClinicId, string Kind, DateTimeOffset StartUtc, DateTimeOffset EndUtc, DateTimeOffset LocalStart,
    string ClinicianName, string Specialty);

/// <summary>The public face of the clinics: who they are and which times are free.</summary>
internal static class ClinicsApi
{
    /// <summary>The most slots one search answers with, however wide its range.</summary>
    public const int MaxSlots = 2000;

    /// <summary>
    /// The times a search may name. Far enough either way for any booking, and far enough inside the calendar's
    /// ends that adding a search window or a time zone offset to them cannot overflow.
    /// </summary>
    public static readonly DateTime EarliestSearchTime = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime LatestSearchTime = new(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string OutOfRange = $"must be in the years {EarliestSearchTime.Year} to {LatestSearchTime.Year - 1}";

    public static IEndpointRouteBuilder MapClinicsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clinics").WithTags("Clinics");
        api.MapGet("/", List).WithName("ListClinics").WithSummary("The clinics: name, address, phone, time zone and the specialties they offer");
        api.MapGet("/{id:guid}/slots", Slots).WithName("ListFreeSlots")
            .WithSummary("A clinic's free slots: kind=telemedicine|in_person, from and to (ISO 8601), specialty")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<ClinicDocument[]>> List(BackCareDbContext db, CancellationToken cancellationToken)
    {
        var clinics = await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var offered = (await db.Clinicians.AsNoTracking().Select(c => new { c.ClinicId, c.Specialty }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(c => c.ClinicId, c => c.Specialty);
        return TypedResults.Ok(clinics.Select(c => new ClinicDocument(
            c.Id, c.Name, c.Address, c.Phone, c.TimeZoneId, [.. offered[c.Id].Order().Select(s => s.WireName())])).ToArray());
    }

    public static async Task<Results<Ok<SlotDocument[]>, ValidationProblem, ProblemHttpResult>> Slots(
        Guid id, string? kind, string? from, string? to, string? specialty,
        BackCareDbContext db, TimeProvider clock, IOptions<BookingOptions> booking, CancellationToken cancellationToken)
    {
        var clinic = await db.Clinics.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (clinic is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such clinic", detail: "There is no clinic with this id.");
        }

        var errors = new Dictionary<string, string[]>();
        SlotKind? wantedKind = null;
        if (kind is not null)
        {
            if (ClinicNames.TryParseKind(kind, out var parsed))
            {
                wantedKind = parsed;
            }
            else
            {
                errors["kind"] = ["must be telemedicine or in_person"];
            }
        }

        Specialty? wantedSpecialty = null;
        if (specialty is not null)
        {
            if (ClinicNames.TryParseSpecialty(specialty, out var parsed))
            {
                wantedSpecialty = parsed;
            }
            else
            {
                errors["specialty"] = ["must be orthopedic, spine, physical_therapy or primary_care"];
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = booking.Value;
        var fromUtc = ReadTime(from, "from", clinic.TimeZone, errors) ?? now;
        var toUtc = ReadTime(to, "to", clinic.TimeZone, errors) ?? fromUtc.AddDays(clinic.BookingDays);
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (toUtc <= fromUtc)
            {
                errors["to"] = ["must be after from"];
            }
            else if (toUtc - fromUtc > TimeSpan.FromDays(settings.MaxSearchDays))
            {
                errors["to"] = [$"may be at most {settings.MaxSearchDays} days after from"];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "Each parameter below says what is wrong.", title: "The slot search is not valid");
        }

        // A slot that has started cannot be booked, so it is not offered.
        var slots = await db.FreeSlotsOf(id, fromUtc < now ? now : fromUtc, toUtc, wantedKind, wantedSpecialty)
            .Take(MaxSlots).ToListAsync(cancellationToken);
        return TypedResults.Ok(slots.Select(s => Document(s, clinic.TimeZone)).ToArray());
    }

    public static SlotDocument Document(FreeSlot slot, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(slot.Id, slot.ClinicId, slot.Kind.WireName(), Utc(slot.StartUtc), Utc(slot.EndUtc), Local(slot.StartUtc, zone),
            slot.ClinicianName, slot.Specialty.WireName());
    }

    public static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>An instant on the clinic's clock, with the clinic's offset at that instant.</summary>
    public static DateTimeOffset Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(Utc(utc), zone);

    /// <summary>
    /// An ISO 8601 time with an offset ("…T09:00:00-05:00", "…Z"), or a time or a date without one, which is read on
    /// the clinic's clock (a date means its local midnight). A "+" turned into a space by the query string is put back.
    /// </summary>
    internal static DateTime? ReadTime(string? text, string name, TimeZoneInfo zone, Dictionary<string, string[]> errors)
    {
        var time = ParseTime(text, name, zone, errors);
        if (time is { } utc && (utc < EarliestSearchTime || utc >= LatestSearchTime))
        {
            errors[name] = [OutOfRange];
            return null;
        }

        return time;
    }

    private static DateTime? ParseTime(string? text, string name, TimeZoneInfo zone, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim().Replace(' ', '+');
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return LocalOrError(date.ToDateTime(TimeOnly.MinValue), name, zone, errors);
        }

        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant.UtcDateTime;
        }

        string[] localFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        if (!hasOffset && DateTime.TryParseExact(value, localFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return LocalOrError(local, name, zone, errors);
        }

        errors[name] = ["must be an ISO 8601 date (2026-11-23) or date and time (2026-11-23T09:00:00-05:00)"];
        return null;
    }

    private static DateTime? LocalOrError(DateTime local, string name, TimeZoneInfo zone, Dictionary<string, string[]> errors)
    {
        if (local < EarliestSearchTime || local >= LatestSearchTime)
        {
            // Out of range anyway; checked before the conversion, which throws at the calendar's ends.
            errors[name] = [OutOfRange];
            return null;
        }

        if (SlotPlanner.ToUtc(zone, local) is { } utc)
        {
            return utc;
        }

        errors[name] = ["is a time the clinic's clocks skip (daylight saving); give one with an offset"];
        return null;
    }
}
