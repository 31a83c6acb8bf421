using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace BackCare.Web.Clinician;

/// <summary>One coloured series of a bar chart: its name in the legend, its CSS class and a value per category (null: none).</summary>
public sealed record ChartSeries(string Label, string Css, IReadOnlyList<double?> Values);

/// <summary>What a chart says in words: its title and description (read by screen readers), the y axis, and a note when empty.</summary>
public sealed record ChartText(string Title, string Description, string YAxis, string Empty);

/// <summary>One day of a recovery curve: the median and the band from the 25th to the 75th percentile.</summary>
public readonly record struct BandPoint(int X, double Median, double Low, double High);

/// <summary>
/// The outcomes page's charts, drawn as SVG on the server as the diary's trend is (<see cref="Today.TrendChart"/>): no
/// script, no external resources, a <c>title</c> and <c>desc</c> for screen readers, colours from the site's CSS classes
/// and a legend in words. The page shows the same numbers in a table under each chart.
/// </summary>
public static class OutcomeCharts
{
    public const double Width = 640;
    public const double Height = 300;
    public const double PlotLeft = 56;
    public const double PlotRight = 624;
    public const double PlotTop = 48;
    public const double PlotBottom = 240;

    /// <summary>Bars of each category stacked from the axis up, series in the legend's order.</summary>
    public static string StackedBars(string id, ChartText text, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Bars(id, text, categories, series, stacked: true);

    /// <summary>Bars of each category side by side, one per series.</summary>
    public static string GroupedBars(string id, ChartText text, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Bars(id, text, categories, series, stacked: false);

    /// <summary>A median line over a shaded band, on a fixed scale (pain 0 to 10 over days 0 to 42).</summary>
    public static string Band(string id, ChartText text, IReadOnlyList<BandPoint> points, int maxX, double maxY, string xAxis, ChartSeries median, ChartSeries band)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(median);
        ArgumentNullException.ThrowIfNull(band);
        var svg = Open(id, text);
        Legend(svg, [band, median]);
        YAxis(svg, maxY, text.YAxis);
        double X(double x) => PlotLeft + x * (PlotRight - PlotLeft) / maxX;
        double Y(double y) => Scale(y, maxY);
        foreach (var tick in new[] { 0, 7, 14, 21, 28, 35, 42 }.Where(t => t <= maxX))
        {
            svg.Append(Invariant($"<text x=\"{X(tick):0.#}\" y=\"{PlotBottom + 18}\" text-anchor=\"middle\">{tick}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(xAxis)}</text>"));
        if (points.Count == 0)
        {
            EmptyNote(svg, text.Empty);
        }
        else
        {
            var ordered = points.OrderBy(p => p.X).ToList();
            svg.Append(Invariant($"<polygon class=\"{band.Css}\" points=\""));
            svg.AppendJoin(' ', ordered.Select(p => Invariant($"{X(p.X):0.#},{Y(p.High):0.#}"))
                .Concat(ordered.AsEnumerable().Reverse().Select(p => Invariant($"{X(p.X):0.#},{Y(p.Low):0.#}"))));
            svg.Append("\"/>");
            if (ordered.Count > 1)
            {
                svg.Append(Invariant($"<polyline class=\"{median.Css}\" points=\""));
                svg.AppendJoin(' ', ordered.Select(p => Invariant($"{X(p.X):0.#},{Y(p.Median):0.#}")));
                svg.Append("\"/>");
            }

            foreach (var p in ordered)
            {
                svg.Append(Invariant($"<circle class=\"{median.Css}-mark\" cx=\"{X(p.X):0.#}\" cy=\"{Y(p.Median):0.#}\" r=\"3\"/>"));
            }
        }

        return Close(svg);
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="value"/> (1 for nothing).</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(step => step * power).First(nice => nice >= value - 1e-9);
    }

    private static string Bars(string id, ChartText text, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, bool stacked)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var heights = Enumerable.Range(0, categories.Count)
            .Select(i => stacked ? series.Sum(s => s.Values[i] ?? 0) : series.Max(s => s.Values[i] ?? 0)).ToList();
        var maxY = NiceCeiling(heights.DefaultIfEmpty(0).Max());
        var svg = Open(id, text);
        Legend(svg, series);
        YAxis(svg, maxY, text.YAxis);
        var slot = (PlotRight - PlotLeft) / Math.Max(1, categories.Count);
        var barWidth = stacked ? slot * 0.6 : slot * 0.7 / Math.Max(1, series.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            var left = PlotLeft + i * slot;
            svg.Append(Invariant($"<text x=\"{left + slot / 2:0.#}\" y=\"{PlotBottom + 18}\" text-anchor=\"middle\">{Encode(categories[i])}</text>"));
            var baseValue = 0.0;
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[i] is not { } value || value <= 0)
                {
                    continue;
                }

                var x = stacked ? left + (slot - barWidth) / 2 : left + slot * 0.15 + s * barWidth;
                var top = Scale(baseValue + value, maxY);
                var bottom = Scale(baseValue, maxY);
                svg.Append(Invariant($"<rect class=\"{series[s].Css}\" x=\"{x:0.#}\" y=\"{top:0.#}\" width=\"{barWidth:0.#}\" height=\"{bottom - top:0.#}\"/>"));
                baseValue = stacked ? baseValue + value : 0;
            }
        }

        if (heights.All(h => h == 0))
        {
            EmptyNote(svg, text.Empty);
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var svg = new StringBuilder(4096);
        svg.Append(Invariant($"<svg class=\"outcome-chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">"));
        svg.Append(Invariant($"<title id=\"{id}-title\">{Encode(text.Title)}</title>"));
        svg.Append(Invariant($"<desc id=\"{id}-desc\">{Encode(text.Description)}</desc>"));
        return svg;
    }

    private static string Close(StringBuilder svg)
    {
        svg.Append(Invariant($"<path d=\"M{PlotLeft} {PlotTop}V{PlotBottom}H{PlotRight}\" class=\"outcome-axis\"/>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = PlotLeft;
        foreach (var s in series)
        {
            svg.Append(Invariant($"<rect class=\"{s.Css} outcome-key\" x=\"{x:0.#}\" y=\"8\" width=\"12\" height=\"12\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 16:0.#}\" y=\"19\">{Encode(s.Label)}</text>"));
            x += 28 + s.Label.Length * 7;
        }
    }

    private static void YAxis(StringBuilder svg, double maxY, string label)
    {
        foreach (var tick in new[] { 0, maxY / 2, maxY })
        {
            var y = Scale(tick, maxY);
            svg.Append(Invariant($"<line x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"outcome-grid\"/>"));
            svg.Append(Invariant($"<text x=\"{PlotLeft - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\">{tick:0.#}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{PlotLeft - 44}\" y=\"{PlotTop - 14}\" class=\"outcome-axis-label\">{Encode(label)}</text>"));
    }

    private static void EmptyNote(StringBuilder svg, string note) =>
        svg.Append(Invariant($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{(PlotTop + PlotBottom) / 2 - 20}\" text-anchor=\"middle\" class=\"outcome-empty\">{Encode(note)}</text>"));

    private static double Scale(double value, double max) => PlotBottom - Math.Clamp(value, 0, max) * (PlotBottom - PlotTop) / max;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
