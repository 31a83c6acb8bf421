using System.Globalization;

namespace BackCare.Browser.Tests;

/// <summary>
/// Lighthouse times the page on this machine and multiplies by four, so an audit taken while other test projects keep
/// both cores busy measures them, not the page (on CI, the home-care result scored 77 to 89 beside the web tests and 96
/// to 100 alone). Before an audit the test waits here until the machine is quiet: on Linux, until the share of CPU time
/// spent busy, read from <c>/proc/stat</c> over a few seconds, stays at or under <see cref="QuietShare"/> twice running.
/// </summary>
internal static class QuietMachine
{
    /// <summary>Busy share of all cores that counts as quiet: a Kestrel host and an idle browser stay well under it.</summary>
    public const double QuietShare = 0.25;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Waits until the machine is quiet, or at most <paramref name="longest"/> (one window of a few seconds at least), and
    /// says how it went: the busy share of the last window and how long it waited. Where <c>/proc/stat</c> cannot be read
    /// it returns at once.
    /// </summary>
    public static async Task<string> WaitAsync(TimeSpan longest)
    {
        if (ReadTimes() is not { } before)
        {
            return "machine load unknown (no /proc/stat)";
        }

        var started = DateTime.UtcNow;
        var quietWindows = 0;
        double busy;
        do
        {
            await Task.Delay(Window);
            var after = ReadTimes()!.Value;
            var total = after.Total - before.Total;
            busy = total <= 0 ? 0 : 1 - (double)(after.Idle - before.Idle) / total;
            quietWindows = busy <= QuietShare ? quietWindows + 1 : 0;
            before = after;
        }
        while (quietWindows < 2 && DateTime.UtcNow - started < longest);

        var waited = DateTime.UtcNow - started;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(quietWindows >= 2 ? "quiet" : "still busy")} after {waited.TotalSeconds:0} s (CPU {busy:P0} busy over the last {Window.TotalSeconds:0} s)");
    }

    /// <summary>The first line of /proc/stat: the time all cores spent in each state, in clock ticks.</summary>
    private static (long Total, long Idle)? ReadTimes()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user, nice, system, idle, iowait, irq, softirq, steal: idle and waiting on the disk are not busy.
            return (ticks.Sum(), ticks[3] + ticks[4]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
