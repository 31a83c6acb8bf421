using System.Diagnostics;

namespace BackCare.Data.Accounts;

/// <summary>
/// Answers that must not tell by their timing which way they went (an unknown email or a real one, a wrong password or
/// a client made to wait) are held until a floor has passed since the work began, measured in real time.
/// </summary>
public static class AnswerTime
{
    /// <summary>Waits until <paramref name="floor"/> has passed since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static Task WaitOutAsync(long started, TimeSpan floor, CancellationToken cancellationToken)
    {
        var left = floor - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? Task.Delay(left, cancellationToken) : Task.CompletedTask;
    }
}
