using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackCare.Web.Tests;

/// <summary>
/// The real BackCare host in memory, in Production. Every rate limit is raised so that ordinary tests never meet
/// them; the flood tests make their own host with a small limit. The demo clinic is asked for
/// (<c>DemoClinic:Enabled=true</c>, as an operator trying BackCare would), since most tests book its times; a test of the
/// default removes the setting with <see cref="Without"/>. Each host has its own temporary SQLite file, deleted when the
/// host is disposed, unless the host was opened on a file the test keeps. Email goes to a pickup folder of the host's
/// own (<see cref="PickupFolder"/>), since Production refuses to start without email set up; a test that reads the
/// messages gives the host the settings of an SMTP test server (Email/SmtpTestServer.cs).
/// </summary>
public sealed class BackCareFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private string _environment = Environments.Production;
    private TimeProvider? _clock;
    private Action<IServiceCollection>? _testServices;

    public BackCareFactory()
        : this(Path.Combine(Path.GetTempPath(), $"backcare-web-{Guid.NewGuid():N}.db"), ownsDatabase: true)
    {
    }

    private BackCareFactory(string databasePath, bool ownsDatabase)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        PickupFolder = Path.Combine(Path.GetTempPath(), $"backcare-mail-{Guid.NewGuid():N}");

        // The host runs as Production, whose cookies are Secure (Hosting/HostOnlyCookies.cs): its clients speak HTTPS,
        // as a browser in front of a real server does. A test of plain HTTP names http:// in its request.
        ClientOptions.BaseAddress = HttpsBase;
        _settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Api:PermitLimit"] = "100000",
            ["RateLimiting:Fhir:PermitLimit"] = "100000",
            ["RateLimiting:CdsHooks:PermitLimit"] = "100000",
            ["RateLimiting:Forms:PermitLimit"] = "100000",
            ["RateLimiting:Pages:PermitLimit"] = "100000",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:BackCare"] = $"Data Source={databasePath}",
            ["Email:Mode"] = "Pickup",
            ["Email:PickupFolder"] = PickupFolder,
            ["DemoClinic:Enabled"] = "true",
        };
    }

    /// <summary>The address every client of these hosts starts from (localhost never gets HSTS).</summary>
    public static Uri HttpsBase { get; } = new("https://localhost");

    public string DatabasePath { get; }

    /// <summary>Where the host writes its email unless a test sets Email:Mode; deleted with the host.</summary>
    public string PickupFolder { get; }

    /// <summary>Every log entry the host wrote, for tests of what is (and is not) logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>
    /// A host on a SQLite file the caller owns (and deletes with <see cref="DeleteDatabase"/>): for restart tests, and
    /// for two servers sharing one database, with some settings changed if need be.
    /// </summary>
    public static BackCareFactory OnDatabase(string databasePath, Dictionary<string, string?>? settings = null)
    {
        var factory = new BackCareFactory(databasePath, ownsDatabase: false);
        foreach (var (key, value) in settings ?? [])
        {
            factory._settings[key] = value;
        }

        return factory;
    }

    public static void DeleteDatabase(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(databasePath + suffix);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }

        if (disposing && Directory.Exists(PickupFolder))
        {
            Directory.Delete(PickupFolder, recursive: true);
        }
    }

    /// <summary>
    /// A host with some settings changed (for example a small rate limit); a null value removes one of the defaults
    /// above, as if it had never been set. <paramref name="environment"/> is Production unless a test is about another.
    /// </summary>
    public static BackCareFactory With(Dictionary<string, string?> settings, string? environment = null)
    {
        var factory = new BackCareFactory { _environment = environment ?? Environments.Production };
        foreach (var (key, value) in settings)
        {
            if (value is null)
            {
                factory._settings.Remove(key);
            }
            else
            {
                factory._settings[key] = value;
            }
        }

        return factory;
    }

    /// <summary>A host without some of the tests' usual settings (the demo clinic, say), so that BackCare's defaults apply.</summary>
    public static BackCareFactory Without(params string[] keys)
    {
        var factory = new BackCareFactory();
        foreach (var key in keys)
        {
            factory._settings.Remove(key);
        }

        return factory;
    }

    /// <summary>A host in another environment (Development), with the tests' usual settings.</summary>
    public static BackCareFactory InEnvironment(string environment, params string[] without)
    {
        var factory = Without(without);
        factory._environment = environment;
        return factory;
    }

    /// <summary>A host whose clock is the test's: slots, bookings and "today" all follow it.</summary>
    public static BackCareFactory WithClock(TimeProvider clock) => new() { _clock = clock };

    /// <summary>A host with services only a test adds (a filter that fails on purpose, say).</summary>
    public static BackCareFactory WithTestServices(Action<IServiceCollection> configure, Dictionary<string, string?>? settings = null)
    {
        var factory = With(settings ?? []);
        factory._testServices = configure;
        return factory;
    }

    /// <summary>Adds services only a test has (a clock, say) to this host, whichever way it was made.</summary>
    public BackCareFactory WithServices(Action<IServiceCollection> configure)
    {
        _testServices += configure;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IStartupFilter, TestClientAddress>();
        });
        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (_testServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}

internal static class SharedFiles
{
    /// <summary>The shared folder beside the worktree (../shared), found by walking up from the test binaries.</summary>
    public static string Shared(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find shared/{relative} above {AppContext.BaseDirectory}.");
    }
}

/// <summary>
/// The in-memory server has no network, so every request comes from nowhere. A test names the client's address in
/// <see cref="Header"/> (to sign in "from another place", say), and this sets it before anything reads it.
/// </summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
