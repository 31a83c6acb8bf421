namespace BackCare.Web.Tests.Booking;

/// <summary>A clock that stands still at a chosen instant, so that "today" at the clinic is a day the test knows.</summary>
internal sealed class SetClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Wednesday 9 December 2026, 09:10 in New York (the demo clinic's time zone): today's morning and afternoon are ahead.</summary>
    public static SetClock WednesdayMorning() => new(new DateTimeOffset(2026, 12, 9, 14, 10, 0, TimeSpan.Zero));

    /// <summary>Sunday 6 December 2026, 10:00 in New York: the demo clinic has no hours on Sundays.</summary>
    public static SetClock Sunday() => new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
