using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackCare.Web.Tests;

/// <summary>
/// The real BackCare host in memory, in Production. Every rate limit is raised so that ordinary tests never meet
/// them; the flood tests make their own host with a small limit. The demo clinic is asked for
/// (<c>DemoClinic:Enabled=true</c>, as an operator trying BackCare would), since most tests book its times; a test of the
/// default removes the setting with <see cref="Without"/>. Each host has its own temporary SQLite file, deleted when the
/// host is disposed, unless the host was opened on a file the test keeps.
/// </summary>
public sealed class BackCareFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private string _environment = "Production";
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
        _settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Api:PermitLimit"] = "100000",
            ["RateLimiting:Fhir:PermitLimit"] = "100000",
            ["RateLimiting:CdsHooks:PermitLimit"] = "100000",
            ["RateLimiting:Forms:PermitLimit"] = "100000",
            ["RateLimiting:Pages:PermitLimit"] = "100000",
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:BackCare"] = $"Data Source={databasePath}",
            ["DemoClinic:Enabled"] = "true",
        };
    }

    public string DatabasePath { get; }

    /// <summary>Every log entry the host wrote, for tests of what is (and is not) logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>A host on a SQLite file the caller owns (and deletes with <see cref="DeleteDatabase"/>): for restart tests.</summary>
    public static BackCareFactory OnDatabase(string databasePath) => new(databasePath, ownsDatabase: false);

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
    }

    /// <summary>A host with some settings changed (for example a small rate limit).</summary>
    public static BackCareFactory With(Dictionary<string, string?> settings)
    {
        var factory = new BackCareFactory();
        foreach (var (key, value) in settings)
        {
            factory._settings[key] = value;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
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
