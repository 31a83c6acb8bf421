using BackCare.Clinical;
using BackCare.Clinical.Findings;
using BackCare.Web.Content;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackCare.Web.Health;

/// <summary>
/// <c>/health/live</c> says the process answers; <c>/health/ready</c> says it can do its work: the database answers a
/// query within <see cref="DatabaseHealthCheck.Timeout"/>, the engine's content files load and the education library was
/// found. A load balancer sends requests only to instances that are ready (503 when not). When the rate limits are
/// shared in Redis, a Redis that does not answer makes the answer Degraded (still 200: the instance counts on its own
/// meanwhile, and taking every instance out of the balancer for it would stop the whole service).
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddBackCareHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<RateLimitStoreHealthCheck>("rate-limit-store", tags: [ReadyTag])
            .AddCheck("engine-content", CheckEngineContent, [ReadyTag])
            .AddCheck<ContentLibraryHealthCheck>("education-library", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).WithTags("Health");
        return app;
    }

    private static HealthCheckResult CheckEngineContent()
    {
        try
        {
            _ = FindingCatalog.All.Select(d => d.Question).ToArray();
            _ = ClinicalText.Rule(Clinical.Triage.TriageRules.NoRedFlagsRuleId);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is InvalidOperationException or KeyNotFoundException)
        {
            return HealthCheckResult.Unhealthy("The engine's content files did not load.", exception);
        }
    }
}

internal sealed class ContentLibraryHealthCheck(ContentLibrary library) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(library.Pages.Count > 0
            ? HealthCheckResult.Healthy($"{library.Pages.Count} pages, {library.Exercises.Count} exercises")
            : HealthCheckResult.Degraded($"No education pages were found under {library.Root}."));
}

/// <summary>The database answers a trivial query in time; a closed, unreachable or dropped database makes the instance not ready.</summary>
internal sealed class DatabaseHealthCheck(BackCare.Data.BackCareDbContext db) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (!await db.Database.CanConnectAsync(timeout.Token))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            // A query on the schema, not only a connection: a database left without BackCare's tables is not ready either.
            _ = await db.Accounts.AsNoTracking().AnyAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Whatever the database throws, the answer is "not ready", with the reason in the log.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}

/// <summary>
/// Redis, when <c>RateLimiting:Redis</c> is set: Healthy when it answers a PING within
/// <see cref="DatabaseHealthCheck.Timeout"/>, Degraded when not (see <see cref="Hosting.SharedWindowLimiter"/>).
/// </summary>
internal sealed class RateLimitStoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<Hosting.SharedRateLimitStore>() is not { } store)
        {
            return HealthCheckResult.Healthy("Rate limits are counted by each instance (RateLimiting:Redis is not set).");
        }

        try
        {
            var ping = await store.Connection.GetDatabase().PingAsync().WaitAsync(DatabaseHealthCheck.Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {ping.TotalMilliseconds:0.0} ms.");
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; this instance counts rate limits on its own.", exception);
        }
    }
}
