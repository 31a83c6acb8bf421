using BackCare.Data.Notifications;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Notifications;

/// <summary>Notifications by email: one line in Program.cs, after <c>AddEmail</c>.</summary>
internal static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<NotificationOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<NotificationOptions>>(provider => provider.GetRequiredService<NotificationOptionsSetup>());
        services.AddSingleton<IValidateOptions<NotificationOptions>>(provider => provider.GetRequiredService<NotificationOptionsSetup>());
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<NotificationMails>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationSender>());
        return services;
    }
}
