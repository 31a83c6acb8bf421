using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BackCare.Browser.Tests;

/// <summary>Where Chromium is, and whether a missing Chromium fails the run (CI) or skips the browser tests (a laptop).</summary>
internal static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("BACKCARE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsRequired => Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_CHROMIUM") == "1";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];
}

/// <summary>
/// A browser test. It is skipped, with a message saying why, only when Chromium is missing and not required;
/// with BACKCARE_REQUIRE_CHROMIUM=1 a missing Chromium makes the test fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.IsRequired)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install -y chromium, or set BACKCARE_CHROMIUM). " +
                "Set BACKCARE_REQUIRE_CHROMIUM=1 to make this a failure.";
        }
    }
}

/// <summary>The demo clinic's clinician sign-in, configured as an operator would (DemoClinic:ClinicianEmail and :ClinicianPassword).</summary>
public static class DemoClinician
{
    public const string Email = "clinician@demo.backcare.invalid";

    public const string Password = "browser-test clinician password";
}

/// <summary>The real BackCare app on a free localhost port (Kestrel, not the in-memory test server) and one Chromium.</summary>
public sealed class BrowserHost : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _factory = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's services, for what an operator does on the server (making a clinician's account, say).</summary>
    public IServiceProvider Services => _factory.Services;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        Directory.CreateDirectory(ScreenshotFolder);

        if (!Chromium.IsInstalled)
        {
            if (Chromium.IsRequired)
            {
                throw new InvalidOperationException($"BACKCARE_REQUIRE_CHROMIUM=1 but there is no Chromium at {Chromium.ExecutablePath}.");
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
        });
    }

    /// <summary>A phone-sized page (390 by 844, touch, mobile) on the app.</summary>
    public async Task<IPage> NewPhonePage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = "en-US",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();

    private sealed class AppFactory : WebApplicationFactory<Program>
    {
        /// <summary>A database of this run only, so that one run's patients never sit on the next run's worklist.</summary>
        private readonly string _database = Path.Combine(Path.GetTempPath(), $"backcare-browser-{Guid.NewGuid():N}.db");

        /// <summary>Production starts only with email set up; the browser tests read no email, so it goes to a folder of this run.</summary>
        private readonly string _mail = Path.Combine(Path.GetTempPath(), $"backcare-browser-mail-{Guid.NewGuid():N}");

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_database + suffix);
            }

            if (Directory.Exists(_mail))
            {
                Directory.Delete(_mail, recursive: true);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:BackCare", $"Data Source={_database}");
            builder.UseSetting("Email:Mode", "Pickup");
            builder.UseSetting("Email:PickupFolder", _mail);
            foreach (var kind in new[] { "Api", "Fhir", "CdsHooks", "Forms", "Pages" })
            {
                builder.UseSetting($"RateLimiting:{kind}:PermitLimit", "100000");
            }

            builder.UseSetting("DemoClinic:Enabled", "true");
            builder.UseSetting("DemoClinic:ClinicianEmail", DemoClinician.Email);
            builder.UseSetting("DemoClinic:ClinicianPassword", DemoClinician.Password);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
