using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BackCare.Web.Tests.Scaling;

/// <summary>
/// A redis-server of the test's own on a free loopback port (Debian's package), with no persistence, stopped when
/// disposed. Each test has its own, so that no two tests share a rate limit's count.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    public const string Program = "redis-server";

    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The value of RateLimiting:Redis for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Null when redis-server can be run here; otherwise why not.</summary>
    public static string? Missing() =>
        FindProgram() is null
            ? "redis-server is not installed (Debian: apt-get install redis-server). With BACKCARE_REQUIRE_CLUSTER=1 this test fails instead."
            : null;

    public static async Task<RedisServer> StartAsync()
    {
        var program = FindProgram() ?? throw new InvalidOperationException(Missing());
        var port = FreePort();
        var start = new ProcessStartInfo(program)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"redis-server did not answer on port {port} within 5 seconds.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on now (and so a Redis that does not answer).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindProgram() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
}

/// <summary>
/// A test that needs redis-server: skipped, with the reason, when it is not installed, unless BACKCARE_REQUIRE_CLUSTER=1
/// (set by .ci/run, which installs it) says it must be there; then it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("BACKCARE_REQUIRE_CLUSTER") != "1" && RedisServer.Missing() is { } reason)
        {
            Skip = reason;
        }
    }
}
