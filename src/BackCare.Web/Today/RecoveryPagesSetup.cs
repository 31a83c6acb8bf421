using BackCare.Web.Risk;

namespace BackCare.Web.Today;

/// <summary>The services of the signed-in recovery pages (today, the diary form, the risk screen); the pages themselves are Razor Pages.</summary>
internal static class RecoveryPagesSetup
{
    public static IServiceCollection AddRecoveryPages(this IServiceCollection services)
    {
        services.AddSingleton<RiskAnswersProtector>();
        return services;
    }
}
