using System.Net;
using BackCare.Data;
using BackCare.Data.Clinics;
using BackCare.Data.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Benchmarks.Worklist;

/// <summary>
/// A clinic's outcomes (decision 0019) on the worklist benchmark's clinic: 100,000 patients and 3,000,000 diary entries
/// (<see cref="WorklistWorld"/>, seeded once by <see cref="WorklistSeeder"/>). <see cref="OutcomesQuery"/> is
/// <see cref="ClinicOutcomes.ReadAsync"/>, the figures the page shows, for the twelve weeks up to the seed's end;
/// <see cref="OutcomesHttp"/> is the whole page (GET /clinic/outcomes as the signed-in clinician: the query, its audit
/// event, the charts and tables). Since migration 0023 the page reads the clinic's kept snapshot of the figures: the set-up's
/// first view works it out and keeps it, so the measured views read it, as a clinic's views do between two refreshes; a
/// snapshot kept by an earlier run and older than 10 minutes is shown and worked out again in the background during the
/// run, as on a server. PostgreSQL runs when BACKCARE_TEST_POSTGRES is set (in the database BACKCARE_BENCH_POSTGRES_DATABASE names, if set).
/// </summary>
[Config(typeof(SlowRequestConfig))]
public class OutcomesBenchmarks
{
    private ServiceProvider _services = null!;
    private Guid _clinicId;
    private DateTime _seededAtUtc;
    private WorklistSite _site = null!;
    private HttpClient _clinician = null!;

    [ParamsSource(nameof(Databases))]
    public StorageProvider Database { get; set; }

    public static IEnumerable<StorageProvider> Databases =>
        Environment.GetEnvironmentVariable("BACKCARE_TEST_POSTGRES") is { Length: > 0 }
            ? [StorageProvider.Sqlite, StorageProvider.Postgres]
            : [StorageProvider.Sqlite];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _clinician.Dispose();
        _site.Dispose();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> OutcomesQuery()
    {
        await using var scope = _services.CreateAsyncScope();
        var outcomes = await ClinicOutcomes.ReadAsync(
            scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), _clinicId, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), _seededAtUtc);
        return outcomes.Recovery.Count;
    }

    [Benchmark]
    public async Task<int> OutcomesHttp()
    {
        using var response = await _clinician.GetAsync("/clinic/outcomes");
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? html.Length : throw new InvalidOperationException($"GET /clinic/outcomes answered {response.StatusCode}.");
    }

    private async Task SetupAsync()
    {
        var options = WorklistBenchmarks.OptionsFor(Database);
        var seeded = await WorklistSeeder.EnsureSeededAsync(options, Console.Out);
        (_clinicId, _seededAtUtc) = (seeded.ClinicId, seeded.World.SeededAtUtc);
        _services = WorklistSeeder.Services(options);
        var figures = await OutcomesQuery();
        Console.WriteLine($"// outcomes benchmark: {figures} days on the recovery curve");
        await using (var scope = _services.CreateAsyncScope())
        {
            // The same seed on either database: these lines must read the same on both.
            var outcomes = await ClinicOutcomes.ReadAsync(
                scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), _clinicId, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), _seededAtUtc);
            Console.WriteLine($"// outcomes benchmark: checks {outcomes.TriageMix.Sum(w => w.Total)}, visits {outcomes.CheckToVisit.Sum(c => c.Visits)}, " +
                $"recovery day 0 {outcomes.Recovery[0]}, day 42 {outcomes.Recovery[^1]}, improvement {string.Join(" ", outcomes.Improvement)}, red flags {outcomes.RedFlags}");
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BACKCARE_WEB", WorklistSite.WebProjectFolder());
        _site = new WorklistSite(options);
        _clinician = await _site.SignedInClinicianAsync();
        await OutcomesHttp();
    }

    /// <summary>One call per iteration, outliers kept; ten, not the worklist's 500, as before migration 0019 a call took seconds (docs/performance.md).</summary>
    private sealed class SlowRequestConfig : ManualConfig
    {
        public SlowRequestConfig()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessNoEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(1)
                .WithIterationCount(10)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithId("PerRequest"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}
