using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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

/// <summary>A browser test run once per row of data, skipped or failing as <see cref="ChromiumFactAttribute"/> says.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        Skip = new ChromiumFactAttribute().Skip;
    }
}

/// <summary>The demo clinic's clinician sign-in, configured as an operator would (DemoClinic:ClinicianEmail and :ClinicianPassword).</summary>
public static class DemoClinician
{
    public const string Email = "clinician@demo.backcare.invalid";

    public const string Password = "browser-test clinician password";
}

/// <summary>
/// The real BackCare app on a free localhost port (Kestrel, not the in-memory test server) and one Chromium. It serves
/// HTTPS with a certificate made for the run, which the browser and <see cref="CreateHttpClient"/> accept: the app runs
/// as Production, whose cookies are Secure, so a form over plain HTTP would be refused.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime, IDisposable
{
    private readonly AppFactory _factory;
    private readonly X509Certificate2 _certificate = LocalhostCertificate();
    private IPlaywright? _playwright;

    public BrowserHost()
        : this(clock: null, settings: null)
    {
    }

    /// <summary>
    /// A host whose app reads the time from <paramref name="clock"/> (else the machine's), with these settings on top of
    /// the browser tests' own.
    /// </summary>
    internal BrowserHost(TimeProvider? clock, IReadOnlyDictionary<string, string?>? settings) => _factory = new AppFactory(clock, settings ?? new Dictionary<string, string?>());

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// The same server named <c>localhost</c>: passkeys need a domain name, since WebAuthn ties each key to one and an
    /// address such as 127.0.0.1 is not one.
    /// </summary>
    public Uri LocalhostAddress => new UriBuilder(BaseAddress) { Host = "localhost" }.Uri;

    /// <summary>The folder the app writes its email to (Email:Mode=Pickup), one .eml file per message.</summary>
    public string MailFolder => _factory.MailFolder;

    /// <summary>The app's services, for what an operator does on the server (making a clinician's account, say).</summary>
    public IServiceProvider Services => _factory.Services;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
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

    /// <summary>
    /// A phone-sized page (390 by 844 unless another width is given, touch, mobile) on the app, at
    /// <paramref name="address"/> (else <see cref="BaseAddress"/>).
    /// </summary>
    public async Task<IPage> NewPhonePage(int width = 390, Uri? address = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (address ?? BaseAddress).ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = "en-US",
        });

        // How long a step may take before the test fails (a limit, not a timed assertion): CI runs the browser tests
        // beside the other test projects and Lighthouse on two cores, where a sign-in has taken more than Playwright's 30 s.
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return await context.NewPageAsync();
    }

    private const float StepTimeout = 90_000;

    /// <summary>A laptop-sized page (1366 by 900, a mouse, no touch), as a clinician at a desk has.</summary>
    public async Task<IPage> NewLaptopPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return await context.NewPageAsync();
    }

    /// <summary>A client for the app's API that trusts the run's own certificate and no other.</summary>
    public HttpClient CreateHttpClient() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
    })
    {
        BaseAddress = BaseAddress,
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _certificate.Dispose();
    }

    private static X509Certificate2 LocalhostCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Through PKCS#12, so the key is one every platform's TLS can use.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }

    private sealed class AppFactory(TimeProvider? clock, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        /// <summary>A database of this run only, so that one run's patients never sit on the next run's worklist.</summary>
        private readonly string _database = Path.Combine(Path.GetTempPath(), $"backcare-browser-{Guid.NewGuid():N}.db");

        /// <summary>Production starts only with email set up; it goes to a folder of this run, where the account journeys read it.</summary>
        private readonly string _mail = Path.Combine(Path.GetTempPath(), $"backcare-browser-mail-{Guid.NewGuid():N}");

        public string MailFolder => _mail;

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
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (clock is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(clock));
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
