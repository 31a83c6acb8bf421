using BackCare.Data.Clinics;
using BackCare.Web.Appointments;

namespace BackCare.Web.Clinics;

/// <summary>Clinics, slots and booking: one line in Program.cs for the services, one for the endpoints and pages' helpers.</summary>
internal static class ClinicsSetup
{
    public static IServiceCollection AddClinics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BookingOptions>().Bind(configuration.GetSection(BookingOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();

        // The environment's default first, so that DemoClinic:Enabled, when set, wins over it in any environment.
        services.AddOptions<DemoClinicOptions>()
            .Configure<IHostEnvironment>((demo, environment) => demo.Enabled = environment.IsDevelopment())
            .Bind(configuration.GetSection(DemoClinicOptions.Section));
        services.AddScoped<DemoClinicSeeder>();
        services.AddScoped<BookingOffers>();
        services.AddSingleton(provider => Places.FromConfiguration(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>()));
        services.AddScoped<ClinicAdmin>();
        services.AddHostedService<ClinicUpkeep>();
        services.AddSingleton<Clinician.OutcomesRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<Clinician.OutcomesRefresher>());
        services.AddSingleton<Clinician.StalledRecoveryWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<Clinician.StalledRecoveryWatch>());
        return services;
    }

    public static IEndpointRouteBuilder MapClinics(this IEndpointRouteBuilder app)
    {
        app.MapClinicsApi();
        app.MapAppointmentsApi();
        return app;
    }
}
