using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Playwright;
using Npgsql;

namespace BackCare.Browser.Tests;

/// <summary>
/// Whether the local cluster's programs are here (PostgreSQL 15, redis-server, nginx, openssl), and whether their
/// absence fails the run (CI: <c>BACKCARE_REQUIRE_CLUSTER=1</c>) or skips the cluster's tests (a laptop).
/// </summary>
internal static class ClusterTools
{
    public static bool IsRequired => Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_CLUSTER") == "1";

    /// <summary>What is missing, as apt-get names it; empty when everything is here.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!File.Exists("/usr/lib/postgresql/15/bin/initdb"))
        {
            missing.Add("postgresql-15");
        }

        foreach (var (program, package) in new[] { ("redis-server", "redis-server"), ("nginx", "nginx"), ("openssl", "openssl") })
        {
            if (!OnPath(program) && !File.Exists($"/usr/sbin/{program}"))
            {
                missing.Add(package);
            }
        }

        return missing;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}

/// <summary>
/// A browser test through the local cluster (deploy/local-cluster.sh): skipped, saying why, when Chromium or the
/// cluster's programs are missing and not required; with BACKCARE_REQUIRE_CHROMIUM=1 or BACKCARE_REQUIRE_CLUSTER=1
/// what is missing makes it fail instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        Skip = new ChromiumFactAttribute().Skip;
        var missing = ClusterTools.Missing();
        if (Skip is null && missing.Count > 0 && !ClusterTools.IsRequired)
        {
            Skip = $"The local cluster needs {string.Join(", ", missing)} (apt-get install nginx redis-server postgresql openssl). " +
                "Set BACKCARE_REQUIRE_CLUSTER=1 to make this a failure.";
        }
    }
}

/// <summary>
/// Three BackCare instances on one PostgreSQL behind nginx with TLS, started with <c>deploy/local-cluster.sh start 3</c>
/// in a state folder of the run, on ten free ports below Linux's range for outgoing connections (as
/// deploy/test-local-cluster.sh picks them), and stopped with <c>stop</c> when the test class is done. The demo clinic
/// has a clinician of its own here (not the SQLite host's, whose two-step key another journey keeps), the outbox is
/// polled every 2 s, and the diary nudge is due at <see cref="NudgeDueUtc"/>, a few minutes after the start.
/// </summary>
public sealed class LocalCluster : IAsyncLifetime, IDisposable
{
    public const string ClinicianEmail = "clinician@cluster.backcare.invalid";

    /// <summary>Long enough for the start and the first steps of a journey on a busy machine, short enough to wait for.</summary>
    private static readonly TimeSpan NudgeAfterStart = TimeSpan.FromSeconds(120);

    private readonly string _root = RepositoryRoot();
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("backcare-cluster-browser-");
    private readonly int _port = FreePorts();
    private readonly StringBuilder _log = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private X509Certificate2? _certificate;

    public LocalCluster()
    {
        var start = DateTime.UtcNow + NudgeAfterStart;
        NudgeDueUtc = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
    }

    /// <summary>nginx's HTTPS address.</summary>
    public Uri BaseAddress => new($"https://127.0.0.1:{_port}/");

    /// <summary>The instances, as nginx names them in X-BackCare-Upstream.</summary>
    public IReadOnlyList<string> Instances => [.. Enumerable.Range(1, 3).Select(i => $"127.0.0.1:{_port + i}")];

    public string MailFolder => Path.Combine(_state.FullName, "mail");

    /// <summary>Today's diary nudge (Notifications:DiaryNudgeTime, UTC).</summary>
    public DateTime NudgeDueUtc { get; }

    /// <summary>How long <c>local-cluster.sh start 3</c> took, publishing included.</summary>
    public TimeSpan StartTook { get; private set; }

    /// <summary>The cluster's own PostgreSQL, which trusts loopback.</summary>
    public string DatabaseConnection => $"Host=127.0.0.1;Port={_port + 8};Username=backcare;Database=backcare;Pooling=false";

    /// <summary>A phone-sized page on the cluster, through nginx.</summary>
    public Task<IPage> NewPhonePage() => BrowserHost.NewPhonePage(Started(_browser), BaseAddress);

    /// <summary>A laptop-sized page on the cluster, through nginx.</summary>
    public Task<IPage> NewLaptopPage() => BrowserHost.NewLaptopPage(Started(_browser), BaseAddress);

    public async Task InitializeAsync()
    {
        if (new ChromiumFactAttribute().Skip is not null || (ClusterTools.Missing().Count > 0 && !ClusterTools.IsRequired))
        {
            return;
        }

        if (ClusterTools.Missing() is { Count: > 0 } missing)
        {
            throw new InvalidOperationException(
                $"BACKCARE_REQUIRE_CLUSTER=1 but the local cluster's {string.Join(", ", missing)} are not installed (apt-get install nginx redis-server postgresql openssl).");
        }

        var started = Stopwatch.StartNew();
        var (code, output) = await RunAsync("start", "3");
        StartTook = started.Elapsed;
        if (code != 0)
        {
            var logs = Logs();
            await RunAsync("stop");
            throw new InvalidOperationException($"deploy/local-cluster.sh start 3 failed ({code}):\n{output}\n{logs}");
        }

        _certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(string.Concat(
            File.ReadAllLines(Path.Combine(_state.FullName, "tls", "cert.pem")).Where(line => !line.StartsWith("-----", StringComparison.Ordinal)))));
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserHost.Launch(_playwright);
    }

    /// <summary>A client for nginx's HTTPS that trusts the cluster's own certificate and no other.</summary>
    public HttpClient CreateHttpClient()
    {
        var thumbprint = Started(_certificate).Thumbprint;
        return new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                    presented is X509Certificate2 certificate && certificate.Thumbprint == thumbprint
                    && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0,
            },
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(DatabaseConnection);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The instance (1 to 3) that leads the background work now, from the last role each one logged.</summary>
    public int Leader()
    {
        var leaders = Enumerable.Range(1, 3).Where(i => LastRole(i) == "leads").ToList();
        return leaders.ShouldHaveSingleItem($"one instance leads; the logs say {string.Join(", ", Enumerable.Range(1, 3).Select(i => $"{i}: {LastRole(i)}"))}");
    }

    /// <summary>SIGKILL to one instance: it ends at once, with whatever it was doing, as in a power cut or the OOM killer.</summary>
    public void Kill(int instance)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(_state.FullName, $"web-{instance}.pid")).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>What the script and the programs wrote, for a failing test's message.</summary>
    public string Logs()
    {
        var logs = new StringBuilder();
        lock (_log)
        {
            logs.Append(_log);
        }

        foreach (var file in Directory.Exists(Path.Combine(_state.FullName, "logs")) ? Directory.GetFiles(Path.Combine(_state.FullName, "logs"), "*.log") : [])
        {
            var lines = ReadShared(file).Split('\n');
            logs.Append(CultureInfo.InvariantCulture, $"== {Path.GetFileName(file)}\n{string.Join('\n', lines.TakeLast(20))}\n");
        }

        return logs.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();

        if (Directory.Exists(Path.Combine(_state.FullName, "logs")))
        {
            var (code, output) = await RunAsync("stop");
            code.ShouldBe(0, $"deploy/local-cluster.sh stop:\n{output}");
        }
    }

    public void Dispose()
    {
        _certificate?.Dispose();
        try
        {
            _state.Delete(recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL's folder belongs to the postgres user when the tests run as root; the temporary folder is left.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static T Started<T>(T? what)
        where T : class => what ?? throw new InvalidOperationException("The cluster did not start.");

    private string? LastRole(int instance)
    {
        var file = Path.Combine(_state.FullName, "logs", $"web-{instance}.log");
        if (!File.Exists(file))
        {
            return null;
        }

        const string Marker = "\"Role\":\"";
        var line = ReadShared(file).Split('\n').LastOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].Split('"')[0];
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "deploy", "local-cluster.sh"))
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var settings = new Dictionary<string, string>
        {
            ["BACKCARE_CLUSTER_DIR"] = _state.FullName,
            ["BACKCARE_CLUSTER_PORT"] = Port(0),
            ["BACKCARE_CLUSTER_HTTP_PORT"] = Port(7),
            ["BACKCARE_CLUSTER_PG_PORT"] = Port(8),
            ["BACKCARE_CLUSTER_REDIS_PORT"] = Port(9),
            ["DemoClinic__Enabled"] = "true",
            ["DemoClinic__ClinicianEmail"] = ClinicianEmail,
            ["DemoClinic__ClinicianPassword"] = DemoClinician.Password,
            ["Notifications__PollSeconds"] = "2",
            ["Notifications__DiaryNudgeTime"] = NudgeDueUtc.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Notifications__DiaryNudgeTimeZone"] = "UTC",
        };
#if !DEBUG
        // A Release run of the tests comes after a Release build of the solution, as in .ci/run: publish it as it is.
        settings["BACKCARE_CLUSTER_NO_BUILD"] = "1";
#endif
        foreach (var kind in new[] { "Api", "Fhir", "CdsHooks", "Forms", "Pages" })
        {
            // Every request here comes from 127.0.0.1, one client to the limits shared in Redis.
            settings[$"RateLimiting__{kind}__PermitLimit"] = "100000";
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        lock (output)
        {
            lock (_log)
            {
                _log.Append(CultureInfo.InvariantCulture, $"$ deploy/local-cluster.sh {string.Join(' ', arguments)}\n{output}");
            }

            return (process.ExitCode, output.ToString());
        }
    }

    private string Port(int offset) => (_port + offset).ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>
    /// The first of ten ports in a row that nothing listens on, below 32768 so no outgoing connection's own end takes
    /// one meanwhile: nginx's HTTPS on it, the instances on the next three, nginx's HTTP on the eighth, PostgreSQL and
    /// Redis on the last two. The search starts at a place of its own, away from deploy/test-local-cluster.sh's.
    /// </summary>
    private static int FreePorts()
    {
        var bases = Enumerable.Range(0, (32700 - 24080) / 10).Select(i => 24080 + (i * 10)).ToList();
        var first = Random.Shared.Next(bases.Count);
        foreach (var candidate in bases.Skip(first).Concat(bases.Take(first)))
        {
            if (Enumerable.Range(0, 10).All(i => Free(candidate + i)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No ten free ports in a row between 24080 and 32700 on 127.0.0.1.");
    }

    private static bool Free(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "deploy", "local-cluster.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No deploy/local-cluster.sh above {AppContext.BaseDirectory}.");
    }
}
