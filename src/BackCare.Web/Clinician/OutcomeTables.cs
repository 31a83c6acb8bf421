using System.Globalization;
using System.Text;
using BackCare.Data.Clinics;
using BackCare.Web.Text;

namespace BackCare.Web.Clinician;

/// <summary>A column of an outcomes table: its name in the CSV and its heading on the page.</summary>
public sealed record OutcomeColumn(string Key, string Heading);

/// <summary>A row: its name in the CSV, its heading on the page, and one cell per column ("" when there is no value).</summary>
public sealed record OutcomeRow(string Key, string Heading, IReadOnlyList<string> Cells);

/// <summary>One table of the outcomes page, as the page shows it and the CSV writes it: the same cells in both.</summary>
public sealed record OutcomeTable(string Key, string Caption, string RowHeading, IReadOnlyList<OutcomeColumn> Columns, IReadOnlyList<OutcomeRow> Rows);

/// <summary>
/// The clinic's outcomes as tables (what screen readers and the CSV read; the charts draw the same numbers). Numbers are
/// written once here, with a point for decimals: hours to one decimal, pain to two (a quartile of whole scores can be
/// 4.25), shares as percentages to one decimal.
/// </summary>
public static class OutcomeTables
{
    public const string TriageMix = "triage_mix";
    public const string CheckToVisit = "check_to_visit";
    public const string Recovery = "recovery";
    public const string Improvement = "improvement";
    public const string RedFlags = "red_flags";

    public const string CsvHeader = "table,row,column,value";

    public static IReadOnlyList<OutcomeTable> Of(ClinicOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = OutcomesText.English;
        return
        [
            new(TriageMix, text["triage_caption"], text["col_week"],
                [.. ClinicOutcomes.Dispositions.Select(d => new OutcomeColumn(d, DispositionLabel(d))), new("total", text["col_total"])],
                [.. outcomes.TriageMix.Select(w => new OutcomeRow(w.Week.ToString(), WeekLabel(w.Week), [.. w.Counts.Select(Count), Count(w.Total)]))]),
            new(CheckToVisit, text["visit_caption"], text["col_advice"],
                [new("visits", text["col_visits"]), new("median_hours", text["col_median_hours"]), new("p90_hours", text["col_p90_hours"])],
                [.. outcomes.CheckToVisit.Select(v => new OutcomeRow(v.Disposition, DispositionLabel(v.Disposition), [Count(v.Visits), Hours(v.MedianHours), Hours(v.P90Hours)]))]),
            new(Recovery, text["recovery_caption"], text["col_day"],
                [new("people", text["col_people"]), new("median_pain", text["col_median_pain"]), new("p25_pain", text["col_p25_pain"]), new("p75_pain", text["col_p75_pain"])],
                [.. outcomes.Recovery.Select(d => new OutcomeRow(Count(d.Day), Count(d.Day), [Count(d.People), Pain(d.Median), Pain(d.P25), Pain(d.P75)]))]),
            new(Improvement, text["improvement_caption"], text["col_at"],
                [new("people", text["col_counted"]), new("improved", text["col_improved"]), new("share_percent", text["col_share"])],
                [.. outcomes.Improvement.Select(i => new OutcomeRow(
                    Count(i.Weeks) + "_weeks", text.Format("improvement_at", i.Weeks), [Count(i.People), Count(i.Improved), Percent(i.Share)]))]),
            new(RedFlags, text["redflags_caption"], text["col_week"],
                [new("raised", text["col_raised"]), new("acknowledged", text["col_acknowledged"]), new("not_yet_acknowledged", text["col_not_yet"]),
                    new("median_hours_to_acknowledge", text["col_median_ack_hours"])],
                [.. outcomes.RedFlagsByWeek.Select(w => RedFlagRow(w.Week.ToString(), WeekLabel(w.Week), w.Figures)),
                    RedFlagRow("all", text["all_weeks"], outcomes.RedFlags)]),
        ];
    }

    /// <summary>Every cell of every table as one line <c>table,row,column,value</c>, under that header (RFC 4180, CRLF).</summary>
    public static string Csv(IReadOnlyList<OutcomeTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var csv = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var table in tables)
        {
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    csv.AppendJoin(',', new[] { table.Key, row.Key, table.Columns[i].Key, row.Cells[i] }.Select(Field)).Append("\r\n");
                }
            }
        }

        return csv.ToString();
    }

    public static string DispositionLabel(string disposition) =>
        ClinicOutcomes.Dispositions.Contains(disposition) ? OutcomesText.English["disposition_" + disposition] : disposition;

    /// <summary>"2026-W50 (from 7 Dec 2026)": the ISO week, and its Monday for those who do not count weeks.</summary>
    public static string WeekLabel(IsoWeek week) =>
        OutcomesText.English.Format("week_label", week.ToString(), week.Monday.ToString("d MMM yyyy", CultureInfo.InvariantCulture));

    private static OutcomeRow RedFlagRow(string key, string heading, RedFlagFigures figures) =>
        new(key, heading, [Count(figures.Raised), Count(figures.Acknowledged), Count(figures.NotYetAcknowledged), Hours(figures.MedianHoursToAcknowledge)]);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hours(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";

    private static string Pain(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } s ? (100 * s).ToString("0.#", CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break (none of today's do).</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
