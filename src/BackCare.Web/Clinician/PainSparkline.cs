using System.Globalization;
using BackCare.Data.Clinics;
using BackCare.Web.Text;

namespace BackCare.Web.Clinician;

/// <summary>
/// A worklist row's last <see cref="Worklist.PainDays"/> days of diary pain, drawn on the server as a tiny SVG line (no
/// script), with the words a screen reader reads instead: "Pain 7 to 4 out of 10 over 14 days, falling (5 days
/// written): 7, 6, 6, 5, 4".
/// </summary>
public sealed class PainSparkline
{
    /// <summary>The drawing's size in CSS pixels: a step a day across, a step a pain point up.</summary>
    public const int Width = 84;

    public const int Height = 24;

    private const double Margin = 2;

    private PainSparkline(IReadOnlyList<int?> days) => Days = days;

    /// <summary>Pain on each day, oldest first; null where nothing was written.</summary>
    public IReadOnlyList<int?> Days { get; }

    /// <summary>The pain written, oldest first.</summary>
    public IReadOnlyList<int> Written => [.. Days.OfType<int>()];

    public bool IsEmpty => Written.Count == 0;

    public static PainSparkline Of(WorklistRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PainSparkline(row.Pain is { Count: > 0 } pain ? pain : [.. Enumerable.Repeat((int?)null, Worklist.PainDays)]);
    }

    /// <summary>What the line shows, in words.</summary>
    public string Description
    {
        get
        {
            var text = PageText.English;
            var written = Written;
            if (written.Count == 0)
            {
                return text["patients_pain_none"];
            }

            if (written.Count == 1)
            {
                return text.Format("patients_pain_one", written[0]);
            }

            var (first, last) = (written[0], written[^1]);
            var trend = last - first <= -2 ? "patients_pain_falling" : last - first >= 2 ? "patients_pain_rising" : "patients_pain_steady";
            return text.Format(
                "patients_pain_summary", first, last, text[trend], written.Count,
                string.Join(", ", written.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>The first and latest pain, short, beside the line ("7 to 4"); the pain alone for one day.</summary>
    public string FirstToLatest =>
        Written is { Count: > 1 } written
            ? PageText.English.Format("patients_pain_short", written[0], written[^1])
            : Written.Count == 1 ? Written[0].ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>The line's runs of consecutive days, each as SVG polyline points; a lone day is a run of one.</summary>
    public IReadOnlyList<string> Runs
    {
        get
        {
            var runs = new List<string>();
            var points = new List<string>();
            for (var day = 0; day <= Days.Count; day++)
            {
                if (day < Days.Count && Days[day] is { } pain)
                {
                    points.Add(Point(day, pain));
                }
                else if (points.Count > 0)
                {
                    runs.Add(string.Join(' ', points));
                    points.Clear();
                }
            }

            return runs;
        }
    }

    /// <summary>Each written day's point, so a day alone between gaps still shows as a dot.</summary>
    public IReadOnlyList<(double X, double Y)> Dots =>
        [.. Days.Select((pain, day) => (pain, day)).Where(d => d.pain is not null).Select(d => (X(d.day), Y(d.pain!.Value)))];

    private double X(int day) => Margin + day * (Width - 2 * Margin) / Math.Max(1, Days.Count - 1);

    private static double Y(int pain) => Margin + (10 - pain) * (Height - 2 * Margin) / 10.0;

    private string Point(int day, int pain) => string.Create(CultureInfo.InvariantCulture, $"{X(day):0.#},{Y(pain):0.#}");
}
