namespace BackCare.Data.Tests.Infrastructure;

/// <summary>A clock the test moves by hand. Starts on a whole millisecond, which every provider stores exactly.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public DateTime UtcNow => now.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
