using BackCare.Clinical;
using BackCare.Clinical.Findings;
using BackCare.Web.Content;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackCare.Web.Health;

/// <summary>
/// <c>/health/live</c> says the process answers; <c>/health/ready</c> says it can do its work: the engine's
/// content files load and the education library was found.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddBackCareHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
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
