using BackCare.Web.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BackCare.Web.Email;

/// <summary>Email: one line in Program.cs. Registers the outbox the configuration asks for and the composer of its messages.</summary>
internal static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<EmailOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<EmailOptions>>(provider => provider.GetRequiredService<EmailOptionsSetup>());
        services.AddSingleton<IValidateOptions<EmailOptions>>(provider => provider.GetRequiredService<EmailOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SmtpMailOutbox>();
        services.AddSingleton<PickupMailOutbox>();
        services.AddSingleton<IMailOutbox>(provider =>
            provider.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.Pickup
                ? provider.GetRequiredService<PickupMailOutbox>()
                : provider.GetRequiredService<SmtpMailOutbox>());
        services.AddSingleton(new MailComposer(MailText.English));
        services.AddSingleton<MailSender>();
        services.AddHostedService(provider => provider.GetRequiredService<MailSender>());
        return services;
    }
}
