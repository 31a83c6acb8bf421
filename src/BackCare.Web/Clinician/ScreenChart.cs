using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BackCare.Data.Risk;
using BackCare.Web.Text;
using BackCare.Web.Today;

namespace BackCare.Web.Clinician;

/// <summary>
/// The STarT Back scores over time as a small SVG drawn on the server: the total score (0 to 9, circles) and the
/// psychosocial subscore (0 to 5, squares) of each screen, oldest on the left, numbered as the table beside it numbers
/// them. No script; the table has the same numbers with dates and risk groups.
/// </summary>
public static class ScreenChart
{
    public const double Width = 360;
    public const double Height = 200;
    public const double PlotLeft = 48;
    public const double PlotRight = 344;
    public const double PlotTop = 34;
    public const double PlotBottom = 150;

    public static string Render(IReadOnlyList<TimelineScreen> newestFirst, PageText words, string id = "screens")
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(words);
        var oldestFirst = newestFirst.Reverse().ToList();
        var x = (int i) => oldestFirst.Count == 1 ? (PlotLeft + PlotRight) / 2 : PlotLeft + i * (PlotRight - PlotLeft) / (oldestFirst.Count - 1);
        var svg = new StringBuilder(1024);
        svg.Append(Invariant($"<svg class=\"trend screens\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title\" focusable=\"false\">"));
        svg.Append(Invariant($"<title id=\"{id}-title\">{Encode(words["screens_chart_label"])}</title>"));
        svg.Append(Invariant($"<text x=\"{PlotLeft - 40}\" y=\"{PlotTop - 14}\" class=\"trend-title\">{Encode(words["screens_chart_title"])}</text>"));
        foreach (var tick in new[] { 0, 3, 6, 9 })
        {
            var y = Y(tick);
            svg.Append(Invariant($"<line x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"trend-grid\"/>"));
            svg.Append(Invariant($"<text x=\"{PlotLeft - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\">{tick}</text>"));
        }

        svg.Append(Invariant($"<path d=\"M{PlotLeft} {PlotTop}V{PlotBottom}H{PlotRight}\" class=\"trend-axis\"/>"));
        TrendChart.Series(svg, [.. oldestFirst.Select((s, i) => (x(i), Y(s.TotalScore)))], "trend-pain", square: false);
        TrendChart.Series(svg, [.. oldestFirst.Select((s, i) => (x(i), Y(s.PsychosocialScore)))], "trend-function", square: true);
        for (var i = 0; i < oldestFirst.Count; i++)
        {
            svg.Append(Invariant($"<text x=\"{x(i):0.#}\" y=\"{PlotBottom + 18}\" text-anchor=\"middle\">{i + 1}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{(PlotLeft + PlotRight) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(words["screens_chart_axis"])}</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Y(int score) => PlotBottom - Math.Clamp(score, 0, RiskScreen.MaxTotalScore) * (PlotBottom - PlotTop) / RiskScreen.MaxTotalScore;

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
