namespace BackCare.Web.Check;

/// <summary>Options of the result page, from the configuration section <c>Emergency</c>.</summary>
public sealed class EmergencyOptions
{
    public const string Section = "Emergency";

    /// <summary>The number the result page tells a person to call in an emergency.</summary>
    public string Number { get; set; } = "911";
}

internal static class CheckSetup
{
    public static IServiceCollection AddCheck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CheckStateProtector>();
        services.AddScoped<CheckSaver>();
        services.Configure<EmergencyOptions>(configuration.GetSection(EmergencyOptions.Section));
        return services;
    }
}
