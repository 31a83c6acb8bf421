namespace BackCare.Web.Tests.Notifications;

/// <summary>A clock the test moves by hand, so that a reminder falls due when the test says, not when the machine does.</summary>
internal sealed class MovingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    /// <summary>Wednesday 9 December 2026, 09:10 in New York (the demo clinic's time zone), as the booking tests start.</summary>
    public static MovingClock WednesdayMorning() => new(new DateTimeOffset(2026, 12, 9, 14, 10, 0, TimeSpan.Zero));

    public DateTime UtcNow => GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void MoveTo(DateTime utc)
    {
        lock (_lock)
        {
            utc.Kind.ShouldBe(DateTimeKind.Utc);
            utc.ShouldBeGreaterThanOrEqualTo(_now.UtcDateTime, "the clock only moves forward");
            _now = new DateTimeOffset(utc);
        }
    }
}
