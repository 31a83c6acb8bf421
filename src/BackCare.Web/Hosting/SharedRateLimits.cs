using System.Diagnostics;
using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace BackCare.Web.Hosting;

/// <summary>
/// The Redis server every instance counts its clients' requests in, when <c>RateLimiting:Redis</c> names one (a
/// StackExchange.Redis configuration string such as <c>127.0.0.1:6379</c>). One connection per instance, made at the first
/// request that needs it, never failing the start: while Redis does not answer, each instance counts on its own
/// (<see cref="SharedWindowLimiter"/>) and <c>/health/ready</c> says Degraded. See docs/decisions/0020-several-instances.md.
/// </summary>
internal sealed partial class SharedRateLimitStore : IDisposable
{
    public const string SettingKey = RateLimitingOptions.Section + ":Redis";

    private readonly Lazy<IConnectionMultiplexer> _connection;
    private readonly ILogger<SharedRateLimitStore> _log;
    private int _down;

    public SharedRateLimitStore(string configuration, ILogger<SharedRateLimitStore> log)
    {
        var options = Parse(configuration);
        _log = log;
        _connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public IConnectionMultiplexer Connection => _connection.Value;

    /// <summary>
    /// Reads the setting at start, so that a mistyped one stops the server with its name rather than failing every request.
    /// Never abort on a failed connect (Redis may start after BackCare) and fail at once while disconnected, instead of
    /// queueing every request's count for seconds.
    /// </summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new HostingConfigurationException($"{SettingKey} is not a Redis configuration string (for example 127.0.0.1:6379): {e.Message}", e);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new HostingConfigurationException($"{SettingKey} names no Redis server (for example 127.0.0.1:6379).");
        }

        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "backcare";
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        return options;
    }

    /// <summary>Redis answered a count: say so once after it had not.</summary>
    public void Answered()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            Back(_log);
        }
    }

    /// <summary>Redis did not answer a count: warn once, until it answers again.</summary>
    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Down(_log, exception);
        }
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis, where the instances share their rate limits, does not answer; until it does, this instance counts each client's requests on its own.")]
    private static partial void Down(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again; rate limits are shared across instances once more.")]
    private static partial void Back(ILogger logger);
}

/// <summary>
/// One client's fixed window of one kind, counted in Redis (RedisRateLimiting's fixed window, so every instance sees one
/// count), or by this instance alone while Redis does not answer: a limit that fails open would let a flood through
/// exactly when something is already wrong, and one that fails closed would refuse everyone.
/// </summary>
internal sealed class SharedWindowLimiter(string key, RateLimitWindow window, SharedRateLimitStore store) : RateLimiter
{
    private readonly RedisFixedWindowRateLimiter<string> _shared = new(key, new RedisFixedWindowRateLimiterOptions
    {
        PermitLimit = window.PermitLimit,
        Window = TimeSpan.FromSeconds(window.WindowSeconds),
        ConnectionMultiplexerFactory = () => store.Connection,
    });

    private readonly FixedWindowRateLimiter _local = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = window.PermitLimit,
        Window = TimeSpan.FromSeconds(window.WindowSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private long _lastUsed = Stopwatch.GetTimestamp();
    private int _inFlight;

    /// <summary>
    /// How long since a client last asked, so that ASP.NET Core drops the limiter of a client gone quiet (the count
    /// itself stays in Redis); null while a request is asking, so that it is never disposed under one, and while the
    /// fallback window holds a count.
    /// </summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 || _local.IdleDuration is null ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <summary>Never granted without asking Redis: the middleware then calls <see cref="AcquireAsyncCore"/>.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotYet.Instance;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var lease = await _shared.AcquireAsync(permitCount, cancellationToken);
            store.Answered();
            return lease;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            store.Failed(e);
            return await _local.AcquireAsync(permitCount, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class NotYet : RateLimitLease
    {
        public static readonly NotYet Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
