using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BackCare.Data.Telemetry;

/// <summary>
/// BackCare's own measurements, all on one meter (<see cref="MeterName"/>), so an operator adds one name to see them.
/// Every tag is a code from a short fixed list (a disposition, a finding code, a kind of email): nothing about a
/// person is ever a tag. Nothing is collected unless a listener (OpenTelemetry, <c>dotnet-counters</c>) asks.
/// </summary>
public sealed class BackCareMetrics
{
    public const string MeterName = "BackCare";

    private readonly Counter<long> _assessments;
    private readonly Counter<long> _redFlags;
    private readonly Counter<long> _bookingConflicts;
    private readonly Counter<long> _emailsSent;
    private readonly Counter<long> _emailsFailed;

    public BackCareMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _assessments = meter.CreateCounter<long>(
            "backcare.assessments", "{assessment}", "Results the engine gave, by disposition and by where they were asked for (api, check, diary).");
        _redFlags = meter.CreateCounter<long>(
            "backcare.red_flags", "{finding}", "Red flags raised in results and diary entries, by finding code.");
        _bookingConflicts = meter.CreateCounter<long>(
            "backcare.bookings.conflicts", "{booking}", "Bookings refused because someone else had just taken the time.");
        _emailsSent = meter.CreateCounter<long>(
            "backcare.emails.sent", "{email}", "Emails of the notification outbox handed to the mail server, by kind.");
        _emailsFailed = meter.CreateCounter<long>(
            "backcare.emails.failed", "{email}", "Attempts to send an email of the notification outbox that failed, by kind and what happens next (retry, gave_up).");
        Diary = new GroupCommitMetrics(meter, "diary", "{entry}", "diary entries");
        Audit = new GroupCommitMetrics(meter, "audit", "{read}", "audited reads (each one or more audit events)");
    }

    /// <summary>The diary writer's batches (<see cref="Diary.DiaryWriter"/>).</summary>
    public GroupCommitMetrics Diary { get; }

    /// <summary>The audit writer's batches (<see cref="Auditing.AuditWriter"/>).</summary>
    public GroupCommitMetrics Audit { get; }

    /// <param name="source">api, check or diary.</param>
    public void AssessmentMade(string disposition, string source, IEnumerable<string> redFlags)
    {
        ArgumentNullException.ThrowIfNull(redFlags);
        _assessments.Add(1, new TagList { { "backcare.disposition", disposition }, { "backcare.source", source } });
        if (!_redFlags.Enabled)
        {
            return;
        }

        foreach (var finding in redFlags)
        {
            _redFlags.Add(1, new TagList { { "backcare.finding", finding }, { "backcare.source", source } });
        }
    }

    public void BookingConflict() => _bookingConflicts.Add(1);

    public void EmailSent(string kind) => _emailsSent.Add(1, new KeyValuePair<string, object?>("backcare.email.kind", kind));

    /// <param name="next">retry or gave_up.</param>
    public void EmailFailed(string kind, string next) =>
        _emailsFailed.Add(1, new TagList { { "backcare.email.kind", kind }, { "backcare.email.next", next } });
}

/// <summary>How many writes shared each commit of one group-commit writer, and how long the commit took.</summary>
public sealed class GroupCommitMetrics
{
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;

    internal GroupCommitMetrics(Meter meter, string name, string unit, string what)
    {
        _batchSize = meter.CreateHistogram(
            $"backcare.{name}.batch.size",
            unit,
            $"How many {what} shared one commit.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _commitDuration = meter.CreateHistogram(
            $"backcare.{name}.commit.duration",
            "s",
            $"How long one commit of {what} took, from taking the connection to the flush.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    internal void Committed(int writes, TimeSpan took)
    {
        _batchSize.Record(writes);
        _commitDuration.Record(took.TotalSeconds);
    }
}

/// <summary>BackCare's own spans: the group commits, whose database work serves many requests at once.</summary>
public static class BackCareTracing
{
    public const string SourceName = "BackCare";

    public static readonly ActivitySource Source = new(SourceName);
}
