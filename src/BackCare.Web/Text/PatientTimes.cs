using System.Globalization;

namespace BackCare.Web.Text;

/// <summary>
/// Times as a person says them, on the clinic's clock: "Today at 3:30 PM", "Yesterday at 9:05 AM", "Monday 3 March at
/// 10:00 AM". Never an offset or "UTC": the place whose clock it is ("New York time") is said once on the page.
/// </summary>
public static class PatientTimes
{
    public static string Words(DateTime utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone).Date;
        var clock = local.ToString("h:mm tt", CultureInfo.InvariantCulture);
        var text = PageText.English;
        if (local.Date == today)
        {
            return text.Format("time_today", clock);
        }

        if (local.Date == today.AddDays(-1))
        {
            return text.Format("time_yesterday", clock);
        }

        var day = local.ToString(local.Year == today.Year ? "dddd d MMMM" : "dddd d MMMM yyyy", CultureInfo.InvariantCulture);
        return text.Format("time_day", day, clock);
    }

    /// <summary>A date alone, for a saved check: "today", "yesterday" or "Monday 3 March".</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).Date;
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone).Date;
        return local == today ? PageText.English["today"]
            : local == today.AddDays(-1) ? PageText.English["yesterday"]
            : local.ToString(local.Year == today.Year ? "dddd d MMMM" : "dddd d MMMM yyyy", CultureInfo.InvariantCulture);
    }

    /// <summary>"America/New_York" as "New York"; a zone without a place (UTC) as nothing at all.</summary>
    public static string? Place(string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(timeZoneId);
        if (!timeZoneId.Contains('/', StringComparison.Ordinal) || timeZoneId.StartsWith("Etc/", StringComparison.Ordinal))
        {
            return null;
        }

        return timeZoneId[(timeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');
    }
}
