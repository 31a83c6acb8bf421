using System.Globalization;
using BackCare.Clinical.Contract;
using BackCare.Clinical.Findings;
using BackCare.Web.Text;

namespace BackCare.Web.Clinician;

/// <summary>How the clinician pages say why someone is on the list and when, in plain words and the clinic's time.</summary>
public static class WorklistWords
{
    public const int MaxReasonShown = 140;

    /// <summary>A new red flag named by its finding's label; otherwise the latest disposition's label.</summary>
    public static string Why(string? disposition, IReadOnlyList<string> redFlags)
    {
        ArgumentNullException.ThrowIfNull(redFlags);
        if (redFlags.Count > 0)
        {
            return PageText.English.Format("worklist_why_red_flag", string.Join("; ", redFlags.Distinct().Select(Finding)));
        }

        return disposition is null ? PageText.English["worklist_why_no_assessment"] : Disposition(disposition);
    }

    /// <summary>
    /// Why they are on a patient list: a new red flag first; else the words they wrote when they last booked a visit (cut
    /// to <see cref="MaxReasonShown"/> characters); else their latest disposition's label.
    /// </summary>
    public static string Why(string? disposition, IReadOnlyList<string> redFlags, string? visitReason) =>
        redFlags is { Count: 0 } && !string.IsNullOrWhiteSpace(visitReason)
            ? PageText.English.Format("patients_why_booked", Shortened(visitReason.Trim(), MaxReasonShown))
            : Why(disposition, redFlags);

    /// <summary>
    /// Why a row is on a patient list: a new red flag first; then recovery that stalled at a milestone, while that is
    /// part of the current wait (<see cref="Data.Clinics.WorklistRow.StalledNow"/>); then as above.
    /// </summary>
    public static string Why(Data.Clinics.WorklistRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RedFlags.Count == 0 && row.StalledNow is { } days ? Stalled(days) : Why(row.Disposition, row.RedFlags, row.VisitReason);
    }

    /// <summary>
    /// Why the person of a chart is on the clinic's worklist: a new red flag first; then recovery that stalled at a
    /// milestone, while that is part of the current wait (<see cref="Data.Clinics.ClinicPatient.StalledNow"/>), as the
    /// worklist's row says it; then their latest disposition.
    /// </summary>
    public static string Why(Data.Clinics.ClinicPatient row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var redFlags = (row.RedFlags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return redFlags.Length == 0 && row.StalledNow is { } days ? Stalled(days) : Why(row.Disposition, redFlags);
    }

    /// <summary>"Recovery stalled at 1 week: ...", naming the milestone.</summary>
    private static string Stalled(int days) => PageText.English["patients_why_stalled_" + days.ToString(CultureInfo.InvariantCulture)];

    /// <summary>"41, Female" from the latest saved assessment, or whichever of the two it gave.</summary>
    public static string AgeAndSex(int? age, string? sex)
    {
        var sexWord = sex is not null && FindingCatalog.SexValues.Contains(sex) ? SiteText.English.Answer("sex_" + sex) : null;
        var ageWord = age?.ToString(CultureInfo.InvariantCulture);
        return (ageWord, sexWord) switch
        {
            ({ } a, { } s) => PageText.English.Format("patients_age_sex", a, s),
            ({ } a, null) => a,
            (null, { } s) => s,
            _ => PageText.English["patients_not_given"],
        };
    }

    /// <summary>A date of birth with the month in words, so that no reader mixes up day and month: "14 Mar 1980".</summary>
    public static string Born(DateOnly? dateOfBirth) =>
        dateOfBirth?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? PageText.English["patients_not_given"];

    public static string Phone(string? phone) => phone ?? PageText.English["patients_not_given"];

    /// <summary>The class that colours a disposition's badge; its label says the same in words.</summary>
    public static string BadgeClass(string code) =>
        ContractNames.TryParseDisposition(code, out _) ? "badge badge-" + code : "badge";

    public static string Disposition(string code) =>
        ContractNames.TryParseDisposition(code, out var disposition) ? SiteText.English.For(disposition).Label : code;

    public static string Finding(string key) => FindingCatalog.TryGet(key, out var finding) ? finding.Label : key;

    /// <summary>
    /// A time as the clinic reads it, named by its place: "Wed 9 Dec 2026, 9:30 AM, New York time". Never "UTC" or an
    /// offset, which the people reading it would have to work out.
    /// </summary>
    public static string Local(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone)
            .ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture);
        return PatientTimes.Place(zone.Id) is { } place ? PageText.English.Format("clinic_time", local, place) : local;
    }

    /// <summary>How long since, in whole days, hours or minutes.</summary>
    public static string Waited(DateTime sinceUtc, DateTime nowUtc)
    {
        var waited = nowUtc - sinceUtc;
        return waited.TotalDays >= 1 ? Plural((int)waited.TotalDays, "day")
            : waited.TotalHours >= 1 ? Plural((int)waited.TotalHours, "hour")
            : Plural(Math.Max(0, (int)waited.TotalMinutes), "minute");
    }

    private static string Shortened(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "\u2026";

    private static string Plural(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
