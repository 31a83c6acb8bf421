using System.Net;
using System.Text.RegularExpressions;
using BackCare.Data;
using BackCare.Data.Auditing;
using BackCare.Data.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorklistQuery = BackCare.Data.Clinics.Worklist;

namespace BackCare.Benchmarks.Worklist;

/// <summary>
/// The clinician worklist (issues 6 and 17) with 100,000 patients and 3,000,000 diary entries, on SQLite and
/// PostgreSQL. <see cref="FirstPageQuery"/> is <see cref="WorklistQuery.PageAsync"/>, the method the page calls, on the
/// product's own DbContext; <see cref="FirstPageHttp"/> is the whole page (GET /clinic as a signed-in clinician through
/// the real app in memory: sign-in cookie, the clinic, the worklist query with its 14 days of diary pain, the 25 audit
/// events it writes, the HTML); <see cref="AuditOfFirstPage"/> is the page's audit write alone. The other
/// <c>...Http</c> methods are the whole page with each filter the page's links offer, each kind of search its box
/// takes, and the list of all patients (its first page and one half way through).
/// Each iteration is one call, so the percentiles are per request, and no slow call is dropped as an outlier.
/// The first run seeds the databases (minutes); later runs reuse them while the seed is at most 14 days old (see
/// <see cref="WorklistSeeder"/>). The set-up asks every page once and stops the run if one is not a 200 with patients.
/// </summary>
[Config(typeof(PerRequestConfig))]
public class WorklistBenchmarks
{
    /// <summary>
    /// The list of all patients is 50 a page, each page's link placed after the last patient of the one before: the
    /// later page is the one after the 49,950th patient by name, half way through the 100,000.
    /// </summary>
    public const int LaterPatientsAfter = 49_950;

    private ServiceProvider _services = null!;
    private Guid _clinicId;
    private List<Guid> _firstPagePatients = [];
    private string _dateOfBirthSearch = "";
    private string _phoneSearch = "";
    private Guid _laterPatientsAfter;
    private WorklistSite _site = null!;
    private HttpClient _clinician = null!;

    [Params(StorageProvider.Sqlite, StorageProvider.Postgres)]
    public StorageProvider Database { get; set; }

    /// <summary>The SQLite file (BACKCARE_BENCH_SQLITE, default in the temp folder) or PostgreSQL database backcare_worklist_bench.</summary>
    public static StorageOptions OptionsFor(StorageProvider provider)
    {
        if (provider == StorageProvider.Sqlite)
        {
            var path = Environment.GetEnvironmentVariable("BACKCARE_BENCH_SQLITE") is { Length: > 0 } given
                ? given
                : Path.Combine(Path.GetTempPath(), "backcare-worklist-bench.db");
            return new StorageOptions(StorageProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);
        }

        var server = Environment.GetEnvironmentVariable("BACKCARE_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set BACKCARE_TEST_POSTGRES to a PostgreSQL connection string (its database is replaced by backcare_worklist_bench).");

        // Like BACKCARE_BENCH_SQLITE: a database of its own, so that two checkouts on one server do not reseed each other's.
        var database = Environment.GetEnvironmentVariable("BACKCARE_BENCH_POSTGRES_DATABASE") is { Length: > 0 } name ? name : "backcare_worklist_bench";
        return new StorageOptions(StorageProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _clinician.Dispose();
        _site.Dispose();
        // The audit writer is disposed asynchronously only (it flushes what it holds).
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> FirstPageQuery()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var page = await WorklistQuery.PageAsync(db, _clinicId, after: null, DateTime.UtcNow);
        return page.Rows.Count;
    }

    /// <summary>
    /// What the page does after reading (one read event per row shown, then one save), to see how much of the page is
    /// the durable commit of its audit events rather than the query.
    /// </summary>
    [Benchmark]
    public async Task<int> AuditOfFirstPage()
    {
        await using var scope = _services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        foreach (var patientId in _firstPagePatients)
        {
            audit.Stage(AuditAction.Read, patientId, nameof(BackCare.Data.Clinics.Worklist));
        }

        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().SaveChangesAsync();
    }

    [Benchmark]
    public async Task<int> FirstPageHttp()
    {
        using var response = await _clinician.GetAsync("/clinic");
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? html.Length : throw new InvalidOperationException($"GET /clinic answered {response.StatusCode}.");
    }

    /// <summary>The whole page filtered to urgent and above (decision 0018), as a clinician's link asks for it.</summary>
    [Benchmark]
    public Task<int> FilteredPageHttp() => PageAsync("/clinic?show=urgent");

    /// <summary>The whole page searched by a surname that about one patient in twenty has (names repeat).</summary>
    [Benchmark]
    public Task<int> SearchPageHttp() => PageAsync("/clinic?q=okafor");

    /// <summary>The whole page filtered to the signed-in clinician's own patients (about 17,500: 70% are assigned, among 4).</summary>
    [Benchmark]
    public Task<int> MinePageHttp() => PageAsync("/clinic?show=mine");

    /// <summary>The whole page filtered to patients assigned to nobody (about 30,000).</summary>
    [Benchmark]
    public Task<int> UnassignedPageHttp() => PageAsync("/clinic?show=unassigned");

    /// <summary>The whole page filtered to patients with a booked visit in the clinic's today (New York; about 170).</summary>
    [Benchmark]
    public Task<int> VisitTodayPageHttp() => PageAsync("/clinic?show=today");

    /// <summary>The whole page filtered to patients with messages the clinic has not read (about 15,000).</summary>
    [Benchmark]
    public Task<int> UnreadMessagesPageHttp() => PageAsync("/clinic?show=unread");

    /// <summary>The whole page searched by a date of birth, typed 1980-03-14 (about three patients share one).</summary>
    [Benchmark]
    public Task<int> SearchDateOfBirthPageHttp() => PageAsync(Search(_dateOfBirthSearch));

    /// <summary>The whole page searched by a phone number as written, "(646) 555-0134", matched by its digits.</summary>
    [Benchmark]
    public Task<int> SearchPhonePageHttp() => PageAsync(Search(_phoneSearch));

    /// <summary>The first page of the list of all patients (50, by name).</summary>
    [Benchmark]
    public Task<int> AllPatientsFirstPageHttp() => PageAsync("/clinic/patients");

    /// <summary>
    /// A page half way through the list of all patients, as a clinician reaches it: by its "next page" link, which names
    /// the last patient of the page before (the <see cref="LaterPatientsAfter"/>th by name).
    /// </summary>
    [Benchmark]
    public Task<int> AllPatientsLaterPageHttp() => PageAsync(LaterPatientsAddress);

    /// <summary>Every whole page the benchmark asks for, by method.</summary>
    public IReadOnlyList<(string Method, string Address)> Pages =>
    [
        (nameof(FirstPageHttp), "/clinic"),
        (nameof(FilteredPageHttp), "/clinic?show=urgent"),
        (nameof(SearchPageHttp), "/clinic?q=okafor"),
        (nameof(MinePageHttp), "/clinic?show=mine"),
        (nameof(UnassignedPageHttp), "/clinic?show=unassigned"),
        (nameof(VisitTodayPageHttp), "/clinic?show=today"),
        (nameof(UnreadMessagesPageHttp), "/clinic?show=unread"),
        (nameof(SearchDateOfBirthPageHttp), Search(_dateOfBirthSearch)),
        (nameof(SearchPhonePageHttp), Search(_phoneSearch)),
        (nameof(AllPatientsFirstPageHttp), "/clinic/patients"),
        (nameof(AllPatientsLaterPageHttp), LaterPatientsAddress),
    ];

    private string LaterPatientsAddress => $"/clinic/patients?after={_laterPatientsAfter:N}";

    private static string Search(string text) => "/clinic?q=" + Uri.EscapeDataString(text);

    private async Task<int> PageAsync(string address) => (await PatientsPageAsync(address)).Length;

    /// <summary>The page's HTML; an exception unless it is a 200 that shows at least one patient.</summary>
    private async Task<string> PatientsPageAsync(string address)
    {
        using var response = await _clinician.GetAsync(address);
        var html = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && html.Contains("<th scope=\"row\">", StringComparison.Ordinal)
            ? html
            : throw new InvalidOperationException($"GET {address} answered {response.StatusCode} without a patient.");
    }

    private async Task SetupAsync()
    {
        var options = OptionsFor(Database);
        var seeded = await WorklistSeeder.EnsureSeededAsync(options, Console.Out);
        _clinicId = seeded.ClinicId;
        _services = WorklistSeeder.Services(options);

        // Patients a clinician would look for: one half way down the list with a date of birth, one with a phone.
        var patients = seeded.World.MakePatients(WorklistWorld.Clinicians.Count);
        _dateOfBirthSearch = patients.Skip(WorklistWorld.Patients / 2).First(p => p.DateOfBirth is not null).DateOfBirth!.Value
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _phoneSearch = patients.Skip(WorklistWorld.Patients / 2).First(p => p.Phone is not null).Phone!;

        _laterPatientsAfter = await PatientByNameAsync(LaterPatientsAfter);
        var page = await FirstPageOnceAsync();
        _firstPagePatients = page.Rows.Select(r => r.PatientId).ToList();
        if (page.Rows.Count != WorklistQuery.PageSize || page.Rows[0].Priority != 0 || page.Next is null)
        {
            throw new InvalidOperationException("The seeded worklist's first page should be 25 rows, red flags first, with a next page.");
        }

        if (!page.Rows.Any(row => row.Pain?.Any(pain => pain is not null) == true))
        {
            throw new InvalidOperationException(
                $"No patient of the first page has diary pain in the last {WorklistQuery.PainDays} days: the seed of {seeded.World.SeededAtUtc:yyyy-MM-dd} "
                + "does not reach today. Delete the benchmark's database (or run `seed-worklist`) to seed it again.");
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BACKCARE_WEB", WorklistSite.WebProjectFolder());
        _site = new WorklistSite(options);
        _clinician = await _site.SignedInClinicianAsync();
        var html = await (await _clinician.GetAsync("/clinic")).Content.ReadAsStringAsync();
        var rows = Regex.Count(html, "<th scope=\"row\">");
        if (rows != WorklistQuery.PageSize || !html.Contains(WorklistWorld.ClinicName, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GET /clinic showed {rows} patients, not the worklist's first page.");
        }

        // Each page once, so that any run (one method or all) stops at a filter or search that finds nobody.
        foreach (var (method, address) in Pages)
        {
            var shown = Regex.Count(await PatientsPageAsync(address), "<th scope=\"row\">");
            Console.WriteLine($"// {method}: GET {address} answered 200 with {shown} patients");
        }
    }

    /// <summary>The clinic's <paramref name="position"/>th patient (from 1) in the list of all patients' order, read once by an offset.</summary>
    private async Task<Guid> PatientByNameAsync(int position)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackCareDbContext>().ClinicPatients.AsNoTracking()
            .Where(p => p.ClinicId == _clinicId)
            .OrderBy(p => p.SortName).ThenBy(p => p.PatientId)
            .Skip(position - 1)
            .Select(p => p.PatientId)
            .FirstAsync();
    }

    private async Task<BackCare.Data.Clinics.WorklistPage> FirstPageOnceAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await WorklistQuery.PageAsync(scope.ServiceProvider.GetRequiredService<BackCareDbContext>(), _clinicId, null, DateTime.UtcNow);
    }

    /// <summary>One call per iteration (so percentiles are per request), 30 warm-ups, 500 measured, outliers kept.</summary>
    private sealed class PerRequestConfig : ManualConfig
    {
        public PerRequestConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessNoEmitToolchain.Instance)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(30)
                .WithIterationCount(500)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithId("PerRequest"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        }
    }

    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 100;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "Percentile 99: 99% of the requests took no longer";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            return statistics is null ? "NA" : $"{statistics.Percentiles.Percentile(99) / 1_000_000:N3} ms";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}

/// <summary>The real BackCare app in memory on the benchmark's database, its rate limit out of the way (any type of the web app names it).</summary>
internal sealed class WorklistSite(StorageOptions options) : WebApplicationFactory<BackCare.Web.Clinician.WorklistModel>
{
    private static readonly Regex AntiforgeryToken = new("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");

    /// <summary>
    /// Signs the clinician in as a clinician must: the password, then a code of their authenticator (two steps are
    /// turned on afresh each run with a new key, since the seeded database keeps none the benchmark knows).
    /// </summary>
    public async Task<HttpClient> SignedInClinicianAsync()
    {
        var key = await TwoStepsOnAsync();

        // Production's cookies are Secure, so the in-memory client speaks HTTPS, as the web tests' does.
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
        });
        using var signedIn = await PostFormAsync(client, "/account/sign-in", new()
        {
            ["email"] = WorklistWorld.ClinicianEmail,
            ["password"] = WorklistWorld.ClinicianPassword,
            ["returnUrl"] = "/clinic",
        });
        if (signedIn.Headers.Location?.OriginalString.StartsWith("/account/sign-in/code", StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"The benchmark clinician's password was not taken ({signedIn.StatusCode} {signedIn.Headers.Location}).");
        }

        using var coded = await PostFormAsync(client, signedIn.Headers.Location.OriginalString, new() { ["code"] = NextCode(key) });
        if (coded.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The benchmark clinician's code was not taken ({coded.StatusCode}).");
        }

        return client;
    }

    private async Task<string> TwoStepsOnAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var id = await db.Accounts.Where(a => a.NormalizedEmail == BackCare.Data.Accounts.Account.NormalizeEmail(WorklistWorld.ClinicianEmail))
            .Select(a => a.Id).SingleAsync();
        var twoStep = scope.ServiceProvider.GetRequiredService<BackCare.Data.Accounts.AccountTwoStep>();
        await twoStep.TurnOffAsync(id, WorklistWorld.ClinicianPassword, client: null);
        var key = twoStep.NewAuthenticatorKey();
        var outcome = await twoStep.TurnOnAsync(id, key, NextCode(key), WorklistWorld.ClinicianPassword, client: null);
        return outcome.Change == BackCare.Data.Accounts.TwoStepChange.TurnedOn
            ? key
            : throw new InvalidOperationException($"Two steps could not be turned on for the benchmark clinician ({outcome.Change}).");
    }

    // The server takes each 30-second step's code once per account, whatever the key: every code the benchmark types,
    // through all its setups in one process, is of a later step than the last.
    private static long lastStep;

    private static string NextCode(string key)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var step = Math.Max(now, lastStep + 1);
            if (step <= now + 2)
            {
                lastStep = step;
                return BackCare.Tests.Totp.Code(key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
            }

            Thread.Sleep(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>GETs the form at <paramref name="path"/> for its antiforgery token, then POSTs <paramref name="fields"/> with it.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = AntiforgeryToken.Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, content);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", options.Provider.ToString());
        builder.UseSetting("ConnectionStrings:BackCare", options.ConnectionString);
        builder.UseSetting("RateLimiting:Enabled", "false");
        // Production starts only with email set up; nothing here sends any, so a folder beside the database will do.
        builder.UseSetting("Email:Mode", "Pickup");
    }

    /// <summary>
    /// src/BackCare.Web above the benchmark's binaries. Set before the factory looks for it: its own guess (the
    /// solution folder plus the assembly name) does not fit this repository's src/ layout.
    /// </summary>
    public static string WebProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "BackCare.Web");
            if (File.Exists(Path.Combine(candidate, "BackCare.Web.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No src/BackCare.Web above {AppContext.BaseDirectory}.");
    }
}
