using System.Net;
using System.Threading.RateLimiting;
using BackCare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Clinics;

/// <summary>How often one client may send a clinic's contact form, from the configuration section <c>ContactForm</c>.</summary>
public sealed class ContactFormOptions
{
    public const string Section = "ContactForm";

    public int PermitLimit { get; set; } = 5;

    public int WindowMinutes { get; set; } = 60;
}

/// <summary>
/// Counts contact-form posts per client address. Only sending counts, so reading the form is never refused; a
/// fixed window keeps one address from filling a clinic's inbox. Counted in Redis with the other limits when
/// <c>RateLimiting:Redis</c> is set (one count across instances), in this process otherwise.
/// </summary>
public sealed class ContactLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ContactLimiter(IOptions<ContactFormOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var limits = options.Value;
        var store = services.GetService<SharedRateLimitStore>();
        _limiter = PartitionedRateLimiter.Create<string, string>(client => store is null
            ? RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = TimeSpan.FromMinutes(limits.WindowMinutes),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.Get(
                $"backcare:ContactForm:{client}",
                key => new SharedWindowLimiter(key, new RateLimitWindow { PermitLimit = limits.PermitLimit, WindowSeconds = limits.WindowMinutes * 60 }, store)));
    }

    public async ValueTask<bool> TryAcquireAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var lease = await _limiter.AcquireAsync(context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString(), cancellationToken: context.RequestAborted);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The clinics' contact forms, the message threads between people and clinics, and the clinician pages.</summary>
internal static class ClinicPagesSetup
{
    public static IServiceCollection AddClinicPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContactFormOptions>(configuration.GetSection(ContactFormOptions.Section));
        services.AddSingleton<ContactLimiter>();
        services.AddScoped<MessageThreads>();
        services.AddSingleton<Clinician.InboxWaitingCounts>();
        return services;
    }

    public static IEndpointRouteBuilder MapClinicMessages(this IEndpointRouteBuilder app) => MessagesApi.Map(app);
}
