namespace BackCare.Data.Clinics;

/// <summary>One slot the planner says should exist: start and end in UTC.</summary>
public readonly record struct PlannedSlot(Guid ClinicianId, DateTime StartUtc, DateTime EndUtc, SlotKind Kind);

/// <summary>
/// Turns a clinician's weekly hours, minus their time off, into slots for a run of local dates. Pure: the hours are
/// clinic-local clock times, so a 09:00 slot is 09:00 local in winter and in summer, whatever its UTC time.
/// </summary>
public static class SlotPlanner
{
    public static IEnumerable<PlannedSlot> Plan(
        TimeZoneInfo zone, IReadOnlyList<WeeklyAvailability> hours, IReadOnlyList<TimeOff> timeOff, DateOnly firstDay, int days)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(timeOff);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        for (var day = firstDay; day < firstDay.AddDays(days); day = day.AddDays(1))
        {
            foreach (var rule in hours.Where(h => h.Day == day.DayOfWeek).OrderBy(h => h.StartMinute))
            {
                var off = timeOff.Where(t => t.ClinicianId == rule.ClinicianId && t.Date == day).ToList();
                for (var minute = rule.StartMinute; minute + rule.SlotMinutes <= rule.EndMinute; minute += rule.SlotMinutes)
                {
                    var end = minute + rule.SlotMinutes;
                    if (off.Any(t => t.IsWholeDay || (t.StartMinute < end && minute < t.EndMinute)))
                    {
                        continue;
                    }

                    if (ToUtc(zone, day.ToDateTime(TimeOnly.MinValue).AddMinutes(minute)) is { } startUtc)
                    {
                        yield return new PlannedSlot(rule.ClinicianId, startUtc, startUtc.AddMinutes(rule.SlotMinutes), rule.Kind);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A local clock time as UTC. A time the clocks skip (spring forward) has no slot; a time they pass twice (fall
    /// back) means the first pass, the one people are awake for when the clinic opens early.
    /// </summary>
    public static DateTime? ToUtc(TimeZoneInfo zone, DateTime local)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The clinic's local date at an instant.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));
}
