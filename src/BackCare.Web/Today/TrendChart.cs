using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace BackCare.Web.Today;

/// <summary>
/// One day of the diary as the trend shows it: the day since the pain began, the pain (0 to 10) and how well the
/// person could do the four everyday things (walk, sit, sleep, work: 2 each when normal, 1 when limited, so 0 to 8),
/// or null when they did not say.
/// </summary>
public sealed record TrendDay(int Day, int Pain, int? Function)
{
    public const int MaxPain = 10;
    public const int MaxFunction = 8;
}

/// <summary>Where one day's marks sit in the drawing; no function mark on a day without one.</summary>
public readonly record struct TrendPoint(int Day, double X, double PainY, double? FunctionY);

/// <summary>The words the chart needs; they come from the page's content file.</summary>
public sealed record TrendChartText(string Label, string PainTitle, string FunctionTitle, string DayAxis, string DayTick, string Empty);

/// <summary>
/// Draws the pain and function trend as an SVG on the server: two panels over one axis of days (pain above,
/// the things the person could do below), with axes, tick labels and an accessible name. No script, no
/// external resources; the page shows the same numbers in a table for screen readers.
/// </summary>
public static class TrendChart
{
    public const double Width = 360;
    public const double Height = 290;
    public const double PlotLeft = 48;
    public const double PlotRight = 344;
    public const double PainTop = 34;
    public const double PainBottom = 114;
    public const double FunctionTop = 156;
    public const double FunctionBottom = 236;

    /// <summary>
    /// The baseline of the note on an empty chart: inside the pain panel, between its top grid line and its middle one,
    /// so it shares a line with no panel title and is crossed by no grid line.
    /// </summary>
    public const double EmptyNoteY = PainTop + (PainBottom - PainTop) / 4 + 5;

    /// <summary>The position of each day's marks: days spread evenly from the first to the last, a single day in the middle.</summary>
    public static IReadOnlyList<TrendPoint> Layout(IReadOnlyList<TrendDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return [];
        }

        var first = days.Min(d => d.Day);
        var span = days.Max(d => d.Day) - first;
        return [.. days.OrderBy(d => d.Day).Select(d => new TrendPoint(
            d.Day,
            span == 0 ? (PlotLeft + PlotRight) / 2 : PlotLeft + (d.Day - first) * (PlotRight - PlotLeft) / span,
            Scale(Math.Clamp(d.Pain, 0, TrendDay.MaxPain), TrendDay.MaxPain, PainTop, PainBottom),
            d.Function is { } function ? Scale(Math.Clamp(function, 0, TrendDay.MaxFunction), TrendDay.MaxFunction, FunctionTop, FunctionBottom) : null))];
    }

    /// <summary>
    /// The chart; each day of <paramref name="flaggedDays"/> gets a triangle over its pain mark (a shape, not a colour, so
    /// it reads in print and without colour), for a clinician's chart of the days a warning sign was ticked.
    /// </summary>
    public static string Render(IReadOnlyList<TrendDay> days, TrendChartText text, string id = "trend", IReadOnlySet<int>? flaggedDays = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var points = Layout(days);
        var svg = new StringBuilder(2048);
        svg.Append(Invariant($"<svg class=\"trend\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">"));
        svg.Append(Invariant($"<title id=\"{id}-title\">{Encode(text.Label)}</title>"));
        Panel(svg, text.PainTitle, PainTop, PainBottom, TrendDay.MaxPain, [0, 5, 10]);
        Panel(svg, text.FunctionTitle, FunctionTop, FunctionBottom, TrendDay.MaxFunction, [0, 4, 8]);
        if (points.Count == 0)
        {
            svg.Append(Invariant($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{EmptyNoteY}\" text-anchor=\"middle\" class=\"trend-empty\">{Encode(text.Empty)}</text>"));
        }
        else
        {
            Series(svg, [.. points.Select(p => (p.X, p.PainY))], "trend-pain", square: false);
            Series(svg, [.. points.Where(p => p.FunctionY is not null).Select(p => (p.X, p.FunctionY!.Value))], "trend-function", square: true);
            foreach (var point in points.Where(p => flaggedDays?.Contains(p.Day) == true))
            {
                var top = Math.Max(PainTop - 14, point.PainY - 22);
                svg.Append(Invariant($"<path class=\"trend-flag-mark\" d=\"M{point.X:0.#} {top:0.#}l7 12h-14z\"/>"));
            }
            foreach (var point in TickPoints(points))
            {
                svg.Append(Invariant($"<text x=\"{point.X:0.#}\" y=\"{FunctionBottom + 18}\" text-anchor=\"middle\">{Encode(string.Format(CultureInfo.InvariantCulture, text.DayTick, point.Day))}</text>"));
            }
        }

        svg.Append(Invariant($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(text.DayAxis)}</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Scale(int value, int max, double top, double bottom) => bottom - value * (bottom - top) / max;

    private static void Panel(StringBuilder svg, string title, double top, double bottom, int max, int[] ticks)
    {
        svg.Append(Invariant($"<text x=\"{PlotLeft - 40}\" y=\"{top - 12}\" class=\"trend-title\">{Encode(title)}</text>"));
        foreach (var tick in ticks)
        {
            var y = Scale(tick, max, top, bottom);
            svg.Append(Invariant($"<line x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"trend-grid\"/>"));
            svg.Append(Invariant($"<text x=\"{PlotLeft - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\">{tick}</text>"));
        }

        svg.Append(Invariant($"<path d=\"M{PlotLeft} {top}V{bottom}H{PlotRight}\" class=\"trend-axis\"/>"));
    }

    /// <summary>A line through the points, each marked by a circle, or by a square where colour alone must not tell two lines apart.</summary>
    internal static void Series(StringBuilder svg, IReadOnlyList<(double X, double Y)> points, string css, bool square)
    {
        if (points.Count > 1)
        {
            svg.Append(Invariant($"<polyline class=\"{css}\" points=\""));
            svg.AppendJoin(' ', points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")));
            svg.Append("\"/>");
        }

        foreach (var (x, y) in points)
        {
            svg.Append(square
                ? Invariant($"<rect class=\"{css}-mark\" x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\"/>")
                : Invariant($"<circle class=\"{css}-mark\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\"/>"));
        }
    }

    /// <summary>At most six day labels: the first, the last and evenly spread days between, so they never overlap on a phone.</summary>
    private static IEnumerable<TrendPoint> TickPoints(IReadOnlyList<TrendPoint> points)
    {
        const int MaxLabels = 6;
        if (points.Count <= MaxLabels)
        {
            return points;
        }

        return Enumerable.Range(0, MaxLabels).Select(i => points[(int)Math.Round(i * (points.Count - 1) / (double)(MaxLabels - 1))]).Distinct();
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
