using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BackCare.Web.Tests.Hosting;

/// <summary>
/// What an operator's collector receives, through OpenTelemetry's in-memory exporter on the app's own wiring. Alone in
/// its collection: every host in the process has a meter named BackCare, so another test's diary would count here.
/// </summary>
[Collection(OneMeterPerProcess.Name)]
public sealed class TelemetryTests
{
    private const string Baseline = """{"id":"b","age":41,"findings":{"pain_score":7,"onset_days":1}}""";

    [Fact]
    public async Task Given_traces_and_metrics_collected_When_a_person_writes_three_diary_entries_Then_each_POST_has_its_database_spans_and_the_batch_size_histogram_counts_every_entry()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var factory = BackCareFactory.WithTestServices(services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics)));
        using var person = await Accounts.Accounts.SignedInClient(factory);
        using (var saved = await Accounts.Accounts.PostCase(person, Baseline))
        {
            saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        for (var i = 0; i < 3; i++)
        {
            using var written = await person.PostAsJsonAsync("/api/diary", new { painScore = 5 + i, spasms = 1, notes = $"day {i}" });
            written.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        factory.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();

        Activity[] all;
        lock (spans)
        {
            all = [.. spans];
        }

        var posts = all.Where(s => s.Kind == ActivityKind.Server && Tag(s, "http.request.method") == "POST" && Tag(s, "http.route")?.TrimEnd('/') == "/api/diary").ToList();
        posts.Count.ShouldBe(3);
        foreach (var post in posts)
        {
            Tag(post, "url.query").ShouldBeNull();
            var children = ChildrenOf(all, post);
            var waiting = children.Where(c => c.DisplayName == "wait for commit of diary entries").ShouldHaveSingleItem(
                $"the request waits for its entry's commit; its children: {string.Join(", ", children.Select(c => c.DisplayName))}");

            // The commit serves every request in its batch, so it links to each waiting request rather than being a child of one.
            var commit = all.Single(s => s.DisplayName == "commit diary entries" && s.Links.Any(l => l.Context.SpanId == waiting.SpanId));
            commit.GetTagItem("backcare.batch.size").ShouldBe(1);
            var statements = ChildrenOf(all, commit).Where(IsDatabase).ToList();
            statements.ShouldNotBeEmpty("the commit's INSERT is a database span under it");
        }

        // Only the first entry reads the person's first assessment from the database; the later ones find it in memory.
        var first = posts.OrderBy(p => p.StartTimeUtc).First();
        ChildrenOf(all, first).Where(IsDatabase).ShouldNotBeEmpty("the request's own read of the first assessment is a database span under it");

        var batchSizes = Points(metrics, "backcare.diary.batch.size");
        batchSizes.Sum(p => p.GetHistogramCount()).ShouldBe(3, "three entries written one after another are three commits");
        batchSizes.Sum(p => p.GetHistogramSum()).ShouldBe(3, "every entry is in exactly one batch");
        Points(metrics, "backcare.diary.commit.duration").Sum(p => p.GetHistogramCount()).ShouldBe(3);
        var diaryResults = Points(metrics, "backcare.assessments").Where(p => TagOf(p, "backcare.source") == "diary").ToList();
        diaryResults.Sum(p => p.GetSumLong()).ShouldBe(3);
        diaryResults.ShouldAllBe(p => TagOf(p, "backcare.disposition") != null);
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;

    private static bool IsDatabase(Activity span) => span.Tags.Any(t => t.Key is "db.system" or "db.system.name");

    /// <summary>The spans whose parent is <paramref name="parent"/>.</summary>
    private static List<Activity> ChildrenOf(Activity[] all, Activity parent) =>
        all.Where(s => s.TraceId == parent.TraceId && s.ParentSpanId == parent.SpanId).ToList();

    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name)
    {
        // Cumulative: the last export holds every measurement so far.
        var snapshot = metrics.LastOrDefault(m => m.Name == name);
        snapshot.ShouldNotBeNull($"{name} was exported");
        return [.. snapshot.MetricPoints];
    }

    private static string? TagOf(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneMeterPerProcess
{
    public const string Name = "Telemetry (one meter per process)";
}
