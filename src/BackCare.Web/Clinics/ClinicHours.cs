using System.Globalization;
using BackCare.Data;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Clinics;

/// <summary>
/// When a clinic is open, in words, from its clinicians' weekly hours: the earliest start and latest end of each day,
/// with days of the same hours said together ("Monday to Friday: 8:00 AM to 5:00 PM").
/// </summary>
public static class ClinicHours
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static async Task<IReadOnlyList<string>> OfAsync(BackCareDbContext db, Guid clinicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hours = await (from w in db.WeeklyAvailability.AsNoTracking()
                           join c in db.Clinicians.AsNoTracking() on w.ClinicianId equals c.Id
                           where c.ClinicId == clinicId
                           select new { w.Day, w.StartMinute, w.EndMinute }).ToListAsync(cancellationToken);
        var byDay = hours.GroupBy(h => h.Day).ToDictionary(g => g.Key, g => (Start: g.Min(h => h.StartMinute), End: g.Max(h => h.EndMinute)));
        return Describe(byDay);
    }

    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<DayOfWeek, (int Start, int End)> byDay)
    {
        ArgumentNullException.ThrowIfNull(byDay);
        var lines = new List<string>();
        for (var i = 0; i < Week.Length; i++)
        {
            if (!byDay.TryGetValue(Week[i], out var span))
            {
                continue;
            }

            var last = i;
            while (last + 1 < Week.Length && byDay.TryGetValue(Week[last + 1], out var next) && next == span)
            {
                last++;
            }

            var text = Text.PageText.English;
            var days = last == i ? Week[i].ToString() : text.Format(last == i + 1 ? "hours_day_pair" : "hours_day_range", Week[i], Week[last]);
            lines.Add(text.Format("hours_line", days, Clock(span.Start), Clock(span.End)));
            i = last;
        }

        return lines;
    }

    private static string Clock(int minutes) =>
        DateTime.MinValue.AddMinutes(minutes % (24 * 60)).ToString("h:mm tt", CultureInfo.InvariantCulture);
}
