using System.Globalization;
using BackCare.Data.Clinics;

namespace BackCare.Data.Tests.Clinics;

public sealed class SlotPlannerTests
{
    private static readonly Guid Clinician = Guid.Parse("7d4f0c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f");

    [Theory]
    [InlineData("America/New_York", "2026-03-06", "09:00", "2026-03-06T14:00:00Z")] // Friday, still winter time (UTC-5)
    [InlineData("America/New_York", "2026-03-09", "09:00", "2026-03-09T13:00:00Z")] // Monday after the clocks went forward (UTC-4)
    [InlineData("America/New_York", "2026-10-30", "09:00", "2026-10-30T13:00:00Z")] // Friday, still summer time
    [InlineData("America/New_York", "2026-11-02", "09:00", "2026-11-02T14:00:00Z")] // Monday after the clocks went back
    [InlineData("Europe/Berlin", "2026-03-27", "09:00", "2026-03-27T08:00:00Z")] // Friday, winter time (UTC+1)
    [InlineData("Europe/Berlin", "2026-03-30", "09:00", "2026-03-30T07:00:00Z")] // Monday, summer time (UTC+2)
    [InlineData("Europe/Berlin", "2026-10-23", "09:00", "2026-10-23T07:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-26", "09:00", "2026-10-26T08:00:00Z")]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")] // passed twice: the first pass (summer time)
    [InlineData("Europe/Berlin", "2026-10-25", "02:30", "2026-10-25T00:30:00Z")]
    public void Given_hours_at_a_local_time_When_planned_on_a_date_near_a_clock_change_Then_the_slot_starts_at_that_local_time_in_UTC(
        string zone, string date, string localStart, string expectedUtc)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        var start = (int)TimeOnly.Parse(localStart, CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes;
        var hours = new[] { new WeeklyAvailability(Clinician, day.DayOfWeek, start, start + 30, 30, SlotKind.InPerson) };

        var slots = SlotPlanner.Plan(TimeZoneInfo.FindSystemTimeZoneById(zone), hours, [], day, 1).ToList();

        slots.Count.ShouldBe(1);
        slots[0].StartUtc.ShouldBe(DateTime.Parse(expectedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
        slots[0].StartUtc.Kind.ShouldBe(DateTimeKind.Utc);
        (slots[0].EndUtc - slots[0].StartUtc).ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-08", "02:30")] // the clocks jump from 02:00 to 03:00
    [InlineData("Europe/Berlin", "2026-03-29", "02:30")]
    public void Given_hours_in_the_hour_the_clocks_skip_When_planned_Then_there_is_no_slot_then(string zone, string date, string localStart)
    {
        var day = DateOnly.Parse(date, CultureInfo.InvariantCulture);
        var start = (int)TimeOnly.Parse(localStart, CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes;
        var hours = new[] { new WeeklyAvailability(Clinician, day.DayOfWeek, start, start + 30, 30, SlotKind.InPerson) };

        SlotPlanner.Plan(TimeZoneInfo.FindSystemTimeZoneById(zone), hours, [], day, 1).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-05", "14,14,14,13,13,13,13")] // Thursday to Wednesday across 8 March
    [InlineData("America/New_York", "2026-10-29", "13,13,13,14,14,14,14")] // across 1 November
    [InlineData("Europe/Berlin", "2026-03-26", "8,8,8,7,7,7,7")] // across 29 March
    [InlineData("Europe/Berlin", "2026-10-22", "7,7,7,8,8,8,8")] // across 25 October
    public void Given_daily_hours_at_nine_When_a_week_across_a_clock_change_is_planned_Then_every_slot_is_nine_local_and_the_UTC_hour_moves(
        string zone, string firstDay, string expectedUtcHours)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var hours = Enum.GetValues<DayOfWeek>().Select(d => new WeeklyAvailability(Clinician, d, 9 * 60, 9 * 60 + 20, 20, SlotKind.Telemedicine)).ToList();

        var slots = SlotPlanner.Plan(timeZone, hours, [], DateOnly.Parse(firstDay, CultureInfo.InvariantCulture), 7).ToList();

        slots.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, timeZone).TimeOfDay).ShouldAllBe(t => t == TimeSpan.FromHours(9));
        string.Join(',', slots.Select(s => s.StartUtc.Hour)).ShouldBe(expectedUtcHours);
        slots.ShouldAllBe(s => s.Kind == SlotKind.Telemedicine);
    }

    [Theory]
    [InlineData(null, null, false, "09:00 09:30 10:00 10:30 11:00 11:30")]
    [InlineData(null, null, true, "")] // the whole day off
    [InlineData("10:00", "11:00", true, "09:00 09:30 11:00 11:30")] // an hour off
    [InlineData("10:15", "10:45", true, "09:00 09:30 11:00 11:30")] // a slot that only partly overlaps goes too
    [InlineData("11:30", "13:00", true, "09:00 09:30 10:00 10:30 11:00")] // off past the end of the hours
    [InlineData("12:00", "13:00", true, "09:00 09:30 10:00 10:30 11:00 11:30")] // off after the hours: nothing lost
    [InlineData(null, null, false, "09:00 09:30 10:00 10:30 11:00 11:30", true)] // another clinician's day off
    public void Given_morning_hours_and_time_off_When_planned_Then_only_the_slots_outside_the_time_off_remain(
        string? offStart, string? offEnd, bool hasTimeOff, string expectedLocalStarts, bool someoneElse = false)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var day = new DateOnly(2026, 3, 30);
        var hours = new[] { new WeeklyAvailability(Clinician, DayOfWeek.Monday, 9 * 60, 12 * 60, 30, SlotKind.InPerson) };
        var off = new List<TimeOff>();
        if (hasTimeOff || someoneElse)
        {
            off.Add(new TimeOff(someoneElse ? Guid.NewGuid() : Clinician, day, "away", Minutes(offStart), Minutes(offEnd)));
        }

        var slots = SlotPlanner.Plan(zone, hours, off, day.AddDays(-1), 3).ToList();

        string.Join(' ', slots.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.StartUtc, zone).ToString("HH:mm", CultureInfo.InvariantCulture)))
            .ShouldBe(expectedLocalStarts);
    }

    [Fact]
    public void Given_hours_that_do_not_divide_into_whole_slots_When_planned_Then_the_last_part_slot_is_left_out()
    {
        var hours = new[] { new WeeklyAvailability(Clinician, DayOfWeek.Monday, 9 * 60, 10 * 60 + 10, 20, SlotKind.InPerson) };

        var slots = SlotPlanner.Plan(TimeZoneInfo.Utc, hours, [], new DateOnly(2026, 3, 30), 1).ToList();

        slots.Select(s => s.StartUtc.ToString("HH:mm", CultureInfo.InvariantCulture)).ShouldBe(["09:00", "09:20", "09:40"]);
    }

    private static int? Minutes(string? time) =>
        time is null ? null : (int)TimeOnly.Parse(time, CultureInfo.InvariantCulture).ToTimeSpan().TotalMinutes;
}
