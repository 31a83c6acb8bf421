using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Hosting;

/// <summary>The kinds of traffic that each have their own per-client limit.</summary>
public enum RateLimitKind
{
    /// <summary>Everything under <c>/api</c>.</summary>
    Api,

    /// <summary>Everything under <c>/fhir</c>.</summary>
    Fhir,

    /// <summary>Everything under <c>/cds-services</c>.</summary>
    CdsHooks,

    /// <summary>Page forms that sign in or create something: an account, a booking, a message to a clinic.</summary>
    Forms,

    /// <summary>Every other page form (the check's questions, the diary, messages): generous, only against floods.</summary>
    Pages,
}

/// <summary>How many requests one client may send in one fixed window.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}

/// <summary>The per-client limits, one window per <see cref="RateLimitKind"/>, from <c>RateLimiting:&lt;Kind&gt;</c>.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>False only for load runs, which come from one client by design: then no endpoint carries a limit.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A Redis server (StackExchange.Redis configuration, for example <c>127.0.0.1:6379</c>) where every instance counts
    /// the same windows; unset, each instance counts on its own, so N instances let a client send N times the limit.
    /// </summary>
    public string? Redis { get; set; }

    public RateLimitWindow Api { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    public RateLimitWindow Fhir { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>A record system calls once each time a clinician opens a chart, often for a whole clinic from one address.</summary>
    public RateLimitWindow CdsHooks { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>A person mistypes a password a few times; a script tries hundreds. Lockout after five wrong passwords is per account, this is per client.</summary>
    public RateLimitWindow Forms { get; set; } = new() { PermitLimit = 20, WindowSeconds = 600 };

    /// <summary>A check is about fifteen posts; a person never sends two a second for a minute.</summary>
    public RateLimitWindow Pages { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    public RateLimitWindow For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Api => Api,
        RateLimitKind.Fhir => Fhir,
        RateLimitKind.CdsHooks => CdsHooks,
        RateLimitKind.Forms => Forms,
        RateLimitKind.Pages => Pages,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// The one place that decides which limit an endpoint carries: <see cref="WithRateLimits"/> on the group every
/// endpoint is mapped in chooses the policy from the route (<c>/api</c>, <c>/fhir</c>, <c>/cds-services</c>) or
/// the page (<see cref="FormPages"/>), so a new endpoint has a limit the day it is added.
/// </summary>
public static class RateLimits
{
    /// <summary>The pages whose form signs in or creates something (by their path under the pages' root).</summary>
    public static readonly IReadOnlySet<string> FormPages = new HashSet<string>(StringComparer.Ordinal)
    {
        "/Accounts/SignIn",
        "/Accounts/SignInCode",
        "/Accounts/TwoStep",
        "/Accounts/SignUp",
        "/Accounts/ForgotPassword",
        "/Accounts/ResetPassword",
        "/Accounts/Security",
        "/Accounts/ConfirmNewEmail",
        "/Clinics/Contact",
        "/Appointments/Confirm",
        "/Appointments/Reschedule",
    };

    private static readonly (string Prefix, RateLimitKind Kind)[] RoutePrefixes =
    [
        ("/api", RateLimitKind.Api),
        ("/fhir", RateLimitKind.Fhir),
        ("/cds-services", RateLimitKind.CdsHooks),
    ];

    public static string PolicyName(RateLimitKind kind) => kind.ToString();

    internal static IServiceCollection AddBackCareRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitingOptions>(configuration.GetSection(RateLimitingOptions.Section));
        if (configuration[SharedRateLimitStore.SettingKey] is { Length: > 0 } redis)
        {
            _ = SharedRateLimitStore.Parse(redis);
            services.AddSingleton(provider => new SharedRateLimitStore(redis, provider.GetRequiredService<ILogger<SharedRateLimitStore>>()));
        }

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectTooManyRequests;
            foreach (var kind in Enum.GetValues<RateLimitKind>())
            {
                options.AddPolicy(PolicyName(kind), context => Partition(context, kind));
            }
        });
        return services;
    }

    /// <summary>
    /// Gives every endpoint mapped in <paramref name="group"/> the limit of its kind (none when limits are switched off).
    /// <c>Finally</c>, because a page's descriptor is among its metadata only once its own conventions have run.
    /// </summary>
    public static RouteGroupBuilder WithRateLimits(this RouteGroupBuilder group, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            ((IEndpointConventionBuilder)group).Finally(endpoint =>
            {
                if (KindOf(endpoint) is { } kind)
                {
                    endpoint.Metadata.Add(new EnableRateLimitingAttribute(PolicyName(kind)));
                }
            });
        }

        return group;
    }

    /// <summary>The kind of an endpoint: by page, then by route prefix; any other endpoint that accepts a write is a page form.</summary>
    public static RateLimitKind? KindOf(EndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.OfType<PageActionDescriptor>().FirstOrDefault() is { } page)
        {
            return FormPages.Contains(page.ViewEnginePath) ? RateLimitKind.Forms : RateLimitKind.Pages;
        }

        var path = "/" + ((endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "").TrimStart('/');
        foreach (var (prefix, kind) in RoutePrefixes)
        {
            if (path == prefix || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods;
        return methods is null || methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)) ? RateLimitKind.Pages : null;
    }

    /// <summary>
    /// A fixed window per client and kind, counted in Redis when <see cref="RateLimitingOptions.Redis"/> is set (every
    /// instance adds to one count), in this process otherwise. Page forms count only what they are sent: reading a form
    /// (GET) is never refused, so a person who was told to wait can still read the page.
    /// </summary>
    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitKind kind)
    {
        if (kind is RateLimitKind.Forms or RateLimitKind.Pages && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var window = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.For(kind);
        if (context.RequestServices.GetService<SharedRateLimitStore>() is { } store)
        {
            // The kind is in the key: Redis holds every policy's windows side by side.
            return RateLimitPartition.Get($"backcare:{kind}:{ClientKey(context)}", key => new SharedWindowLimiter(key, window, store));
        }

        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = TimeSpan.FromSeconds(window.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The client's IP address; behind a proxy, configure forwarded headers so that this is the real client.</summary>
    private static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    /// <summary>How long until the window ends: .NET's limiters give a <see cref="TimeSpan"/>, RedisRateLimiting whole seconds.</summary>
    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var wait) switch
        {
            true when wait is TimeSpan time => time,
            true when wait is int seconds => TimeSpan.FromSeconds(seconds),
            _ => TimeSpan.FromSeconds(1),
        };

    /// <summary>429 with <c>Retry-After</c>: a problem document for the API, FHIR and CDS Hooks, a plain page for people.</summary>
    private static async ValueTask RejectTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = Math.Max(1, (int)Math.Ceiling(RetryAfter(rejected.Lease).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (RoutePrefixes.Any(r => context.Request.Path.StartsWithSegments(r.Prefix)))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This client has sent too many requests. Try again in {seconds} seconds.").ExecuteAsync(context);
            return;
        }

        var text = SiteText.English;
        var html = HtmlEncoder.Default;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{html.Encode(text.TooManyRequests("title"))} - BackCare</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
            $"<body><main id=\"main\" class=\"page\"><h1>{html.Encode(text.TooManyRequests("title"))}</h1>" +
            $"<p>{html.Encode(text.TooManyRequestsWait(seconds))}</p>" +
            $"<p><a href=\"/\">{html.Encode(text.TooManyRequests("home"))}</a></p></main></body></html>",
            cancellationToken);
    }
}
